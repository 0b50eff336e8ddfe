-- 0007_task_read_models.sql
--
-- What the sampling-task events build (silo/Tasks): the task board (one row per task: inboxes, a lab's samples,
-- overdue lists, progress toward the goal and the public results list are queries on it), the hash-chained audit
-- trail, and notifications to inspectors, labs, supervisors and enterprises. Each row is written by an idempotent
-- consumer: a board row only moves to a higher task version; audit and notification rows are keyed by event id.
-- Every table is per deployment (service_id), like the directory.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS task_board (
    service_id     text        NOT NULL,
    task_id        text        NOT NULL,
    plan_id        text        NOT NULL,
    draw_id        text        NOT NULL,
    uscc           text        NOT NULL,
    category       text        NOT NULL,
    region         text        NOT NULL,
    stage          text        NOT NULL,
    version        integer     NOT NULL,
    team           text[]      NOT NULL,
    lab_id         text,
    retest_lab_id  text,
    due_on         date,
    due_owner      text,
    due_what       text,
    due_flag       text,
    overdue        text[]      NOT NULL DEFAULT '{}',
    outcome        text,
    batch_id       text,
    concluded_on   date,
    published_on   date,
    published_late boolean     NOT NULL DEFAULT false,
    publication_due date,
    disposal       text,
    changed_at     timestamptz NOT NULL,
    PRIMARY KEY (service_id, task_id)
);

CREATE INDEX IF NOT EXISTS ix_task_board_plan ON task_board (service_id, plan_id);
CREATE INDEX IF NOT EXISTS ix_task_board_team ON task_board USING gin (team);
CREATE INDEX IF NOT EXISTS ix_task_board_lab ON task_board (service_id, lab_id);
CREATE INDEX IF NOT EXISTS ix_task_board_due ON task_board (service_id, due_on) WHERE due_on IS NOT NULL;

-- One chain per deployment: sha256 = SHA-256(previous_sha256 || '\n' || the entry's line), seq without gaps.
-- task_previous_sha256/task_sha256 are the task's own chain (TaskHistoryEntry), so each task's chain is checked too.
CREATE TABLE IF NOT EXISTS audit_trail (
    service_id           text        NOT NULL,
    seq                  bigint      NOT NULL,
    event_id             text        NOT NULL,
    stream               text        NOT NULL,
    version              integer     NOT NULL,
    at                   timestamptz NOT NULL,
    actor                text        NOT NULL,
    action               text        NOT NULL,
    detail               text        NOT NULL,
    task_previous_sha256 text        NOT NULL,
    task_sha256          text        NOT NULL,
    previous_sha256      text        NOT NULL,
    sha256               text        NOT NULL,
    recorded_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, seq),
    UNIQUE (service_id, event_id)
);

-- The audit trail is append-only: no role the silo uses may change or remove a row.
CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP;
END $$;

CREATE OR REPLACE TRIGGER audit_trail_append_only BEFORE UPDATE OR DELETE ON audit_trail
    FOR EACH ROW EXECUTE FUNCTION audit_trail_append_only();

CREATE TABLE IF NOT EXISTS notifications (
    service_id     text        NOT NULL,
    event_id       text        NOT NULL,
    recipient_kind text        NOT NULL,
    recipient      text        NOT NULL,
    task_id        text        NOT NULL,
    at             timestamptz NOT NULL,
    message        text        NOT NULL,
    PRIMARY KEY (service_id, event_id, recipient_kind, recipient)
);

CREATE INDEX IF NOT EXISTS ix_notifications_recipient ON notifications (service_id, recipient_kind, recipient, at);
