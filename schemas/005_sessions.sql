-- 005: review sessions and what-if scenarios.
--
-- Two blocks, written in parallel: review sessions (agenda, notes,
-- decisions) and scenarios. The lead merges them into this one file.

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
--   session_id   the review session it was discussed in, if any (sessions
--                are defined in the block above; no REFERENCES here so that
--                either block stands alone)
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
  session_id  INTEGER,
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
