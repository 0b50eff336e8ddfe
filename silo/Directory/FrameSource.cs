using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Catalogue;
using Samples.Domain.Plans;
using Samples.Grains.Catalogue;

namespace Samples.Silo.Directory;

/// <summary>
/// Builds a round's frames from the directory table (grouped in PostgreSQL, one query, no grain
/// activations) and the inspector registry.
/// </summary>
public sealed class FrameSource(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainFactory grains, TimeProvider clock, ILogger<FrameSource> logger)
{
    /// <param name="drawDate">The day the round is drawn (China time): the 6-month rule counts back from it.</param>
    public async Task<Frames> BuildAsync(PlanVersion plan, int round, DateOnly drawDate, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (gen0, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var groups = await ReadGroupsAsync(plan.Definition, cancellationToken);
        var readIn = watch.Elapsed;
        var inspectors = await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync();
        // A joint plan samples for each participating department: what any of them sampled within 6 months stays out.
        var sampled = new List<SamplingRecord>();
        foreach (var department in JointPlans.RecordKeepers(plan.Definition))
        {
            sampled.AddRange(await grains.GetGrain<ISamplingHistoryGrain>(department).SinceAsync(SixMonthRule.From(drawDate)));
        }

        // The catalogue is asked only when the plan weighs key items: other plans' frames are as they always were.
        var keyCategories = plan.Definition.Quotas.Weights?.KeyCategory is null
            ? null
            : (await CatalogueCache.InForceAsync(grains, clock)).Categories.Where(c => c.Supervision == SupervisionLevel.Key).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var gatheredIn = watch.Elapsed;
        var frames = FrameBuilder.Build(plan, round, groups, inspectors, SixMonthRule.Excluded(sampled, drawDate), keyCategories);
        // Where a large directory's frames spend their time: the directory's rows, the registries, the strata.
        if (logger.IsEnabled(LogLevel.Information))
        {
            // And what the garbage collector did meanwhile: at 10 M enterprises its pauses and the heap were most of the cost.
            logger.LogInformation("Frames of plan {Plan} round {Round}: directory read in {Read:F2} s, registries in {Gathered:F2} s, strata built in {Built:F2} s; GC: {Gen0} collections ({Gen2} full), paused {Paused:F2} s, heap {Heap} MiB",
                plan.PlanId, round, readIn.TotalSeconds, (gatheredIn - readIn).TotalSeconds, (watch.Elapsed - gatheredIn).TotalSeconds,
                GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2, (GC.GetTotalPauseDuration() - paused).TotalSeconds, GC.GetTotalMemory(false) >> 20);
        }
        return frames;
    }

    /// <summary>
    /// How many key ranges of the directory are read at once (issue 22): PostgreSQL's backend producing rows and the silo
    /// reading them cost about the same per row, so two readers each with their backend keep more of the machine busy.
    /// </summary>
    private const int Readers = 2;

    /// <summary>
    /// Reads the deployment's enterprises of the plan's categories (in code order when it can) and groups them here: streaming plain rows
    /// is several times faster than grouping and aggregating arrays in PostgreSQL (measured: 1 M rows). The directory is
    /// read as <see cref="Readers"/> code ranges at once, all on one snapshot (exported by the first reader's transaction),
    /// so the frames are those of one moment as a single read's would be; each range's groups follow the one before.
    /// </summary>
    private async Task<List<FrameGroup>> ReadGroupsAsync(PlanDefinition plan, CancellationToken cancellationToken)
    {
        var bounds = await SplitPointsAsync(cancellationToken);
        await using var first = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await first.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        string? snapshot = null;
        if (bounds.Count > 0)
        {
            await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", first, transaction);
            snapshot = (string?)await export.ExecuteScalarAsync(cancellationToken);
        }

        var ranges = new Task<Dictionary<GroupName, MemberCodes>>[bounds.Count + 1];
        for (var i = 0; i < ranges.Length; i++)
        {
            var from = i == 0 ? null : bounds[i - 1];
            var to = i == bounds.Count ? null : bounds[i];
            ranges[i] = i == 0
                ? Task.Run(() => ReadRangeAsync(first, plan, from, to, cancellationToken), cancellationToken)
                : Task.Run(async () =>
                {
                    await using var connection = await database.OpenConnectionAsync(cancellationToken);
                    await using var own = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
                    // SET takes no parameters: the id is the one PostgreSQL just gave the first reader.
                    await using (var use = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot}'", connection, own))
                    {
                        await use.ExecuteNonQueryAsync(cancellationToken);
                    }

                    return await ReadRangeAsync(connection, plan, from, to, cancellationToken);
                }, cancellationToken);
        }

        var read = await Task.WhenAll(ranges);
        await transaction.CommitAsync(cancellationToken);

        // A group's members are its ranges' in range order: each range sorted and below the next, the whole stays sorted
        // (under a collation that orders otherwise, FrameBuilder notices and sorts).
        return read.SelectMany(r => r.Keys).Distinct().Select(name =>
            new FrameGroup(
                name.Region, name.Category, Enum.Parse<RiskClass>(name.Risk), Enum.Parse<EnterpriseStatus>(name.Status),
                MemberCodes.Concat(read.Select(r => r.GetValueOrDefault(name)).OfType<MemberCodes>().ToArray()),
                KeySupervision: (name.Flags & 1) != 0, TouristSite: (name.Flags & 2) != 0))
            .ToList();
    }

    /// <summary>
    /// Codes that cut the directory into <see cref="Readers"/> ranges of about equal size, from the column's statistics
    /// (the histogram ANALYZE keeps); none (one range) while the table has none.
    /// </summary>
    private async Task<List<string>> SplitPointsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "SELECT histogram_bounds::text::text[] FROM pg_stats WHERE tablename = 'directory_enterprises' AND attname = 'uscc' AND schemaname = current_schema()");
        var histogram = await command.ExecuteScalarAsync(cancellationToken) as string[];
        if (Readers < 2 || histogram is null || histogram.Length <= 2 * Readers)
        {
            return [];
        }

