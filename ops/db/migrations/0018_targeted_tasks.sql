-- 0018_targeted_tasks.sql
--
-- Targeted inspections (重点检查) beside the draws: the board keeps each task's basis so progress, fairness and the
-- lists count targeted tasks apart. NULL = drawn at random; otherwise the reason's kind and the day it was opened.
--
-- Applied by the migration runner inside one transaction; safe to run again.
ALTER TABLE task_board ADD COLUMN IF NOT EXISTS targeted_reason text;
ALTER TABLE task_board ADD COLUMN IF NOT EXISTS targeted_on date;
