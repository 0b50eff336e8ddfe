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
/// <para>
/// Rows of a CSV import (<see cref="WriteAsync(EnterpriseRow, CancellationToken)"/>) are written lean (0023): their
/// directory fields as columns and the import's stamp once, in directory_imports, instead of each row's whole state
/// as jsonb. Other states (<see cref="WriteAsync(EnterpriseState, CancellationToken)"/>) are written whole.
/// </para>
/// </summary>
public sealed class EnterpriseBulkWriter : IAsyncDisposable
{
    private const string Staging = "import_enterprises";

    /// <summary>The columns a row is copied with (the directory also gets service_id and version; the staging table has just these).</summary>
    private const string CopyColumns =
        "uscc, name, region_code, address, kind, categories, licences, status, key_supervision, risk_class, uscc_override_reason, uscc_override_problem, content_hash, state, import_id, import_row";

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlTransaction transaction;
    private readonly string serviceId;
    private readonly long? importId;
    private NpgsqlBinaryImporter? copy;

    private EnterpriseBulkWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, NpgsqlBinaryImporter copy, string serviceId, long? importId, bool direct)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.copy = copy;
        this.serviceId = serviceId;
        this.importId = importId;
        Direct = direct;
    }

    public long Written { get; private set; }

    /// <summary>The rows go straight into the directory (it was empty): every row is new.</summary>
    public bool Direct { get; }

    /// <param name="intoEmpty">Copy straight into the directory when the deployment has no enterprise yet (not for a dry run: it would write the table only to roll it back).</param>
    /// <param name="import">The import the rows come from: needed to write CSV rows (lean); stored with them, in the same transaction.</param>
    public static async Task<EnterpriseBulkWriter> BeginAsync(
        NpgsqlDataSource database, string serviceId, CancellationToken cancellationToken, bool intoEmpty = false, EnterpriseImportStamp? import = null)
    {
        var connection = await database.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var direct = intoEmpty && await IsEmptyAsync(connection, transaction, serviceId, cancellationToken);
            var importId = import is null ? (long?)null : await StampAsync(connection, transaction, serviceId, import, cancellationToken);
            if (direct)
            {
                // written_xid NULL (keeps the rows out of 0024's index: a third of a first load's time) and the load
                // recorded once instead: the frame cache reads the directory whole when it sees one (0025).
                await using (var record = new NpgsqlCommand("INSERT INTO directory_first_loads (service_id) VALUES ($1)", connection, transaction))
                {
                    record.Parameters.Add(new() { Value = serviceId });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                var copy = await connection.BeginBinaryImportAsync(
                    $"COPY directory_enterprises (service_id, {CopyColumns}, version, written_xid) FROM STDIN (FORMAT BINARY)", cancellationToken);
                return new EnterpriseBulkWriter(connection, transaction, copy, serviceId, importId, direct: true);
            }

            return new EnterpriseBulkWriter(connection, transaction, await BeginStagingAsync(connection, transaction, cancellationToken), serviceId, importId, direct: false);
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

    private static async Task<long> StampAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string serviceId, EnterpriseImportStamp import, CancellationToken cancellationToken)
    {
        await using var stamp = new NpgsqlCommand("INSERT INTO directory_imports (service_id, at, by, source) VALUES ($1, $2, $3, $4) RETURNING id", connection, transaction);
        stamp.Parameters.Add(new() { Value = serviceId });
        stamp.Parameters.Add(new() { Value = import.At });
        stamp.Parameters.Add(new() { Value = import.By });
        stamp.Parameters.Add(new() { Value = import.Source });
        return (long)(await stamp.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<NpgsqlBinaryImporter> BeginStagingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand(
            $"""
            CREATE TEMP TABLE {Staging} (
                uscc text NOT NULL, name text NOT NULL, region_code text, address text, kind text NOT NULL, categories text[] NOT NULL,
                licences text[], status text NOT NULL, key_supervision boolean NOT NULL, risk_class text NOT NULL,
                uscc_override_reason text, uscc_override_problem text, content_hash bytea NOT NULL, state jsonb,
                import_id bigint, import_row integer) ON COMMIT DROP
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return await connection.BeginBinaryImportAsync(
            $"COPY {Staging} ({CopyColumns}) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    /// <summary>A state written whole (its history as it is).</summary>
    public async ValueTask WriteAsync(EnterpriseState state, CancellationToken cancellationToken)
    {
        var copy = await StartRowAsync(cancellationToken);
        await copy.WriteAsync(state.Uscc, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Name, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(copy, state.RegionCode, cancellationToken);
        await WriteTextAsync(copy, state.Address, cancellationToken);
        await copy.WriteAsync(state.Kind.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Categories.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Licences.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.Status.ToString(), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(state.KeySupervision, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(state.RiskClass.ToString(), NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(copy, state.UsccOverride?.Reason, cancellationToken);
        await WriteTextAsync(copy, state.UsccOverride?.ValidationProblem, cancellationToken);
        await copy.WriteAsync(EnterpriseContent.Hash(state), NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteAsync(JsonSerializer.Serialize(state, EnterpriseDirectoryRow.Json), NpgsqlDbType.Jsonb, cancellationToken);
        await copy.WriteNullAsync(cancellationToken);
        await copy.WriteNullAsync(cancellationToken);
        await EndRowAsync(copy, cancellationToken);
    }

    /// <summary>
    /// A CSV row, written lean: its state is the one <see cref="EnterpriseImportStamp.ToState"/> builds, rebuilt when read
    /// (<see cref="EnterpriseDirectoryRow.Read"/>), so only the row's fields, its line and the import's id are stored.
    /// </summary>
    public async ValueTask WriteAsync(EnterpriseRow row, CancellationToken cancellationToken)
    {
        var import = importId ?? throw new InvalidOperationException("CSV rows need the import they come from: begin the writer with it.");
        var copy = await StartRowAsync(cancellationToken);
        await copy.WriteAsync(row.Uscc, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.Name, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.RegionCode, NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(copy, row.Address, cancellationToken);
        await copy.WriteAsync(EnterpriseDirectoryRow.Name(row.Kind), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(Array(row.Categories), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(Array(row.Licences), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(EnterpriseDirectoryRow.Name(row.Status), NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(row.KeySupervision, NpgsqlDbType.Boolean, cancellationToken);
        await copy.WriteAsync(EnterpriseDirectoryRow.Name(row.RiskClass), NpgsqlDbType.Text, cancellationToken);
        await WriteTextAsync(copy, row.UsccOverrideReason, cancellationToken);
        await WriteTextAsync(copy, row.UsccOverrideReason is null ? null : row.UsccOverriddenProblem, cancellationToken);
        await copy.WriteAsync(EnterpriseContent.Hash(row), NpgsqlDbType.Bytea, cancellationToken);
        await copy.WriteNullAsync(cancellationToken);
        await copy.WriteAsync(import, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(row.Row, NpgsqlDbType.Integer, cancellationToken);
        await EndRowAsync(copy, cancellationToken);
    }

    private async ValueTask<NpgsqlBinaryImporter> StartRowAsync(CancellationToken cancellationToken)
    {
        var copy = this.copy ?? throw new InvalidOperationException("The rows were already counted or committed.");
        await copy.StartRowAsync(cancellationToken);
        if (Direct)
        {
            await copy.WriteAsync(serviceId, NpgsqlDbType.Text, cancellationToken);
        }

        return copy;
    }

    private async ValueTask EndRowAsync(NpgsqlBinaryImporter copy, CancellationToken cancellationToken)
    {
        if (Direct)
        {
            await copy.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteNullAsync(cancellationToken);
        }

        Written++;
    }

    private static ValueTask WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? new ValueTask(copy.WriteNullAsync(cancellationToken)) : new ValueTask(copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken));

    private static string[] Array(IReadOnlyList<string> values) => values as string[] ?? [.. values];

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
                       (service_id, {CopyColumns}, version, updated_at)
                SELECT $1, {CopyColumns}, 1, now()
                  FROM {Staging} i
                ON CONFLICT (service_id, uscc) DO UPDATE
                   SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, address = EXCLUDED.address, kind = EXCLUDED.kind,
                       categories = EXCLUDED.categories, licences = EXCLUDED.licences, status = EXCLUDED.status,
                       key_supervision = EXCLUDED.key_supervision, risk_class = EXCLUDED.risk_class,
                       uscc_override_reason = EXCLUDED.uscc_override_reason, uscc_override_problem = EXCLUDED.uscc_override_problem,
                       content_hash = EXCLUDED.content_hash, import_id = EXCLUDED.import_id, import_row = EXCLUDED.import_row,
                       -- Lean rows (0023) are merged as the state they stand for; the result is stored whole.
                       state = (SELECT n || jsonb_build_object(
                           'RegisteredAt', o -> 'RegisteredAt',
                           'RegisteredBy', o -> 'RegisteredBy',
                           'UsccOverride', COALESCE(n -> 'UsccOverride', o -> 'UsccOverride'),
                           'History', (o -> 'History') || (n -> 'History'),
                           'RiskHistory', (o -> 'RiskHistory')
                               || CASE WHEN d.risk_class <> EXCLUDED.risk_class THEN n -> 'RiskHistory' ELSE '[]'::jsonb END)
                         FROM (SELECT COALESCE(EXCLUDED.state, directory_lean_state(
                                          EXCLUDED.uscc, EXCLUDED.name, EXCLUDED.address, EXCLUDED.region_code, EXCLUDED.kind, EXCLUDED.categories,
                                          EXCLUDED.licences, EXCLUDED.status, EXCLUDED.key_supervision, EXCLUDED.risk_class,
                                          EXCLUDED.uscc_override_reason, EXCLUDED.uscc_override_problem, EXCLUDED.import_id, EXCLUDED.import_row)) AS n,
                                      COALESCE(d.state, directory_lean_state(
                                          d.uscc, d.name, d.address, d.region_code, d.kind, d.categories, d.licences, d.status, d.key_supervision,
                                          d.risk_class, d.uscc_override_reason, d.uscc_override_problem, d.import_id, d.import_row)) AS o) merged),
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
