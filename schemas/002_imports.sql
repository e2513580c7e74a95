-- 002: provenance of CSV imports.
-- Every `govbench import` records what it loaded, so that a table created
-- by an import can later be replaced (--replace) while the tables of the
-- governance schema itself never can.
CREATE TABLE imports (
  id       INTEGER PRIMARY KEY,
  tbl      TEXT    NOT NULL,
  file     TEXT    NOT NULL,
  rows     INTEGER NOT NULL CHECK (rows >= 0),
  columns  INTEGER NOT NULL CHECK (columns > 0),
  mode     TEXT    NOT NULL CHECK (mode IN ('create', 'append', 'replace')),
  encoding TEXT    NOT NULL CHECK (encoding IN ('utf-8', 'cp1252', 'latin1')),
  at       TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  who      TEXT    NOT NULL
);
CREATE INDEX imports_tbl ON imports (tbl COLLATE NOCASE);
