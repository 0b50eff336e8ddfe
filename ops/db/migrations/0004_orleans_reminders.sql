-- 0004_orleans_reminders.sql
--
-- Reminder table for Microsoft.Orleans.Reminders.AdoNet 10.4.2.
--
-- Contract (taken from the 10.4.2 assembly):
--   * Required keys: UpsertReminderRowKey, ReadReminderRowsKey, ReadReminderRowKey,
--     ReadRangeRows1Key, ReadRangeRows2Key, DeleteReminderRowKey, DeleteReminderRowsKey.
--   * Parameters: @ServiceId, @GrainId (GrainId.ToString()), @ReminderName,
--     @StartTime (UTC), @Period (milliseconds; sent as int, or bigint above
--     int.MaxValue), @GrainHash/@BeginHash/@EndHash (uint hashes reinterpreted as
--     signed int), @Version (int parsed from the ETag).
--   * Reads columns GrainId, ReminderName, StartTime, Period (as Int64), Version.
--   * 10.4.2's provider sends nothing else. The Cron/NextDueUtc/LastFireUtc/
--     Priority/Action columns of the upstream "10.0.0" reminder script belong to
--     the separate advanced-reminders provider and would be unbound here.
--
-- Applied by the migration runner inside one transaction; safe to run again.

CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    grainid      varchar(512)   NOT NULL,  -- "type/key"; string keys can be long
    remindername varchar(150)   NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,  -- milliseconds; bigint so > 24.8-day periods fit
    grainhash    integer        NOT NULL,  -- signed view of the grain's uniform hash
    version      integer        NOT NULL,  -- ETag; 0 on insert, +1 per upsert

    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (serviceid, grainid, remindername)
);

-- Each silo loads the reminders of its hash-ring range on start-up and on every
-- membership change; without this that is a full scan per silo.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_grainhash
    ON orleansreminderstable (serviceid, grainhash);

-- DO UPDATE (not DO NOTHING): this file is the source of truth for these texts,
-- so re-applying it repairs a hand-edited catalogue instead of keeping the edit.
INSERT INTO orleansquery (querykey, querytext)
VALUES
(
    'UpsertReminderRowKey',
    -- Must return exactly one row: the provider takes First() of Version as the new ETag.
    $q$
    INSERT INTO orleansreminderstable AS r
        (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
       SET starttime = EXCLUDED.starttime,
           period = EXCLUDED.period,
           grainhash = EXCLUDED.grainhash,
           version = r.version + 1
    RETURNING r.version;
    $q$
),
(
    'ReadReminderRowsKey',
    $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId;
    $q$
),
(
    'ReadReminderRowKey',
    $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName;
    $q$
),
(
    'ReadRangeRows1Key',
    -- Chosen by the provider when (int)BeginHash < (int)EndHash: the ring range
    -- (Begin, End] is one contiguous interval in signed order.
    $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash
       AND grainhash <= @EndHash;
    $q$
),
(
    'ReadRangeRows2Key',
    -- Otherwise the range wraps around in signed order (Begin = End is the whole ring).
    $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash);
    $q$
),
(
    'DeleteReminderRowKey',
    -- One row, one boolean column: false when the ETag is stale or the row is gone.
    $q$
    WITH removed AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId
           AND grainid = @GrainId
           AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM removed);
    $q$
),
(
    'DeleteReminderRowsKey',
    $q$
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId;
    $q$
)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
