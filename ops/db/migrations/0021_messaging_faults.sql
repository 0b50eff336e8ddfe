-- 0021_messaging_faults.sql
--
-- Messages a consumer gave up on (issue 21, "nothing stranded"): kept here rather than only in MassTransit's error
-- queue, which in memory dies with the silo and in RabbitMQ is seen by nobody. One row per message and endpoint: a
-- message redelivered keeps its id, so should it fault again its row counts the new attempts and waits again. A row is
-- never deleted (grants.sql takes DELETE away from the silo): when and by whom it was redelivered stays on it.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS messaging_faults (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id          text        NOT NULL,
    message_id          uuid        NOT NULL,
    message_type        text        NOT NULL,
    endpoint            text        NOT NULL,
    body                text        NOT NULL,
    exception_type      text        NOT NULL,
    exception_message   text        NOT NULL,
    transient           boolean     NOT NULL,
    first_failed_at     timestamptz NOT NULL,
    last_failed_at      timestamptz NOT NULL,
    attempts            integer     NOT NULL,
    faults              integer     NOT NULL DEFAULT 1,
    redelivered_at      timestamptz,
    redelivered_by      text,
    redeliveries        integer     NOT NULL DEFAULT 0,
    auto_redelivered_at timestamptz,
    UNIQUE (service_id, message_id, endpoint)
);

-- What waits: the list, the gauge and the health warning read only these rows.
CREATE INDEX IF NOT EXISTS ix_messaging_faults_waiting
    ON messaging_faults (service_id, id)
    WHERE redelivered_at IS NULL OR last_failed_at > redelivered_at;
