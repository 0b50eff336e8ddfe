using Samples.Contracts.Catalogue;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Silo.Api;

namespace Samples.Silo.Directory;

/// <summary>
/// CSV import and export of the inspector, lab and batch directories. Every row is checked, with the same
/// rules the grains apply, before any is applied: a file with a problem applies nothing. Rows are then
/// applied through their grains one by one (these directories have hundreds of rows, not millions), so
/// unlike the enterprise import this is not one transaction: should a grain call fail midway (the store
/// went away) or a grain refuse a row after all (reported as a problem), the rows before it stay applied,
/// and the same file again completes the import, since a row that is already so changes nothing.
/// </summary>
public sealed class DirectoryFileService(IGrainFactory grains, TimeProvider clock)
{
    public async Task<DirectoryImportReport> ImportInspectorsAsync(Stream csv, string by, bool dryRun)
    {
        var results = InspectorCsv.Read(csv, await ContextAsync()).ToList();
        if (Refusal(results.SelectMany(r => r.Problems), results.Count, dryRun) is { } early)
        {
            return early;
        }

        var (changed, refused) = (0, new List<ImportProblem>());
        foreach (var row in results)
        {
            var grain = grains.GetGrain<IInspectorGrain>(row.Inspector!.Number);
            var outcomes = new List<InspectorResult> { await grain.DefineAsync(row.Inspector with { RequestedBy = by }) };
            foreach (var (uscc, reason) in row.Conflicts)
            {
                outcomes.Add(await grain.DeclareConflictAsync(new DeclareConflict(uscc, reason, by)));
            }

            refused.AddRange(outcomes.SelectMany(o => o.Problems).Select(p => new ImportProblem(row.Row, p.Field, p.Message)));
            changed += outcomes.Any(o => o.Changed) ? 1 : 0;
        }

        return new(false, results.Count, changed, results.Count - changed, refused);
    }

    public async Task<DirectoryImportReport> ImportLabsAsync(Stream csv, string by, bool dryRun)
    {
        var results = LabCsv.Read(csv, await ContextAsync()).ToList();
        if (Refusal(results.SelectMany(r => r.Problems), results.Count, dryRun) is { } early)
        {
            return early;
        }

        var (changed, refused) = (0, new List<ImportProblem>());
        foreach (var row in results)
        {
            var outcome = await grains.GetGrain<ILabGrain>(row.Lab!.Id).DefineAsync(row.Lab with { RequestedBy = by });
            refused.AddRange(outcome.Problems.Select(p => new ImportProblem(row.Row, p.Field, p.Message)));
            changed += outcome.Changed ? 1 : 0;
        }

        return new(false, results.Count, changed, results.Count - changed, refused);
    }

    /// <summary>Batches never change once recorded, so a row that contradicts a recorded batch is a problem too, found before anything is applied.</summary>
    public async Task<DirectoryImportReport> ImportBatchesAsync(Stream csv, string by, bool dryRun)
    {
        var results = BatchCsv.Read(csv, await ContextAsync()).ToList();
        var problems = results.SelectMany(r => r.Problems).ToList();
        if (problems.Count == 0)
        {
            foreach (var row in results)
            {
                if (await grains.GetGrain<IProductBatchGrain>(row.Batch!.BatchId).GetAsync() is { } known
                    && known.Batch with { RequestedBy = string.Empty } != Samples.Domain.Directory.BatchRules.Normalise(row.Batch) with { RequestedBy = string.Empty })
                {
                    problems.Add(new ImportProblem(row.Row, "batch_id", $"batch {row.Batch.BatchId} is already recorded with different data; a recorded batch does not change"));
                }
            }
        }

        if (Refusal(problems, results.Count, dryRun) is { } early)
        {
            return early;
        }

        var (changed, refused) = (0, new List<ImportProblem>());
        foreach (var row in results)
        {
            var outcome = await grains.GetGrain<IProductBatchGrain>(row.Batch!.BatchId).DefineAsync(row.Batch with { RequestedBy = by });
            refused.AddRange(outcome.Problems.Select(p => new ImportProblem(row.Row, p.Field, p.Message)));
            changed += outcome.Changed ? 1 : 0;
        }

        return new(false, results.Count, changed, results.Count - changed, refused);
    }

    public async Task ExportInspectorsAsync(TextWriter output)
    {
        var inspectors = await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync();
        InspectorCsv.Write(output, inspectors.Select(i => (
            new DefineInspector(i.Number, i.Name, i.Unit, i.RegionCode, i.QualifiedCategories, i.OnLeave, i.MaxOpenTasks, string.Empty),
            (IReadOnlyList<(string Uscc, string Reason)>)i.Conflicts.Select(c => (c.Uscc, c.Reason)).ToArray())));
    }

    public async Task ExportLabsAsync(TextWriter output)
    {
        var labs = await grains.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key).ListAsync();
        LabCsv.Write(output, labs.Select(l => new DefineLab(l.Id, l.Name, l.AccreditedCategories, l.AccreditedItems, l.MayRetest, string.Empty)));
    }

    public async Task ExportBatchesAsync(TextWriter output)
    {
        var batches = new List<DefineBatch>();
        foreach (var id in await grains.GetGrain<IBatchRegistryGrain>(IBatchRegistryGrain.Key).ListAsync())
        {
            if (await grains.GetGrain<IProductBatchGrain>(id).GetAsync() is { } batch)
            {
                batches.Add(batch.Batch);
            }
        }

        BatchCsv.Write(output, batches);
    }

    /// <summary>The answer when nothing is to be applied: the file's problems, or, for a dry run, that it checked out.</summary>
    private static DirectoryImportReport? Refusal(IEnumerable<ImportProblem> problems, int rows, bool dryRun)
    {
        var list = problems.ToList();
        return list.Count > 0 ? new DirectoryImportReport(dryRun, rows, 0, 0, list)
            : dryRun ? new DirectoryImportReport(true, rows, 0, 0, [])
            : null;
    }

    private async Task<ImportContext> ContextAsync()
    {
        var categories = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync();
        return new ImportContext(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), categories.ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>What an import did: rows in the file, and how many were changed or already so (a dry run only checks).</summary>
public sealed record DirectoryImportReport(bool DryRun, int Rows, int Changed, int Unchanged, IReadOnlyList<ImportProblem> Problems);
