using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Tasks;

namespace Samples.Silo.Tasks;

/// <summary>A stored photo's bytes and type.</summary>
public sealed record StoredPhoto(string ContentType, byte[] Bytes);

/// <summary>Sampling photos in PostgreSQL (migration 0012), keyed by task and SHA-256: storing the same bytes again is a no-op.</summary>
public sealed class TaskPhotos(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>Stores the photo unless it is there; true when it was new.</summary>
    public async Task<bool> StoreAsync(string taskId, string sha256, string kind, string contentType, byte[] bytes, string uploadedBy, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO task_photos (service_id, task_id, sha256, kind, content_type, bytes, uploaded_by, uploaded_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
            """);
        foreach (var value in new object[] { ServiceId, taskId, sha256, kind, contentType, bytes, uploadedBy, at })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<StoredPhoto?> FindAsync(string taskId, string sha256, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT content_type, bytes FROM task_photos WHERE service_id = $1 AND task_id = $2 AND sha256 = $3");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = taskId });
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new StoredPhoto(reader.GetString(0), (byte[])reader[1]) : null;
    }

    /// <summary>The first photo a record cites that was not uploaded for this task (as that kind, that size), or null.</summary>
    public async Task<(string Field, string Reason)?> MissingAsync(string taskId, IReadOnlyList<PhotoRef> photos, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT sha256, kind, length(bytes) FROM task_photos WHERE service_id = $1 AND task_id = $2 AND sha256 = ANY($3)");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = taskId });
        command.Parameters.Add(new NpgsqlParameter { Value = photos.Select(p => p.Sha256.ToLowerInvariant()).ToArray() });
        var stored = new Dictionary<string, (string Kind, long Bytes)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                stored[reader.GetString(0)] = (reader.GetString(1), reader.GetInt32(2));
            }
        }

        foreach (var (p, i) in photos.Select((p, i) => (p, i)))
        {
            if (!stored.TryGetValue(p.Sha256.ToLowerInvariant(), out var s))
            {
                return ($"photos[{i}]", $"photo {p.Sha256} was not uploaded for task {taskId}: PUT /api/tasks/{taskId}/photos/{{sha256}} first");
            }

            if (s.Kind != p.Kind || s.Bytes != p.Bytes)
            {
                return ($"photos[{i}]", $"photo {p.Sha256} was uploaded as {s.Kind}, {s.Bytes} bytes, not {p.Kind}, {p.Bytes} bytes");
            }
        }

        return null;
    }
}
