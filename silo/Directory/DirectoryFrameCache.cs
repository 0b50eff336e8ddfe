using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Silo.Directory;

/// <summary>
/// The deployment's directory as frames read it (<see cref="FrameDirectory"/>), kept in the silo between builds (issue
/// 22) with the PostgreSQL snapshot it reflects. The first build reads every row (two code ranges at once on one
/// exported snapshot); later builds read only the rows written by transactions that snapshot did not see (0024:
/// written_xid, and directory_deletions), in a snapshot of their own, and merge them. Builds take turns on the cache.
/// </summary>
public sealed class DirectoryFrameCache(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, ILogger<DirectoryFrameCache> logger) : IDisposable
{
    /// <summary>
    /// How many key ranges of the directory a full read reads at once: PostgreSQL's backend producing rows and the silo
    /// reading them cost about the same per row, so two readers each with their backend keep more of the machine busy.
    /// </summary>
    private const int Readers = 2;

    private const string Columns = "uscc, region_code, categories, risk_class, status, kind, key_supervision";

    private readonly string serviceId = cluster.Value.ServiceId;
    private readonly SemaphoreSlim turn = new(1, 1);
    private FrameDirectory? rows;
    private string? snapshot;

    /// <summary>What the last build found: a full read or the rows changed, and the cache's size (the frame log line says it).</summary>
    public sealed record Refresh(bool Full, int Changed, int Rows, long Bytes);

