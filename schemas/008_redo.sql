-- 008: redo, and every edit a person makes in one history.
--
-- Edits (004) could be undone but not redone. An undo is now reverted by a
-- *redo*: an edit of kind 'redo' whose redo_of names the undo it reverted
-- and whose audit rows point (undo_of) at the undo's audit rows, exactly as
-- an undo's point at the edit's. A redo is an edit like any other, so undo
-- reverts it in turn. The undo a redo reverted keeps undone_by NULL (004's
-- CHECK: an undo is never marked undone); redo_of says it instead.
--
-- Which undo can be redone: the latest one not yet redone, and only while no
-- new edit has been made since it (a new edit starts a new branch of
-- history, as in any editor). See workbench/data/edit_log.cpp.
--
-- From this version on, the edit history also holds the review sessions'
-- and scenarios' own writes, with these kinds (edits.kind is checked as a
-- word, so no table change is needed for them):
--   session          a session created or its title, board, date or
--                    attendees changed
--   agenda           an agenda item added, moved, removed, or its note or
--                    parameters changed
--   session_record   a note or decision added, typed into or deleted
--   scenario         a scenario created, copied or discarded
--   scenario_change  a proposed change set in or removed from a scenario
-- A session's start and its snapshots ("as presented") are the meeting's
-- own record, written as the agenda is presented; they are not edits.

ALTER TABLE edits ADD COLUMN redo_of INTEGER REFERENCES edits (id)
  CHECK ((kind = 'redo') = (redo_of IS NOT NULL));
CREATE UNIQUE INDEX idx_edits_redo_of ON edits (redo_of);
