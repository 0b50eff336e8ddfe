-- 0015_public_results.sql
--
-- The public results list (一公开) as published (silo/Publication): one row per revision of a task's published result,
-- holding what the public reads (names, product, batch, failed items with limit and result, lab, disposal) as JSON.
-- Revision 1 is written when the task is published; a correction or a withdrawal is a later revision with its
-- reason, never an edit: the trigger refuses UPDATE and DELETE, and each revision is in the audit trail (stream
-- publication/<task>).
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS public_results (
    service_id   text        NOT NULL,
    task_id      text        NOT NULL,
    revision     integer     NOT NULL CHECK (revision >= 1),
    status       text        NOT NULL CHECK (status IN ('published', 'corrected', 'withdrawn')),
    reason       text,
    published_on date        NOT NULL,
    content      jsonb       NOT NULL,
    recorded_by  text        NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (service_id, task_id, revision),
    CHECK (revision = 1 OR reason IS NOT NULL)
);

CREATE INDEX IF NOT EXISTS ix_public_results_published ON public_results (service_id, published_on);

CREATE OR REPLACE FUNCTION public_results_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published result is never edited: record a correction or a withdrawal with its reason';
END $$;

CREATE OR REPLACE TRIGGER public_results_immutable BEFORE UPDATE OR DELETE ON public_results
    FOR EACH ROW EXECUTE FUNCTION public_results_immutable();