    /// <summary>The plan's groups from the directory as it is now (this call's snapshot), and how the cache got there.</summary>
    public async Task<(List<FrameGroup> Groups, Refresh Refresh)> GroupsAsync(PlanDefinition plan, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            var refresh = await RefreshAsync(cancellationToken);
            return (rows!.Groups(plan), refresh);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Reads the directory whole if nothing is cached yet (a silo starting warms the cache so).</summary>
    public async Task WarmAsync(CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            if (rows is null)
            {
                var watch = Stopwatch.StartNew();
                var refresh = await RefreshAsync(cancellationToken);
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Directory cache for frames warmed: {Rows} rows read in {Seconds:F2} s, {MiB} MiB", refresh.Rows, watch.Elapsed.TotalSeconds, refresh.Bytes >> 20);
                }
            }
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose() => turn.Dispose();

    private async Task<Refresh> RefreshAsync(CancellationToken cancellationToken)
    {
        if (rows is null || snapshot is null)
        {
            (rows, snapshot) = await ReadAllAsync(cancellationToken);
            return new Refresh(true, rows.Count, rows.Count, rows.Bytes);
        }

        var (changes, now) = await ReadChangesAsync(snapshot, cancellationToken);
        if (changes is null)
        {
            // A first load since (0025): its rows carry no written_xid, so the directory is read whole.
            (rows, snapshot) = (null, null);
            (rows, snapshot) = await ReadAllAsync(cancellationToken);
            return new Refresh(true, rows.Count, rows.Count, rows.Bytes);
        }

        try
        {
            rows.Merge(changes);
            snapshot = now;
        }
        catch
        {
            // A merge that failed half-way leaves rows nobody can vouch for: the next build reads the directory whole.
            (rows, snapshot) = (null, null);
            throw;
        }

        return new Refresh(false, changes.Count, rows.Count, rows.Bytes);
    }

    /// <summary>
    /// The rows written by transactions <paramref name="cached"/> did not see and this transaction's snapshot does: exactly
    /// what changed between the two, whatever order concurrent writers committed in. A deleted row is its code removed,
    /// unless it is back (written again since): the row as it is now wins.
    /// </summary>
    /// <remarks>No changes (null) when a first load the cached snapshot did not see is visible now: its rows are not marked.</remarks>
    private async Task<(List<FrameDirectoryRow>? Changes, string Snapshot)> ReadChangesAsync(string cached, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string now;
        await using (var take = new NpgsqlCommand("SELECT pg_current_snapshot()::text", connection, transaction))
        {
            now = (string)(await take.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var loaded = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM directory_first_loads
                            WHERE service_id = $1 AND loaded_xid >= pg_snapshot_xmin($2::pg_snapshot) AND NOT pg_visible_in_snapshot(loaded_xid, $2::pg_snapshot))
            """, connection, transaction))
        {
            loaded.Parameters.Add(new() { Value = serviceId });
            loaded.Parameters.Add(new() { Value = cached });
            if ((bool)(await loaded.ExecuteScalarAsync(cancellationToken))!)
            {
                await transaction.CommitAsync(cancellationToken);
                return (null, now);
            }
        }

        var changes = new List<FrameDirectoryRow>();
        var parser = new RowParser();
        await using (var changed = new NpgsqlCommand(
            $"""
            SELECT {Columns} FROM directory_enterprises
             WHERE service_id = $1 AND written_xid >= pg_snapshot_xmin($2::pg_snapshot) AND NOT pg_visible_in_snapshot(written_xid, $2::pg_snapshot)
            """, connection, transaction))
        {
            changed.Parameters.Add(new() { Value = serviceId });
            changed.Parameters.Add(new() { Value = cached });
            changed.CommandTimeout = 120;
            await using var reader = await changed.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                changes.Add(parser.Row(reader));
            }
        }

        var present = changes.Select(c => c.Uscc).ToHashSet(StringComparer.Ordinal);
        await using (var deleted = new NpgsqlCommand(
            """
            SELECT DISTINCT uscc FROM directory_deletions
             WHERE service_id = $1 AND deleted_xid >= pg_snapshot_xmin($2::pg_snapshot) AND NOT pg_visible_in_snapshot(deleted_xid, $2::pg_snapshot)
            """, connection, transaction))
        {
            deleted.Parameters.Add(new() { Value = serviceId });
            deleted.Parameters.Add(new() { Value = cached });
            await using var reader = await deleted.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var uscc = reader.GetString(0);
                if (present.Add(uscc))
                {
                    changes.Add(FrameDirectoryRow.Removed(uscc));
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (changes, now);
    }

    /// <summary>
    /// Every row of the deployment, read as <see cref="Readers"/> code ranges at once, all on one snapshot (exported by the
    /// first reader's transaction), so the rows are those of one moment as a single read's would be; that snapshot is
    /// what the cache then reflects.
    /// </summary>
    private async Task<(FrameDirectory Rows, string Snapshot)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var (bounds, estimate) = await SplitPointsAsync(cancellationToken);
        await using var first = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await first.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string current;
        string? exported = null;
        // The first statement fixes the transaction's snapshot: the one the cache will reflect and the other readers share.
        await using (var take = new NpgsqlCommand(bounds.Count > 0 ? "SELECT pg_current_snapshot()::text, pg_export_snapshot()" : "SELECT pg_current_snapshot()::text, NULL", first, transaction))
        await using (var reader = await take.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            current = reader.GetString(0);
            exported = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        var ranges = new Task<FrameDirectory>[bounds.Count + 1];
        for (var i = 0; i < ranges.Length; i++)
        {
            var from = i == 0 ? null : bounds[i - 1];
            var to = i == bounds.Count ? null : bounds[i];
            ranges[i] = i == 0
                ? Task.Run(() => ReadRangeAsync(first, from, to, estimate / ranges.Length, cancellationToken), cancellationToken)
                : Task.Run(async () =>
                {
                    await using var connection = await database.OpenConnectionAsync(cancellationToken);
                    await using var own = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
                    // SET takes no parameters: the id is the one PostgreSQL just gave the first reader.
                    await using (var use = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{exported}'", connection, own))
                    {
                        await use.ExecuteNonQueryAsync(cancellationToken);
                    }

                    return await ReadRangeAsync(connection, from, to, estimate / ranges.Length, cancellationToken);
                }, cancellationToken);
        }

        var read = await Task.WhenAll(ranges);
        await transaction.CommitAsync(cancellationToken);
        return (FrameDirectory.Sealed(read), current);
    }

    /// <summary>
    /// Codes that cut the directory into <see cref="Readers"/> ranges of about equal size, from the column's statistics
    /// (the histogram ANALYZE keeps); none (one range) while the table has none. And the table's estimated rows (all
    /// deployments': at most what this one holds), so each range's rows are reserved at once rather than grown by doubling.
    /// </summary>
    private async Task<(List<string> Bounds, int Estimate)> SplitPointsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            """
            SELECT (SELECT histogram_bounds::text::text[] FROM pg_stats WHERE tablename = 'directory_enterprises' AND attname = 'uscc' AND schemaname = current_schema()),
                   (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'directory_enterprises'::regclass)
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var histogram = reader.IsDBNull(0) ? null : reader.GetFieldValue<string[]>(0);
        var estimate = (int)Math.Min(reader.IsDBNull(1) ? 0 : reader.GetInt64(1) * 102 / 100, 64_000_000);
        if (Readers < 2 || histogram is null || histogram.Length <= 2 * Readers)
        {
            return ([], estimate);
        }

        return (Enumerable.Range(1, Readers - 1).Select(i => histogram[i * histogram.Length / Readers]).Distinct().Order(StringComparer.Ordinal).ToList(), estimate);
    }

    /// <summary>
    /// Reads one code range (<paramref name="from"/> inclusive, <paramref name="to"/> exclusive; null: open). Read through
    /// the primary key (0022: it covers what frames read), the codes come in order. No ORDER BY: before the table is
    /// vacuumed the planner rightly reads the table instead, and sorting 10 M rows there cost more than here; that, or a
    /// collation that orders otherwise, <see cref="FrameDirectory.Sealed"/> notices and sorts.
    /// </summary>
    private async Task<FrameDirectory> ReadRangeAsync(NpgsqlConnection connection, string? from, string? to, int expected, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Columns}
              FROM directory_enterprises
             WHERE service_id = $1 AND region_code IS NOT NULL{(from is null ? "" : " AND uscc >= $2")}{(to is null ? "" : $" AND uscc < ${(from is null ? 2 : 3)}")}
            """, connection);
        command.Parameters.Add(new() { Value = serviceId });
        foreach (var bound in new[] { from, to }.OfType<string>())
        {
            command.Parameters.Add(new() { Value = bound });
        }

        command.CommandTimeout = 120;
        var part = new FrameDirectory(expected);
        var parser = new RowParser();
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // This loop runs once per enterprise: the few classes, statuses and kinds are parsed once each.
            var uscc = reader.GetString(0);
            var region = reader.GetString(1);
            part.Add(uscc.AsSpan(), region, reader.GetFieldValue<string[]>(2), parser.Risk(reader.GetString(3)), parser.Status(reader.GetString(4)),
                touristSite: RowParser.TouristSite(reader.GetString(5)), keySupervision: reader.GetBoolean(6));
        }

        return part;
    }

    /// <summary>The directory's names of classes, statuses and kinds, each parsed once (one per reader: not shared).</summary>
    private sealed class RowParser
    {
        private readonly Dictionary<string, RiskClass> risks = new(StringComparer.Ordinal);
        private readonly Dictionary<string, EnterpriseStatus> statuses = new(StringComparer.Ordinal);

        public RiskClass Risk(string name) => risks.TryGetValue(name, out var risk) ? risk : risks[name] = Enum.Parse<RiskClass>(name);

        public EnterpriseStatus Status(string name) => statuses.TryGetValue(name, out var status) ? status : statuses[name] = Enum.Parse<EnterpriseStatus>(name);

        public static bool TouristSite(string kind) => kind == nameof(EnterpriseKind.TouristSiteRetailer);

        /// <summary>A row of the delta query (<see cref="Columns"/>); without a region it leaves the frames.</summary>
        public FrameDirectoryRow Row(NpgsqlDataReader reader)
        {
            var uscc = reader.GetString(0);
            if (reader.IsDBNull(1))
            {
                return FrameDirectoryRow.Removed(uscc);
            }

            return new FrameDirectoryRow(uscc, reader.GetString(1), reader.GetFieldValue<string[]>(2), Risk(reader.GetString(3)), Status(reader.GetString(4)),
                reader.GetBoolean(6), TouristSite(reader.GetString(5)));
        }
    }
}
