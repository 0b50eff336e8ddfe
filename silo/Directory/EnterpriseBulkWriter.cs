using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Samples.Domain.Directory;

namespace Samples.Silo.Directory;

/// <summary>
/// Writes many enterprises to the directory in one transaction: rows stream into a temporary table with
/// binary COPY, then one statement inserts the new ones and updates the changed ones (version + 1, history
/// appended); rows whose content is already so are left alone, so importing the same file again changes
/// nothing. Disposing without <see cref="CommitAsync"/> rolls everything back.
/// <para>
/// A deployment's first load (its directory still empty, issue 22: 10,000,000 enterprises) may skip the staging table:
/// the rows are copied straight into the directory, in the same transaction, so a bad row still leaves nothing behind.
/// Writers of one deployment take turns (a transaction-level advisory lock), so two loads cannot both find it empty.
/// </para>
/// </summary>
public sealed class EnterpriseBulkWriter : IAsyncDisposable
{
    private const string Staging = "import_enterprises";

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string serviceId;
    private NpgsqlBinaryImporter? copy;

    private EnterpriseBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter copy, string serviceId, bool direct)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.copy = copy;
        this.serviceId = serviceId;
        Direct = direct;
    }

    public long Written { get; private set; }

    /// <summary>The rows go straight into the directory (it was empty): every row is new.</summary>
    public bool Direct { get; }

    /// <param name="intoEmpty">Copy straight into the directory when the deployment has no enterprise yet (not for a dry run: it would write the table only to roll it back).</param>
    public static async Task<EnterpriseBulkWriter> BeginAsync(NpgsqlDataSource database, string serviceId, CancellationToken cancellationToken, bool intoEmpty = false)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            if (intoEmpty && await IsEmptyAsync(connection, transaction, serviceId, cancellationToken))
            {
                var direct = await connection.BeginBinaryImportAsync(
                    "COPY directory_enterprises (service_id, uscc, name, region_code, kind, categories, status, key_supervision, risk_class, content_hash, state, version) FROM STDIN (FORMAT BINARY)",
                    cancellationToken);
                return new EnterpriseBulkWriter(connection, transaction, direct, serviceId, direct: true);
            }

            return new EnterpriseBulkWriter(connection, transaction, await BeginStagingAsync(connection, transaction, cancellationToken), serviceId, direct: false);
        }
        catch
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the deployment's import turn (held to the end of the transaction), then looks whether its directory is empty.</summary>
    private static async Task<bool> IsEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, CancellationToken cancellationToken)
    {
        await using (var turn = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('samples:directory-import:' || $1, 0))", connection, transaction))
        {
            turn.Parameters.Add(new() { Value = serviceId });
            turn.CommandTimeout = 0;
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var empty = new NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM directory_enterprises WHERE service_id = $1)", connection, transaction);
        empty.Parameters.Add(new() { Value = serviceId });
        return (bool)(await empty.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<NpgsqlBinaryImporter> BeginStagingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            $"""
            CREATE TEMP TABLE {Staging} (
                uscc text NOT NULL, name text NOT NULL, region_code text, kind text NOT NULL, categories text[] NOT NULL,
                status text NOT NULL, key_supervision boolean NOT NULL, risk_class text NOT NULL,
                content_hash bytea NOT NULL, state jsonb NOT NULL) ON COMMIT DROP
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return await connection.BeginBinaryImportAsync(
            $"COPY {Staging} (uscc, name, region_code, kind, categories, status, key_supervision, risk_class, content_hash, state) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    public async ValueTask WriteAsync(EnterpriseState state, CancellationToken cancellationToken)
    {
        var copy = this.copy ?? throw new InvalidOperationException("The rows were already counted or committed.");
        await copy.StartRowAsync(cancellationToken);
        if (Direct)
        {
            await copy.WriteAsync(serviceId, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.WriteAsync(state.Uscc, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Name, NpgsqlDbType.Text, cancellationToken);
        if (state.RegionCode is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(state.RegionCode, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.WriteAsync(state.Kind.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Categories.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Status.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.KeySupervision, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(state.RiskClass.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnterpriseContent.Hash(state), NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync(JsonSerializer.Serialize(state, EnterpriseDirectoryRow.Json), NpgsqlDbType.Jsonb, cancellationToken);
        if (Direct)
        {
            await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
        }

        Written++;
    }

    /// <summary>What committing would do, without doing it (for a dry run).</summary>
    public async Task<BulkWriteCounts> CountAsync(CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        if (Direct)
        {
            return new BulkWriteCounts(Written, Written, 0, 0);
        }

        await using var count = new NpgsqlCommand(
            $"""
            SELECT count(*) FILTER (WHERE d.uscc IS NULL),
                   count(*) FILTER (WHERE d.uscc IS NOT NULL AND d.content_hash <> i.content_hash)
              FROM {Staging} i
              LEFT JOIN directory_enterprises d ON d.service_id = $1 AND d.uscc = i.uscc
            """, connection, transaction);
        count.Parameters.Add(new() { Value = serviceId });
        return await ReadCountsAsync(count, cancellationToken);
    }

    public async Task<BulkWriteCounts> CommitAsync(CancellationToken cancellationToken)
    {
        await FinishCopyAsync(cancellationToken);
        if (Direct)
        {
            await transaction.CommitAsync(cancellationToken);
            return new BulkWriteCounts(Written, Written, 0, 0);
        }

        // Updates keep who registered the enterprise and when, and append the import's history entry and,
        // when the class changed, its risk-class entry: nothing of the past is overwritten.
        await using var upsert = new NpgsqlCommand(
            $"""
            WITH written AS (
                INSERT INTO directory_enterprises AS d
                       (service_id, uscc, name, region_code, kind, categories, status, key_supervision, risk_class,
                        content_hash, state, version, updated_at)
                SELECT $1, i.uscc, i.name, i.region_code, i.kind, i.categories, i.status, i.key_supervision, i.risk_class,
                       i.content_hash, i.state, 1, now()
                  FROM {Staging} i
                ON CONFLICT (service_id, uscc) DO UPDATE
                   SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, kind = EXCLUDED.kind,
                       categories = EXCLUDED.categories, status = EXCLUDED.status,
                       key_supervision = EXCLUDED.key_supervision, risk_class = EXCLUDED.risk_class,
                       content_hash = EXCLUDED.content_hash,
                       state = EXCLUDED.state || jsonb_build_object(
                           'RegisteredAt', d.state -> 'RegisteredAt',
                           'RegisteredBy', d.state -> 'RegisteredBy',
                           'UsccOverride', COALESCE(EXCLUDED.state -> 'UsccOverride', d.state -> 'UsccOverride'),
                           'History', (d.state -> 'History') || (EXCLUDED.state -> 'History'),
                           'RiskHistory', (d.state -> 'RiskHistory')
                               || CASE WHEN d.risk_class <> EXCLUDED.risk_class THEN EXCLUDED.state -> 'RiskHistory' ELSE '[]'::jsonb END),
                       version = d.version + 1,
                       updated_at = now()
                 WHERE d.content_hash <> EXCLUDED.content_hash
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
            """, connection, transaction);
        upsert.Parameters.Add(new() { Value = serviceId });
        upsert.CommandTimeout = 0;
        var counts = await ReadCountsAsync(upsert, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    public async ValueTask DisposeAsync()
    {
        if (copy is not null)
        {
            await copy.DisposeAsync();
        }

        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    private async Task FinishCopyAsync(CancellationToken cancellationToken)
    {
        if (copy is null)
        {
            return;
        }

        await copy.CompleteAsync(cancellationToken);
        await copy.DisposeAsync();
        copy = null;
    }

    private async Task<BulkWriteCounts> ReadCountsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var inserted = reader.GetInt64(0);
        var updated = reader.GetInt64(1);
        return new BulkWriteCounts(Written, inserted, updated, Written - inserted - updated);
    }
}

/// <summary>Rows written, and how many of them were (or would be) new, changed, or already so.</summary>
public sealed record BulkWriteCounts(long Rows, long Inserted, long Updated, long Unchanged);
