using Npgsql;
using NpgsqlTypes;
using Samples.Contracts.Tasks;
using Samples.Domain.Tasks;

namespace Samples.Silo.Tasks;

/// <summary>Writes inbox notifications and enterprise notices (<see cref="TaskNotices"/>); one row per event and recipient, so a repeat adds nothing.</summary>
public static class NotificationWriter
{
    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, IReadOnlyList<SamplingTaskChanged> events, CancellationToken ct)
    {
        var rows = events
            .SelectMany(e => TaskNotices.For(e).Select(n => (Event: e, Notice: n)))
            .DistinctBy(x => (x.Event.EventId, x.Notice.RecipientKind, x.Notice.Recipient))
            .OrderBy(x => x.Event.EventId, StringComparer.Ordinal).ThenBy(x => x.Notice.RecipientKind, StringComparer.Ordinal).ThenBy(x => x.Notice.Recipient, StringComparer.Ordinal)
            .ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("""
            INSERT INTO notifications (service_id, event_id, recipient_kind, recipient, task_id, at, message)
            SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Event.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Notice.RecipientKind).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Notice.Recipient).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Event.Task.TaskId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Event.Entry.At.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Notice.Message).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
