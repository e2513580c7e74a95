-- 004: edits typed in the workbench, and their undo.
--
-- Analysts change governance data by hand through the edit API
-- (workbench/data/edits.hpp): a risk's assessment for a date, a control's
-- progress for a quarter, an action plan item's status and RAG (with an
-- optional dated update), an improvement action's status, RAG and
-- quarterly update. One such change is an *edit*. It may write more than
-- one row (an action's new status and the dated update that reports it),
-- so an edit is a row of `edits` plus one `audit_log` row per table row it
-- wrote, all written in the one transaction that makes the change.
--
-- edits
--   id           the edit; also the order edits were made in
--   at, who      when (UTC, millisecond precision) and by which operating-
--                system user, as in audit_log
--   kind         what the analyst did: 'assessment', 'control_progress',
--                'action_status', 'improvement_action', or 'undo'. Checked
--                as a lower-case word rather than against a list: later
--                versions will add kinds (targets, observations), and a
--                CHECK cannot be changed without rebuilding the table,
--                which audit_log now references.
--   description  one line for a person: "risk 10 LEGITIMACY: likelihood
--                VH -> H (2021-12-31)"; for an undo, "undo: " and the
--                description of the edit it reverted
--   undo_of      for an undo, the edit it reverted (NULL otherwise)
--   undone_by    for an edit that has been undone, the undo that reverted
--                it (NULL while it stands). Undo always reverts the latest
--                edit that is not an undo and still stands, so repeated
--                undos walk back through history. Undos themselves are not
--                undone (there is no redo): the edit can simply be made
--                again.
--
-- audit_log gains two columns (audit_log.action's CHECK allows only
-- insert/update/delete/import/migrate/init and cannot be altered without
-- rebuilding the table, so an undo is recorded with those actions too):
--   edit_id      the edit an audit row belongs to (NULL for rows written by
--                anything else: imports, migrations, settings)
--   undo_of      on a row written by an undo, the audit row it reverts
--                (an 'insert' is reverted by a 'delete', an 'update' by an
--                'update' back to the old values, a 'delete' by an 'insert')
--
-- For rows written by an edit, audit_log.before and .after hold the whole
-- row as a JSON object of its columns (before is NULL for an insert, after
-- is NULL for a delete). Undo refuses, and changes nothing, when the row no
-- longer matches the edit's `after` (something else changed it since).
--
-- Provenance: an assessment, control progress row or action update that an
-- analyst types or changes cites a `sources` row of kind 'manual' (document
-- 'Edits typed in govbench', created by the first edit and audited as an
-- insert into sources outside any edit, so that no undo removes it while
-- rows cite it); the source the row cited before stays in audit_log.before
-- and comes back on undo. Action items and improvement actions keep their
-- source: their titles and wording are still their paper's, and the audit
-- log says who changed their status.
--
-- Durability: an edit's transaction is committed before the edit function
-- returns. With WAL and synchronous = NORMAL (set by the data layer) a
-- committed edit survives the program being killed; only a power cut or an
-- operating-system crash can lose the last few commits, and the file stays
-- consistent even then.

CREATE TABLE edits (
  id          INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  who         TEXT,
  kind        TEXT    NOT NULL CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z_]*'),
  description TEXT    NOT NULL CHECK (length(description) > 0),
  undo_of     INTEGER UNIQUE REFERENCES edits (id),
  undone_by   INTEGER UNIQUE REFERENCES edits (id),
  CHECK ((kind = 'undo') = (undo_of IS NOT NULL)),
  CHECK (kind <> 'undo' OR undone_by IS NULL)
);

ALTER TABLE audit_log ADD COLUMN edit_id INTEGER REFERENCES edits (id);
ALTER TABLE audit_log ADD COLUMN undo_of INTEGER REFERENCES audit_log (id);
CREATE INDEX idx_audit_log_edit ON audit_log (edit_id);
