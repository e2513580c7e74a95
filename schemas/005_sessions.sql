-- 005: review sessions and what-if scenarios, in two blocks.

-- sessions
--
-- A review session is a board meeting or deep-dive run from the workbench:
-- an agenda of board views, presented in turn, with what the secretariat
-- records against each item. See workbench/data/sessions.hpp and
-- schemas/README.md section 15.
--
-- sessions
--   title, board, held_on   what the meeting is, whose it is, its date
--   attendees               one name per line, as typed
--   created_at              UTC, when the session was made
--   started_at              UTC, when it was first presented (NULL before)
--   data_fingerprint        the database content fingerprint at the start
--   packs                   the packs' names and versions at the start, a
--                           JSON array of {name, version}
--
-- agenda_items: the agenda, in `position` order (1, 2, ...; unique per
-- session). view_id names a gov.view; params is a JSON object of the
-- view's parameters (text values); note is what the item is for.
--
-- session_records: what was recorded against an agenda item, oldest first.
-- kind 'note' and 'decision' keep their text here; kind 'action' points at
-- the action_items row it created (actions live in the actions table, so
-- the register's linked actions show them), and is written by the edit
-- path (edits.hpp) with its audit rows. A note or decision is written in
-- a transaction of its own as soon as it is typed (see sessions.hpp).
--
-- agenda_snapshots: each agenda item's resolved view tree (JSON) as it was
-- presented, with the fingerprint and packs it was built on; the latest
-- presentation of an item replaces the one before. The minutes render
-- these, so "as presented" stays exact after the data or packs change.

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY,
  title            TEXT    NOT NULL CHECK (length(trim(title)) > 0),
  board            TEXT    NOT NULL DEFAULT '',
  held_on          TEXT    NOT NULL CHECK (date(held_on) IS held_on),
  attendees        TEXT    NOT NULL DEFAULT '',
  created_at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  started_at       TEXT,
  data_fingerprint TEXT,
  packs            TEXT    CHECK (packs IS NULL OR (json_valid(packs) AND json_type(packs) = 'array')),
  CHECK ((started_at IS NULL) = (data_fingerprint IS NULL))
);

CREATE TABLE agenda_items (
  id         INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  position   INTEGER NOT NULL CHECK (position > 0),
  view_id    TEXT    NOT NULL CHECK (length(view_id) > 0),
  params     TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(params) AND json_type(params) = 'object'),
  note       TEXT    NOT NULL DEFAULT '',
  UNIQUE (session_id, position)
);

CREATE TABLE session_records (
  id             INTEGER PRIMARY KEY,
  item_id        INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
  kind           TEXT    NOT NULL CHECK (kind IN ('note', 'decision', 'action')),
  text           TEXT    NOT NULL DEFAULT '',
  action_item_id INTEGER REFERENCES action_items (id),
  at             TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who            TEXT,
  CHECK ((kind = 'action') = (action_item_id IS NOT NULL))
);
CREATE INDEX idx_session_records_item ON session_records (item_id);

CREATE TABLE agenda_snapshots (
  item_id          INTEGER PRIMARY KEY REFERENCES agenda_items (id) ON DELETE CASCADE,
  presented_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  data_fingerprint TEXT    NOT NULL,
  tree             TEXT    NOT NULL CHECK (json_valid(tree))
);

------------------------------------------------------------------------------
-- scenarios
------------------------------------------------------------------------------
--
-- A scenario is a named set of proposed changes ("risk 9's likelihood
-- M -> H", "this control slipped", "this action complete") kept apart from
-- the register. The engine evaluates indicators, scores and views under it
-- through an overlay on its read-only connection (docs/SCENARIOS.md); the
-- governance tables are not touched until the scenario is applied, and then
-- only through the edit API (edits, audit_log), all changes in one
-- transaction.
--
-- scenarios
--   name         what people call it; unique, case-insensitive
--   description  optional free text
--   as_of        the date its changes take effect: a risk change is the
--                risk's assessment of that date, a control change the
--                progress of that date's calendar quarter (as the edit API
--                records them when the scenario is applied)
--   session_id   the review session it was discussed in, if any (NULL
--                again when that session is deleted)
--   created_at, created_by   when and by which operating-system user
--   applied_at, applied_by   set when it was applied; an applied scenario
--                can no longer be changed or applied again, and is kept so
--                that minutes can list it
--
-- scenario_changes: at most one change per scenario and thing changed.
--   kind         'risk' (risks.id in target_id: likelihood and/or impact),
--                'control' (controls.id: progress),
--                'action' (action_items.id: status and/or rag)
--   a NULL value means "as it stands"; at least one value is set.

CREATE TABLE scenarios (
  id          INTEGER PRIMARY KEY,
  name        TEXT    NOT NULL UNIQUE COLLATE NOCASE
                      CHECK (length(trim(name)) > 0 AND length(name) <= 100),
  description TEXT,
  as_of       TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  session_id  INTEGER REFERENCES sessions (id) ON DELETE SET NULL,
  created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by  TEXT,
  applied_at  TEXT,
  applied_by  TEXT
);

CREATE TABLE scenario_changes (
  id          INTEGER PRIMARY KEY,
  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL CHECK (kind IN ('risk', 'control', 'action')),
  target_id   INTEGER NOT NULL,
  likelihood  TEXT    CHECK (likelihood IN ('VL', 'L', 'M', 'H', 'VH')),
  impact      TEXT    CHECK (impact IN ('VL', 'L', 'M', 'H', 'VH')),
  progress    TEXT    CHECK (progress IN ('on_track', 'limited', 'slipped', 'no_progress')),
  status      TEXT    CHECK (status IN ('planned', 'in_progress', 'complete', 'on_hold', 'withdrawn')),
  rag         TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  UNIQUE (scenario_id, kind, target_id),
  CHECK (kind <> 'risk' OR (progress IS NULL AND status IS NULL AND rag IS NULL
                            AND (likelihood IS NOT NULL OR impact IS NOT NULL))),
  CHECK (kind <> 'control' OR (progress IS NOT NULL AND likelihood IS NULL AND impact IS NULL
                               AND status IS NULL AND rag IS NULL)),
  CHECK (kind <> 'action' OR (likelihood IS NULL AND impact IS NULL AND progress IS NULL
                              AND (status IS NOT NULL OR rag IS NOT NULL)))
);
CREATE INDEX idx_scenario_changes_scenario ON scenario_changes (scenario_id);
