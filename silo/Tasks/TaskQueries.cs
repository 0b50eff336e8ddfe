using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Domain.Audit;

namespace Samples.Silo.Tasks;

/// <summary>
/// One row of the task board as lists show it; <see cref="TargetedReason"/> is set on a targeted task only;
/// <see cref="Purpose"/> is supervision or risk-monitoring.
/// </summary>
public sealed record BoardRow(
    string TaskId, string PlanId, string Uscc, string Category, string Region, string Stage, int Version, IReadOnlyList<string> Team,
    string? LabId, string? RetestLabId, DateOnly? DueOn, string? DueOwner, string? DueWhat, string? DueFlag, IReadOnlyList<string> Overdue,
    string? Outcome, string? BatchId, DateOnly? ConcludedOn, DateOnly? PublishedOn, bool PublishedLate, DateOnly? PublicationDue, string? Disposal,
    string? TargetedReason = null, string Purpose = Samples.Domain.Tasks.RiskMonitoring.SupervisionCode)
{
    /// <summary>"random" or "targeted".</summary>
    public string Basis => TargetedReason is null ? Samples.Contracts.Tasks.TaskBasis.Random : Samples.Contracts.Tasks.TaskBasis.Targeted;
}

/// <summary>A plan's tasks by basis (drawn or targeted, with the targeted ones' reason), with how many have a test conclusion and how many failed.</summary>
public sealed record BasisCount(string? TargetedReason, int Tasks, int Concluded, int Failed);

public sealed record NotificationRow(string EventId, string TaskId, DateTimeOffset At, string Message);

/// <summary>A plan's tasks of one purpose (supervision, risk-monitoring): tasks, concluded batches, failures.</summary>
public sealed record PurposeCount(string Purpose, int Tasks, int Concluded, int Failed);

/// <summary>Progress counts: batches with a test conclusion, by one key.</summary>
public sealed record ProgressCount(string Key, int Concluded, int Failed);

