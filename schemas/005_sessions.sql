-- 005: review sessions (and, in their own block, what-if scenarios).

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
