using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Samples.Domain.Bulletins;

namespace Samples.Silo.Bulletins;

/// <summary>Bulletin editions (ops/db/migrations/0016_bulletins.sql): a draft computed again until published, then frozen.</summary>
public sealed class BulletinStore(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Columns = "bulletin_id, edition, period, scope, figures::text, figures_sha256, drafted_by, drafted_at, published_number, published_by, published_at";

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<BulletinEdition?> LatestAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM bulletins WHERE service_id = $1 AND bulletin_id = $2 ORDER BY edition DESC LIMIT 1", ct, id)).FirstOrDefault();

    public async Task<BulletinEdition?> LatestPublishedAsync(string id, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM bulletins WHERE service_id = $1 AND bulletin_id = $2 AND published_number IS NOT NULL ORDER BY edition DESC LIMIT 1", ct, id)).FirstOrDefault();

    /// <summary>The newest published edition of every bulletin, newest period first.</summary>
    public Task<List<BulletinEdition>> PublishedAsync(CancellationToken ct) => QueryAsync($"""
        SELECT * FROM (SELECT DISTINCT ON (bulletin_id) {Columns} FROM bulletins WHERE service_id = $1 AND published_number IS NOT NULL
                       ORDER BY bulletin_id, edition DESC) latest ORDER BY period DESC, bulletin_id
        """, ct);

    /// <summary>Every draft not yet published, for supervisors.</summary>
    public Task<List<BulletinEdition>> DraftsAsync(CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM bulletins WHERE service_id = $1 AND published_number IS NULL ORDER BY drafted_at DESC", ct);

    /// <summary>Writes the draft: over the unpublished edition, or as a new edition after a published one.</summary>
    public async Task<BulletinEdition> SaveDraftAsync(BulletinFigures figures, string by, DateTimeOffset at, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(figures, Json);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)));
        await using var command = database.CreateCommand("""
            INSERT INTO bulletins (service_id, bulletin_id, edition, period, scope, figures, figures_sha256, drafted_by, drafted_at)
            SELECT $1, $2, coalesce(max(edition) FILTER (WHERE published_number IS NOT NULL), 0) + 1, $3, $4, $5, $6, $7, $8
              FROM bulletins WHERE service_id = $1 AND bulletin_id = $2
            ON CONFLICT (service_id, bulletin_id, edition) DO UPDATE SET figures = EXCLUDED.figures, figures_sha256 = EXCLUDED.figures_sha256,
                drafted_by = EXCLUDED.drafted_by, drafted_at = EXCLUDED.drafted_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = figures.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = figures.Period });
        command.Parameters.Add(new NpgsqlParameter { Value = figures.Scope });
        command.Parameters.Add(new NpgsqlParameter { Value = json, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = sha });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        await command.ExecuteNonQueryAsync(ct);
        return (await LatestAsync(figures.Id, ct))!;
    }

    /// <summary>Marks <paramref name="edition"/> published, inside the transaction that stores its document; false when it was published meanwhile.</summary>
    public async Task<bool> MarkPublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, BulletinEdition edition, string number, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE bulletins SET published_number = $4, published_by = $5, published_at = $6
            WHERE service_id = $1 AND bulletin_id = $2 AND edition = $3 AND published_number IS NULL AND figures_sha256 = $7
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = edition.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = edition.Edition });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = edition.FiguresSha256 });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    private async Task<List<BulletinEdition>> QueryAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        var found = new List<BulletinEdition>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(new BulletinEdition(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                JsonSerializer.Deserialize<BulletinFigures>(reader.GetString(4), Json)!, reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10)));
        }

        return found;
    }
}

/// <summary>One edition of a bulletin: its figures and their SHA-256, who drafted it, and once published the document's number.</summary>
public sealed record BulletinEdition(
    string Id, int Edition, string Period, string Scope, BulletinFigures Figures, string FiguresSha256, string DraftedBy, DateTimeOffset DraftedAt,
    string? PublishedNumber, string? PublishedBy, DateTimeOffset? PublishedAt)
{
    public bool Published => PublishedNumber is not null;
}
