using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Silo.Audit;

namespace Samples.Silo.Documents;

/// <summary>
/// Issued documents in PostgreSQL (ops/db/migrations/0014_documents.sql): stored once, never changed, each issue and
/// correction appended to the audit trail in the same transaction, so a document is in the trail or not at all.
/// </summary>
public sealed class DocumentStore(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private const string Columns = "number, code, subject, kind, version, replaces, reason, content, content_sha256, facts_sha256, pdf_sha256, issued_by, issued_at";

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<StoredDocument?> LatestAsync(string subject, string kind, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM documents WHERE service_id = $1 AND subject = $2 AND kind = $3 ORDER BY version DESC LIMIT 1", ct, subject, kind)).FirstOrDefault();

    /// <summary>Every version of every document about <paramref name="subject"/>, by kind then version.</summary>
    public Task<List<StoredDocument>> ListAsync(string subject, CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM documents WHERE service_id = $1 AND subject = $2 ORDER BY kind, version", ct, subject);

    public async Task<StoredDocument?> ByCodeAsync(string code, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM documents WHERE service_id = $1 AND code = $2", ct, code)).FirstOrDefault();

    public async Task<StoredDocument?> ByPdfSha256Async(string sha256, CancellationToken ct) =>
        (await QueryAsync($"SELECT {Columns} FROM documents WHERE service_id = $1 AND pdf_sha256 = $2 ORDER BY issued_at LIMIT 1", ct, sha256)).FirstOrDefault();

    /// <summary>The number of the version that replaced <paramref name="number"/>, if any.</summary>
    public async Task<string?> ReplacedByAsync(string number, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT number FROM documents WHERE service_id = $1 AND replaces = $2 LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public async Task<byte[]?> PdfAsync(string number, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT pdf FROM documents WHERE service_id = $1 AND number = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        return await command.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>
    /// Stores <paramref name="document"/> and its audit entry (and whatever <paramref name="alongside"/> writes, in the
    /// same transaction), or returns false when another issue of the same version
    /// won the race (nothing written; the caller reads the latest again).
    /// </summary>
    public async Task<bool> InsertAsync(StoredDocument document, byte[] pdf, CancellationToken ct, Func<NpgsqlConnection, NpgsqlTransaction, Task>? alongside = null)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO documents (service_id, {Columns}, pdf) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT DO NOTHING
            """, connection, transaction))
        {
            foreach (var value in new object?[]
            {
                ServiceId, document.Number, document.Code, document.Subject, document.Kind, document.Version, document.Replaces, document.Reason,
                document.Content, document.ContentSha256, document.FactsSha256, document.PdfSha256, document.IssuedBy, document.IssuedAt.UtcDateTime, pdf,
            })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }
        }

        var d = document;
        var detail = d.Replaces is null
            ? $"{d.Number} issued: content {d.ContentSha256}, pdf {d.PdfSha256}"
            : $"{d.Number} issued, replacing {d.Replaces} ({d.Reason}): content {d.ContentSha256}, pdf {d.PdfSha256}";
        await StreamAppender.AppendAsync(connection, transaction, ServiceId, d.AuditStream, d.Version, d.IssuedAt, d.IssuedBy,
            d.Replaces is null ? "issue-document" : "correct-document", detail, ct);
        if (alongside is not null)
        {
            await alongside(connection, transaction);
        }

        await transaction.CommitAsync(ct);
        return true;
    }

    private async Task<List<StoredDocument>> QueryAsync(string sql, CancellationToken ct, params string[] args)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        var found = new List<StoredDocument>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found.Add(new StoredDocument(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7),
                reader.GetString(8), reader.GetString(9), reader.GetString(10), reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12)));
        }

        return found;
    }
}

/// <summary>An issued document as stored (its PDF bytes apart).</summary>
public sealed record StoredDocument(
    string Number, string Code, string Subject, string Kind, int Version, string? Replaces, string? Reason, string Content,
    string ContentSha256, string FactsSha256, string PdfSha256, string IssuedBy, DateTimeOffset IssuedAt)
{
    public string AuditStream => Domain.Documents.AuditStreams.Document(Subject, Kind);
}
