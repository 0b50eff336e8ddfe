using System.Diagnostics;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Catalogue;
using Samples.Domain.Plans;
using Samples.Grains.Catalogue;

namespace Samples.Silo.Directory;

/// <summary>
/// Builds a round's frames from the directory (its rows kept in the silo between builds and brought up to date with what
/// was written since: <see cref="DirectoryFrameCache"/>; no grain activations) and the inspector registry.
/// </summary>
public sealed class FrameSource(DirectoryFrameCache directory, IGrainFactory grains, TimeProvider clock, ILogger<FrameSource> logger)
{
    /// <param name="drawDate">The day the round is drawn (China time): the 6-month rule counts back from it.</param>
    public async Task<Frames> BuildAsync(PlanVersion plan, int round, DateOnly drawDate, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var (gen0, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var (groups, refresh) = await directory.GroupsAsync(plan.Definition, cancellationToken);
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
            logger.LogInformation("Frames of plan {Plan} round {Round}: directory {How} and grouped in {Read:F2} s (cache {Rows} rows, {CacheMiB} MiB), registries in {Gathered:F2} s, strata built in {Built:F2} s; GC: {Gen0} collections ({Gen2} full), paused {Paused:F2} s, heap {Heap} MiB",
                plan.PlanId, round, refresh.Full ? "read whole" : $"brought up to date ({refresh.Changed} rows changed)", readIn.TotalSeconds, refresh.Rows, refresh.Bytes >> 20,
                (gatheredIn - readIn).TotalSeconds, (watch.Elapsed - gatheredIn).TotalSeconds,
                GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2, (GC.GetTotalPauseDuration() - paused).TotalSeconds, GC.GetTotalMemory(false) >> 20);
        }
        return frames;
    }
}
