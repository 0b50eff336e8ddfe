using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Samples.Domain.Documents;
using Samples.Domain.Publication;
using Samples.Silo.Audit;

namespace Samples.Silo.Publication;

/// <summary>
/// The published results (ops/db/migrations/0015_public_results.sql): revisions only ever appended, each with its audit
/// entry in the same transaction; readers see each task's newest revision.
/// </summary>
public sealed class PublicResultStore(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private const string Columns = "task_id, revision, status, reason, content::text, recorded_by, recorded_at";

    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>The newest revision of each task's result, newest publication first.</summary>
    public Task<List<PublicRevision>> LatestAsync(int limit, CancellationToken ct) => QueryAsync($"""
        SELECT * FROM (SELECT DISTINCT ON (task_id) {Columns}, published_on FROM public_results WHERE service_id = $1
                       ORDER BY task_id, revision DESC) latest
        ORDER BY published_on DESC, task_id LIMIT $2
        """, ct, limit);

    /// <summary>The newest revision of each result first published between <paramref name="from"/> and <paramref name="to"/> (both included).</summary>
    public Task<List<PublicRevision>> PublishedBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct) => QueryAsync($"""
        SELECT DISTINCT ON (task_id) {Columns} FROM public_results
        WHERE service_id = $1 AND published_on BETWEEN $2 AND $3 ORDER BY task_id, revision DESC
        """, ct, from, to);

    public Task<List<PublicRevision>> HistoryAsync(string taskId, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM public_results WHERE service_id = $1 AND task_id = $2 ORDER BY revision", ct, taskId);

    /// <summary>Appends <paramref name="revision"/> and its audit entry; false when that revision exists already (nothing written).</summary>
    public async Task<bool> AppendAsync(PublicRevision revision, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var json = revision.Result.ToJson();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO public_results (service_id, task_id, revision, status, reason, published_on, content, recorded_by, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.TaskId });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.Revision });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.Status });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)revision.Reason ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.Result.PublishedOn });
            insert.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.RecordedBy });
            insert.Parameters.Add(new NpgsqlParameter { Value = revision.RecordedAt.UtcDateTime });
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
        await StreamAppender.AppendAsync(connection, transaction, ServiceId, AuditStreams.Publication(revision.TaskId), revision.Revision, revision.RecordedAt,
            revision.RecordedBy, $"{revision.Status}-result", $"revision {revision.Revision} {revision.Status}{(revision.Reason is null ? string.Empty : $" ({revision.Reason})")}: content {sha}", ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<List<PublicRevision>> QueryAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        var found = new List<PublicRevision>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(new PublicRevision(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                PublicResult.FromJson(reader.GetString(4)), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return found;
    }
}

/// <summary>One revision of a task's published result: its number, status (published, corrected, withdrawn), why, what it says, who recorded it and when.</summary>
public sealed record PublicRevision(string TaskId, int Revision, string Status, string? Reason, PublicResult Result, string RecordedBy, DateTimeOffset RecordedAt);
