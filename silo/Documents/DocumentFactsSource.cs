using Samples.Contracts.Catalogue;
using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Documents;
using Samples.Domain.Reference;
using Samples.Grains.Catalogue;
using Samples.Grains.Reference;

namespace Samples.Silo.Documents;

/// <summary>Gathers what a task's documents print from the directory's grains, the catalogue version of its verdict and the working calendar.</summary>
public sealed class DocumentFactsSource(IGrainFactory grains, WorkingCalendarCache calendars, TimeProvider clock)
{
    public async Task<DocumentFacts> GatherAsync(TaskView task)
    {
        var batch = task.Sampling is { } s ? (await grains.GetGrain<IProductBatchGrain>(s.BatchId).GetAsync())?.Batch : null;
        var enterpriseView = await grains.GetGrain<IEnterpriseGrain>(task.Uscc).GetAsync();
        var enterprise = enterpriseView is { } e ? new Party(task.Uscc, e.Name, e.Address) : new Party(task.Uscc, null, null);
        var producer = batch is null ? null : batch.ProducerUscc == task.Uscc ? enterprise : await PartyAsync(batch.ProducerUscc);
        var inspectors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var number in task.Team.Select(m => m.InspectorId).Concat(task.Sampling?.SampledBy ?? []).Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IInspectorGrain>(number).GetAsync() is { } inspector)
            {
                inspectors[number] = inspector.Name;
            }
        }

        var labs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in new[] { task.LabId, task.Report?.LabId, task.Retest?.LabId }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await grains.GetGrain<ILabGrain>(id).GetAsync() is { } lab)
            {
                labs[id] = lab.Name;
            }
        }

        var catalogue = await CatalogueAsync(task.FinalVerdict?.CatalogueVersion ?? task.Verdict?.CatalogueVersion);
        var region = Divisions.Shipped.Find(task.Region, task.AssignedOn);
        var prefecture = region is null ? null : Divisions.Shipped.Find(region.PrefectureCode, task.AssignedOn);
        return new DocumentFacts(task, batch, enterprise, producer, inspectors, labs, catalogue?.FindCategory(task.Category),
            region is null ? null : $"{region.NameZh} {region.NameEn}", await calendars.CurrentAsync())
        {
            EnterpriseKind = enterpriseView?.Kind.ToString(),
            Prefecture = prefecture?.NameZh,
        };
    }

    private async Task<Party> PartyAsync(string uscc) =>
        await grains.GetGrain<IEnterpriseGrain>(uscc).GetAsync() is { } e ? new Party(uscc, e.Name, e.Address) : new Party(uscc, null, null);

    /// <summary>The catalogue version the verdict used (the one in force before there is a verdict), parsed once by the cache the grains share.</summary>
    private async Task<CatalogueVersion?> CatalogueAsync(int? version) =>
        version is { } v ? await CatalogueCache.VersionAsync(grains, v) : await CatalogueCache.InForceAsync(grains, clock);
}
