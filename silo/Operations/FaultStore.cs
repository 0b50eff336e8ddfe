using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Domain.Operations;

namespace Samples.Silo.Operations;

/// <summary>A message a consumer gave up on, as the error pipe saw it.</summary>
public sealed record FaultRecord(
    Guid MessageId, string MessageType, string Endpoint, string Body, string ExceptionType, string ExceptionMessage, bool Transient,
    DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, int Attempts);

/// <summary>A kept fault as listed (the body left out: it can be large; redelivery reads it).</summary>
public sealed record MessagingFault(
    long Id, Guid MessageId, string MessageType, string Endpoint, string ExceptionType, string ExceptionMessage, bool Transient,
    DateTimeOffset FirstFailedAt, DateTimeOffset LastFailedAt, int Attempts, int Faults, DateTimeOffset? RedeliveredAt, string? RedeliveredBy,
    int Redeliveries, DateTimeOffset? AutoRedeliveredAt)
{
    public bool Waiting => Facts.Waiting;

    public FaultFacts Facts => new(Transient, LastFailedAt, RedeliveredAt, AutoRedeliveredAt);
}

/// <summary>The messaging_faults table (migration 0021), for this deployment's service id.</summary>
public sealed class FaultStore(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private const string Columns = """
        id, message_id, message_type, endpoint, exception_type, exception_message, transient, first_failed_at, last_failed_at,
        attempts, faults, redelivered_at, redelivered_by, redeliveries, auto_redelivered_at
        """;

    private const string WaitingClause = "(redelivered_at IS NULL OR last_failed_at > redelivered_at)";

    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>
    /// Keeps a fault; the same message faulting again at the same endpoint (a redelivery that failed too) updates its row:
    /// its attempts add up, the last failure and its cause are the new ones, and it waits again.
    /// </summary>
    public async Task RecordAsync(FaultRecord fault, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO messaging_faults (service_id, message_id, message_type, endpoint, body, exception_type, exception_message, transient,
                                          first_failed_at, last_failed_at, attempts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT (service_id, message_id, endpoint) DO UPDATE SET
                exception_type = EXCLUDED.exception_type, exception_message = EXCLUDED.exception_message, transient = EXCLUDED.transient,
                last_failed_at = greatest(messaging_faults.last_failed_at, EXCLUDED.last_failed_at),
                attempts = messaging_faults.attempts + EXCLUDED.attempts, faults = messaging_faults.faults + 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.MessageId });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.MessageType });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.Endpoint });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.Body });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.ExceptionType });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.ExceptionMessage });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.Transient });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.FirstFailedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.LastFailedAt });
        command.Parameters.Add(new NpgsqlParameter { Value = fault.Attempts });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every kept fault, newest first (at most <paramref name="limit"/>), waiting ones only unless <paramref name="all"/>.</summary>
    public async Task<IReadOnlyList<MessagingFault>> ListAsync(bool all, int limit, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"SELECT {Columns} FROM messaging_faults WHERE service_id = $1{(all ? string.Empty : $" AND {WaitingClause}")} ORDER BY id DESC LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await ReadAsync(command, ct);
    }

    public async Task<MessagingFault?> FindAsync(long id, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM messaging_faults WHERE service_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (await ReadAsync(command, ct)).SingleOrDefault();
    }

    /// <summary>How many wait, per message type and endpoint.</summary>
    public async Task<IReadOnlyList<FaultCount>> CountWaitingAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT message_type, endpoint, count(*)::int FROM messaging_faults WHERE service_id = $1 AND {WaitingClause}
            GROUP BY message_type, endpoint ORDER BY message_type, endpoint
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var counts = new List<FaultCount>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts.Add(new(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return counts;
    }

    public async Task<string?> BodyAsync(long id, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT body FROM messaging_faults WHERE service_id = $1 AND id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>
    /// Marks a waiting fault redelivered, in the caller's transaction; false when it no longer waits (another call marked it
    /// first), so two redeliveries of one fault send it once.
    /// </summary>
    public async Task<int?> MarkRedeliveredAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string by, DateTimeOffset at, bool automatic, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            UPDATE messaging_faults SET redelivered_at = $3, redelivered_by = $4, redeliveries = redeliveries + 1,
                   auto_redelivered_at = CASE WHEN $5 THEN $3 ELSE auto_redelivered_at END
             WHERE service_id = $1 AND id = $2 AND {WaitingClause}
            RETURNING redeliveries
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        command.Parameters.Add(new NpgsqlParameter { Value = automatic });
        return await command.ExecuteScalarAsync(ct) is int redeliveries ? redeliveries : null;
    }

    public NpgsqlDataSource Database => database;

    public string Service => ServiceId;

    private static async Task<IReadOnlyList<MessagingFault>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var faults = new List<MessagingFault>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            faults.Add(new(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetBoolean(6),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8), reader.GetInt32(9), reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.GetInt32(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14)));
        }

        return faults;
    }
}

public sealed record FaultCount(string MessageType, string Endpoint, int Count);
