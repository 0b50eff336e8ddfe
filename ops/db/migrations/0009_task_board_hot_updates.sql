-- The task board's rows are updated in place (HOT) instead of re-indexed on every step.
--
-- A task's board row is rewritten by nearly every event (stage, version, the running deadline), and an update that
-- changes an indexed column, or finds no room on its page, must insert a new entry into every index of the table: five
-- here, a GIN index among them. The workflow benchmark measured about 0.12 ms a row, one update in nine in place.
-- ix_task_board_due was such a column's index and served no query: the overdue list asks "due_on < today OR a flag",
-- which it cannot answer alone (its plan reads the deployment's rows by another index and filters them). Without it, a
-- step that moves only the deadline changes no indexed column; room is left on each page for the new row version.
DROP INDEX IF EXISTS ix_task_board_due;
ALTER TABLE task_board SET (fillfactor = 70);
