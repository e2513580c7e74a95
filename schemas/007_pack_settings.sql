-- 007: pack parameters as workspace settings.
--
-- A pack declares parameters in pack.lua (`parameters = { name = { default
-- = "...", description = "..." } }`); a database may give one another value
-- with the setting key pack.<pack>.<parameter> (`govbench setting --db FILE
-- pack.trust-confidence.groups_table pas_2024`). The settings table's key
-- check is widened to allow such keys; the table is rebuilt because SQLite
-- cannot change a CHECK constraint in place.

CREATE TABLE settings_007 (
  key   TEXT PRIMARY KEY CHECK (
          key IN ('scoring.rule', 'script.time_budget_ms', 'script.memory_cap_mb')
          OR (key GLOB 'pack.[a-z]*.[a-z]*' AND key NOT GLOB '*[^a-z0-9._-]*' AND length(key) <= 200)),
  value TEXT NOT NULL,
  CHECK (key <> 'script.time_budget_ms' OR (CAST(value AS INTEGER) = value AND CAST(value AS INTEGER) BETWEEN 10 AND 600000)),
  CHECK (key <> 'script.memory_cap_mb' OR (CAST(value AS INTEGER) = value AND CAST(value AS INTEGER) BETWEEN 8 AND 4096))
);
INSERT INTO settings_007 (key, value) SELECT key, value FROM settings;
DROP TABLE settings;
ALTER TABLE settings_007 RENAME TO settings;
