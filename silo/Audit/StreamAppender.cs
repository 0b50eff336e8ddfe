using Npgsql;
using Samples.Domain.Audit;

namespace Samples.Silo.Audit;

/// <summary>
/// Appends one entry to a stream that has no grain of its own (a document, a public result, a bulletin): chained to the
/// stream's previous entry as read from the trail, inside the caller's transaction, so the row it records and its
/// entry commit together or not at all.
/// </summary>
public static class StreamAppender
{
    public static async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, string stream, int version,
        DateTimeOffset at, string actor, string action, string detail, CancellationToken ct)
    {
        var previous = Samples.Contracts.Tasks.TaskHistoryEntry.Genesis;
        await using (var head = new NpgsqlCommand("SELECT task_sha256 FROM audit_trail WHERE service_id = $1 AND stream = $2 ORDER BY version DESC LIMIT 1", connection, transaction))
        {
            head.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            head.Parameters.Add(new NpgsqlParameter { Value = stream });
            previous = await head.ExecuteScalarAsync(ct) as string ?? previous;
        }

        var entry = TaskHistory.Entry(previous, version, at, actor, action, detail);
        await AuditTrailWriter.WriteAsync(connection, transaction, serviceId, [new AuditItem($"{stream}/v{version}", stream, entry)], ct);
    }
}