/// <summary>Reads the task read models (never the grains): inboxes, a lab's samples, overdue lists, progress, public results, the audit trail.</summary>
public sealed class TaskQueries(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private const string Columns = """
        task_id, plan_id, uscc, category, region, stage, version, team, lab_id, retest_lab_id, due_on, due_owner, due_what, due_flag,
        overdue, outcome, batch_id, concluded_on, published_on, published_late, publication_due, disposal, targeted_reason, purpose
        """;

    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>An inspector's tasks that still need the team (assigned to sampled, or resampling).</summary>
    public Task<List<BoardRow>> InboxAsync(string inspector, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND team @> ARRAY[$2]::text[] AND stage IN ('Assigned','Accepted','Sampled') ORDER BY due_on NULLS LAST, task_id",
        ct, ServiceId, inspector);

    /// <summary>The samples handed to a lab, first test or re-test, that it still has to act on (all when <paramref name="all"/>).</summary>
    public Task<List<BoardRow>> LabSamplesAsync(string lab, bool all, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND (lab_id = $2 OR retest_lab_id = $2)"
        + (all ? string.Empty : " AND stage IN ('HandedOver','Received','Testing','Tested','RetestAssigned','RetestReceived')")
        + " ORDER BY due_on NULLS LAST, task_id",
        ct, ServiceId, lab);

    /// <summary>An enterprise's tasks once it was notified of the result, newest first (a risk-monitoring task is never notified).</summary>
    public Task<List<BoardRow>> EnterpriseTasksAsync(string uscc, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND uscc = $2 AND purpose = 'supervision' AND stage IN ('Notified','Objected','RetestAssigned','RetestReceived','Concluded','Published') ORDER BY task_id DESC",
        ct, ServiceId, uscc);

    /// <summary>Tasks whose running deadline is before <paramref name="today"/> or was flagged, for one owner role or all.</summary>
    public Task<List<BoardRow>> OverdueAsync(DateOnly today, string? owner, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND (due_on < $2 OR due_flag IS NOT NULL) AND ($3::text IS NULL OR due_owner = $3) ORDER BY due_on NULLS FIRST, task_id",
        ct, ServiceId, today, (object?)owner ?? DBNull.Value);

    /// <summary>
    /// Tasks with a deadline flagged for lack of a calendar year: the running one, or a concluded result's publication
    /// deadline (kept after publication, since a late publication is marked once the deadline is known).
    /// </summary>
    public async Task<List<string>> FlaggedDeadlineTaskIdsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT task_id FROM task_board WHERE service_id = $1 AND (due_flag IS NOT NULL OR (concluded_on IS NOT NULL AND publication_due IS NULL AND purpose = 'supervision')) ORDER BY task_id");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public Task<List<BoardRow>> PlanTasksAsync(string planId, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND plan_id = $2 ORDER BY task_id", ct, ServiceId, planId);

    /// <summary>The public results list (一公开): published results, newest first.</summary>
    public Task<List<BoardRow>> PublishedAsync(int limit, CancellationToken ct) => BoardAsync(
        $"SELECT {Columns} FROM task_board WHERE service_id = $1 AND published_on IS NOT NULL ORDER BY published_on DESC, task_id LIMIT $2", ct, ServiceId, limit);

    public async Task<List<NotificationRow>> NotificationsAsync(string kind, string recipient, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT event_id, task_id, at, message FROM notifications WHERE service_id = $1 AND recipient_kind = $2 AND recipient = $3 ORDER BY at DESC, event_id LIMIT $4");
        foreach (var v in new object[] { ServiceId, kind, recipient, limit })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v });
        }

        var rows = new List<NotificationRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new NotificationRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        }

        return rows;
    }

    public async Task<List<AuditRow>> AuditAsync(long after, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, event_id, stream, version, at, actor, action, detail, task_previous_sha256, task_sha256, previous_sha256, sha256
            FROM audit_trail WHERE service_id = $1 AND seq > $2 ORDER BY seq LIMIT $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new AuditRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11)));
        }

        return rows;
    }

    /// <summary>The trail's head: its last row's sequence, hash and time (none for an empty trail).</summary>
    public async Task<AuditHead?> AuditHeadAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT seq, sha256, at FROM audit_trail WHERE service_id = $1 ORDER BY seq DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new AuditHead(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)) : null;
    }

    /// <summary>Each task's latest version as the board holds it, for checking that the trail has every task's last change.</summary>
    public async Task<List<StreamVersion>> TaskVersionsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT task_id, version FROM task_board WHERE service_id = $1 ORDER BY task_id");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var rows = new List<StreamVersion>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StreamVersion(reader.GetString(0), reader.GetInt32(1)));
        }

        return rows;
    }

    /// <summary>How many of a plan's tasks have a test conclusion, and how many ended with the enterprise refusing.</summary>
    public async Task<(int Concluded, int Refused)> PlanOutcomesAsync(string planId, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*) FILTER (WHERE concluded_on IS NOT NULL), count(*) FILTER (WHERE stage = 'Refused') FROM task_board WHERE service_id = $1 AND plan_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1));
    }

    /// <summary>
    /// A plan's tasks by basis: one row for the drawn ones (reason null) and one per reason of targeted ones; with
    /// <paramref name="from"/>/<paramref name="to"/>, only targeted tasks opened in that period (China days).
    /// </summary>
    public async Task<List<BasisCount>> BasisAsync(string planId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT targeted_reason, count(*), count(*) FILTER (WHERE concluded_on IS NOT NULL), count(*) FILTER (WHERE concluded_on IS NOT NULL AND outcome = 'fail')
            FROM task_board WHERE service_id = $1 AND plan_id = $2
              AND ($3::date IS NULL OR targeted_on >= $3 OR targeted_reason IS NULL) AND ($4::date IS NULL OR targeted_on <= $4 OR targeted_reason IS NULL)
            GROUP BY targeted_reason ORDER BY targeted_reason NULLS FIRST
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)from ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)to ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date });
        var rows = new List<BasisCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new BasisCount(Text(reader, 0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>
    /// A plan's tasks by purpose. A task keeps the purpose its plan had when it was made, so a plan whose purpose changed
    /// later may hold both; only those of the plan's purpose count toward its goal.
    /// </summary>
    public async Task<List<PurposeCount>> PurposesAsync(string planId, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT purpose, count(*), count(*) FILTER (WHERE concluded_on IS NOT NULL), count(*) FILTER (WHERE concluded_on IS NOT NULL AND outcome = 'fail')
            FROM task_board WHERE service_id = $1 AND plan_id = $2 GROUP BY purpose ORDER BY purpose DESC
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        var rows = new List<PurposeCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new PurposeCount(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>Every plan's tasks by purpose, for the year's overview (plans are then read for their year and goal).</summary>
    public async Task<List<(string PlanId, PurposeCount Count)>> PlanPurposeCountsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT plan_id, purpose, count(*), count(*) FILTER (WHERE concluded_on IS NOT NULL), count(*) FILTER (WHERE concluded_on IS NOT NULL AND outcome = 'fail')
            FROM task_board WHERE service_id = $1 GROUP BY plan_id, purpose ORDER BY plan_id, purpose
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var rows = new List<(string, PurposeCount)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetString(0), new PurposeCount(reader.GetString(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4))));
        }

        return rows;
    }

    /// <summary>Concluded batches of a plan and purpose by category, region and month (of conclusion), with failures.</summary>
    public async Task<(List<ProgressCount> Category, List<ProgressCount> Region, List<ProgressCount> Month, List<DateOnly> Days)> ProgressAsync(string planId, string purpose, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT category, region, to_char(concluded_on, 'YYYY-MM'), concluded_on, outcome = 'fail'
            FROM task_board WHERE service_id = $1 AND plan_id = $2 AND concluded_on IS NOT NULL AND purpose = $3
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        command.Parameters.Add(new NpgsqlParameter { Value = purpose });
        var rows = new List<(string Category, string Region, string Month, DateOnly Day, bool Failed)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4)));
            }
        }

        static List<ProgressCount> By(IEnumerable<(string Key, bool Failed)> keyed) => keyed
            .GroupBy(k => k.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ProgressCount(g.Key, g.Count(), g.Count(x => x.Failed)))
            .ToList();

        return (By(rows.Select(r => (r.Category, r.Failed))), By(rows.Select(r => (r.Region, r.Failed))), By(rows.Select(r => (r.Month, r.Failed))),
            rows.Select(r => r.Day).ToList());
    }

    /// <summary>Of the directory's active enterprises in the plan's categories and regions (all, key-supervised, licensed), how many have a concluded batch.</summary>
    public async Task<(int All, int AllCovered, int Key, int KeyCovered, int Licensed, int LicensedCovered)> CoverageAsync(string planId, IReadOnlyList<string> categories, IReadOnlyList<string> regions, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            WITH frame AS (
                SELECT uscc, key_supervision, CASE WHEN state IS NULL THEN cardinality(licences) > 0 ELSE jsonb_array_length(COALESCE(state->'Licences', '[]'::jsonb)) > 0 END AS licensed FROM directory_enterprises
                WHERE service_id = $1 AND status = 'Active' AND categories && $2 AND (cardinality($3::text[]) = 0 OR region_code = ANY($3))),
            covered AS (SELECT DISTINCT uscc FROM task_board WHERE service_id = $1 AND plan_id = $4 AND concluded_on IS NOT NULL)
            SELECT count(*), count(*) FILTER (WHERE uscc IN (SELECT uscc FROM covered)),
                   count(*) FILTER (WHERE key_supervision), count(*) FILTER (WHERE key_supervision AND uscc IN (SELECT uscc FROM covered)),
                   count(*) FILTER (WHERE licensed), count(*) FILTER (WHERE licensed AND uscc IN (SELECT uscc FROM covered))
            FROM frame
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = categories.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = regions.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = planId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return ((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5));
    }

    private async Task<List<BoardRow>> BoardAsync(string sql, CancellationToken ct, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var v in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v });
        }

        var rows = new List<BoardRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new BoardRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.GetFieldValue<string[]>(7), Text(reader, 8), Text(reader, 9), Date(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13),
                reader.GetFieldValue<string[]>(14), Text(reader, 15), Text(reader, 16), Date(reader, 17), Date(reader, 18), reader.GetBoolean(19),
                Date(reader, 20), Text(reader, 21), Text(reader, 22), reader.GetString(23)));
        }

        return rows;
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
}

/// <summary>The audit trail's head: publish it, and a later <c>samples audit verify --expect-head</c> shows whether the trail before it changed.</summary>
public sealed record AuditHead(long Seq, string Sha256, DateTimeOffset At);

/// <summary>A stream's latest version.</summary>
public sealed record StreamVersion(string Stream, int Version);
