-- 0019_risk_monitoring.sql
--
-- Risk monitoring (风险监测) beside supervision sampling (监督抽查): the board keeps each task's purpose (from its plan,
-- fixed when the task is made) so progress counts the two apart and the credit record, the risk model, the objection
-- lists and the publication checks leave monitoring out. Rows written before this migration were all supervision.
--
-- Applied by the migration runner inside one transaction; safe to run again.
ALTER TABLE task_board ADD COLUMN IF NOT EXISTS purpose text NOT NULL DEFAULT 'supervision';
