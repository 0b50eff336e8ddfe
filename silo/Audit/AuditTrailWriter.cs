using Npgsql;
using NpgsqlTypes;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;

namespace Samples.Silo.Audit;

/// <summary>
/// Appends task events to the deployment's hash-chained audit trail under one advisory lock (the chain has one head;
/// the lock is held to the end of the caller's transaction). An event already recorded is skipped. Events are appended in the order they arrive; the
/// verifier checks each task's own chain by version, so a late delivery is no gap, and a missing version is.
/// </summary>
public static class AuditTrailWriter
{
    public static AuditItem Of(SamplingTaskChanged e) => new(e.EventId, e.Task.TaskId, e.Entry);

    public static AuditItem Of(DrawStepRecorded e) => new(e.EventId, e.DrawId, e.Entry);

    public static AuditItem Of(CalendarChangeRecorded e) => new(e.EventId, CalendarChangeRecorded.Stream, e.Entry);

    /// <summary>Appends <paramref name="batch"/> in a transaction of its own (for consumers that write nothing else).</summary>
    public static async Task AppendAsync(NpgsqlDataSource database, string serviceId, IReadOnlyList<AuditItem> batch, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await WriteAsync(connection, transaction, serviceId, batch, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The advisory lock that serialises appends (any constant the deployment does not use elsewhere).</summary>
    private const long ChainLock = 0x5A4D504C_41554454;

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, IReadOnlyList<AuditItem> batch, CancellationToken ct)
    {
        var events = batch.DistinctBy(e => e.EventId).ToList();
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = ChainLock });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var recorded = await RecordedAsync(connection, transaction, serviceId, events.Select(e => e.EventId).ToArray(), ct);
        var fresh = events.Where(e => !recorded.Contains(e.EventId)).OrderBy(e => e.Entry.Version).ToList();
        var (seq, previous) = await HeadAsync(connection, transaction, serviceId, ct);

        var rows = new List<AuditRow>();
        foreach (var e in fresh)
        {
            var row = new AuditRow(++seq, e.EventId, e.Stream, e.Entry.Version, e.Entry.At, e.Entry.Actor, e.Entry.Action, e.Entry.Detail,
                e.Entry.PreviousSha256, e.Entry.Sha256, previous, string.Empty);
            row = row with { Sha256 = AuditChain.Link(previous, row.Line) };
            rows.Add(row);
            previous = row.Sha256;
        }

        if (rows.Count > 0)
        {
            await InsertAsync(connection, transaction, serviceId, rows, ct);
        }
    }

    private static async Task<HashSet<string>> RecordedAsync(NpgsqlConnection c, NpgsqlTransaction t, string serviceId, string[] ids, CancellationToken ct)
    {
        // One index probe per id (the LATERAL ... LIMIT 1 keeps it a loop over the ids). "event_id = ANY($2)", or a plain
        // join, let the planner trust statistics taken while the trail was small: it read every row of the deployment and
        // filtered them, so each batch's look-up grew with the whole trail.
        await using var command = new NpgsqlCommand("""
            SELECT e.event_id FROM unnest($2::text[]) AS e(event_id)
            CROSS JOIN LATERAL (SELECT 1 FROM audit_trail a WHERE a.service_id = $1 AND a.event_id = e.event_id LIMIT 1) AS recorded
            """, c, t);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    private static async Task<(long Seq, string Sha256)> HeadAsync(NpgsqlConnection c, NpgsqlTransaction t, string serviceId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT seq, sha256 FROM audit_trail WHERE service_id = $1 ORDER BY seq DESC LIMIT 1", c, t);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, TaskHistoryEntry.Genesis);
    }

    private static async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction t, string serviceId, List<AuditRow> rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            INSERT INTO audit_trail (service_id, seq, event_id, stream, version, at, actor, action, detail, task_previous_sha256,
                task_sha256, previous_sha256, sha256)
            SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::text[], $8::text[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
            """, c, t);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Seq).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Stream).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Version).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.At.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Actor).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Action).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Detail).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.TaskPreviousSha256).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.TaskSha256).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.PreviousSha256).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Sha256).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>One entry for the trail: its event id, its stream (a task or a draw) and the stream's chained entry.</summary>
public sealed record AuditItem(string EventId, string Stream, TaskHistoryEntry Entry);
