-- 003: what the evaluation engine keeps.
--
-- settings: workspace settings (the active scoring rule, script budgets).
-- indicator_results: stored evaluations with their provenance.
-- risk_scores: stored scores; each names the rule and pack version that
--   produced it, so changing the active rule never rewrites history.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY CHECK (key IN ('scoring.rule', 'script.time_budget_ms', 'script.memory_cap_mb')),
  value TEXT NOT NULL,
  CHECK (key <> 'script.time_budget_ms' OR (CAST(value AS INTEGER) = value AND CAST(value AS INTEGER) BETWEEN 10 AND 600000)),
  CHECK (key <> 'script.memory_cap_mb' OR (CAST(value AS INTEGER) = value AND CAST(value AS INTEGER) BETWEEN 8 AND 4096))
);

CREATE TABLE indicator_results (
  id              INTEGER PRIMARY KEY,
  indicator_id    TEXT    NOT NULL,
  pack            TEXT    NOT NULL,
  pack_version    TEXT    NOT NULL,
  definition_hash TEXT    NOT NULL,   -- hash of the pack's files when evaluated
  data_fingerprint TEXT   NOT NULL,   -- hash of the database content evaluated
  as_of           TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  evaluated_at    TEXT    NOT NULL,   -- UTC, ISO 8601
  status          TEXT    NOT NULL CHECK (status IN ('ok', 'no_data', 'error')),
  kind            TEXT    NOT NULL CHECK (kind IN ('number', 'series', 'breakdown', 'none')),
  value           REAL,
  rag             TEXT    CHECK (rag IN ('red', 'amber', 'green', 'blue')),
  explanation     TEXT,
  error           TEXT,
  result_json     TEXT    NOT NULL    -- the whole result, as `govbench eval --format json` prints it
);
CREATE INDEX indicator_results_by_indicator ON indicator_results (indicator_id, as_of);

CREATE TABLE risk_scores (
  id           INTEGER PRIMARY KEY,
  risk_id      INTEGER NOT NULL REFERENCES risks (id),
  as_of        TEXT    NOT NULL CHECK (date(as_of) IS as_of),
  position     TEXT    NOT NULL CHECK (position IN ('current', 'target')),
  likelihood   TEXT    NOT NULL,
  impact       TEXT    NOT NULL,
  rule_id      TEXT    NOT NULL,
  pack         TEXT    NOT NULL,
  pack_version TEXT    NOT NULL,
  score        REAL    NOT NULL,
  band         TEXT    NOT NULL CHECK (band IN ('red', 'amber', 'green', 'blue')),
  scored_at    TEXT    NOT NULL
);
CREATE INDEX risk_scores_by_risk ON risk_scores (risk_id, as_of, rule_id);