        return Enumerable.Range(1, Readers - 1).Select(i => histogram[i * histogram.Length / Readers]).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>A group by names: one range's numbering of regions, classes and statuses is its own.</summary>
    private readonly record struct GroupName(string Region, string Category, string Risk, string Status, int Flags);

    /// <summary>
    /// Reads one code range (<paramref name="from"/> inclusive, <paramref name="to"/> exclusive; null: open) into groups. The
    /// group of a row is found by a small integer key (the few regions, categories, classes and statuses
    /// numbered as they come), since this loop runs once per enterprise and category. The two flags sampling weights read
    /// (key supervision, tourist-site retailer) are in the key too; groups that differ only in them are one stratum unless
    /// the plan weighs them (<see cref="FrameBuilder"/>). Members go into packed lists (<see cref="MemberCodes"/>).
    /// </summary>
    private async Task<Dictionary<GroupName, MemberCodes>> ReadRangeAsync(NpgsqlConnection connection, PlanDefinition plan, string? from, string? to, CancellationToken cancellationToken)
    {
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var category in plan.Categories)
        {
            categories.TryAdd(category, categories.Count);
        }

        var wantedRegions = plan.Regions.ToHashSet(StringComparer.Ordinal);
        var regionOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var regions = new List<string?>();
        var risks = new Dictionary<string, int>(StringComparer.Ordinal);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<long, MemberCodes>();

        await using var command = new NpgsqlCommand(
            $"""
            SELECT uscc, region_code, categories, risk_class, status, kind, key_supervision
              FROM directory_enterprises
             WHERE service_id = $1 AND categories && $2 AND region_code IS NOT NULL{(from is null ? "" : " AND uscc >= $3")}{(to is null ? "" : $" AND uscc < ${(from is null ? 3 : 4)}")}
            """, connection);
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new() { Value = plan.Categories.ToArray() });
        foreach (var bound in new[] { from, to }.OfType<string>())
        {
            command.Parameters.Add(new() { Value = bound });
        }

        command.CommandTimeout = 120;
        await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                // Read through the primary key (0022: it covers what frames read), the codes come in order and every group is
                // born sorted. No ORDER BY: before the table is vacuumed the planner rightly reads the table instead, and sorting
                // 10 M rows there cost more than here; that, or a collation that orders otherwise, FrameBuilder notices and sorts.
                var uscc = reader.GetString(0);
                var code = reader.GetString(1);
                if (!regionOfCode.TryGetValue(code, out var region))
                {
                    // A county code belongs to the prefecture of its first four digits (GB/T 2260).
                    var prefecture = code.Length == 6 ? string.Concat(code.AsSpan(0, 4), "00") : code;
                    var index = regions.IndexOf(prefecture);
                    region = index >= 0 ? index : regions.Count;
                    if (index < 0)
                    {
                        regions.Add(wantedRegions.Count == 0 || wantedRegions.Contains(prefecture) ? prefecture : null);
                    }

                    regionOfCode[code] = region;
                }

                var memberOf = reader.GetFieldValue<string[]>(2);
                var risk = Number(risks, reader.GetString(3));
                var status = Number(statuses, reader.GetString(4));
                var flags = (reader.GetString(5) == nameof(EnterpriseKind.TouristSiteRetailer) ? 2 : 0) + (reader.GetBoolean(6) ? 1 : 0);
                if (regions[region] is null)
                {
                    continue;
                }

                foreach (var category in memberOf)
                {
                    if (categories.TryGetValue(category, out var c))
                    {
                        var key = ((((long)region * 1024 + c) * 64 + risk) * 64 + status) * 4 + flags;
                        if (!groups.TryGetValue(key, out var members))
                        {
                            members = new MemberCodes();
                            groups[key] = members;
                        }

                        members.Add(uscc.AsSpan());
                    }
                }
            }
        }

        var categoryNames = categories.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var riskNames = risks.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        var statusNames = statuses.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        return groups.ToDictionary(g =>
        {
            var (rest, flags) = Math.DivRem(g.Key, 4);
            (rest, var status) = Math.DivRem(rest, 64);
            (rest, var risk) = Math.DivRem(rest, 64);
            var (region, category) = Math.DivRem(rest, 1024);
            return new GroupName(regions[(int)region]!, categoryNames[category], riskNames[risk], statusNames[status], (int)flags);
        }, g => g.Value);
    }

    private static int Number(Dictionary<string, int> known, string value)
    {
        if (!known.TryGetValue(value, out var number))
        {
            number = known.Count;
            known[value] = number;
        }

        return number;
    }
}
