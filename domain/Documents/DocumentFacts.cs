using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Reference;

namespace Samples.Domain.Documents;

/// <summary>
/// Everything a task's documents print, gathered by the host from the task, the directory and the catalogue: names,
/// not codes, wherever a person reads them.
/// </summary>
public sealed record DocumentFacts(
    TaskView Task,
    DefineBatch? Batch,
    Party Enterprise,
    Party? Producer,
    IReadOnlyDictionary<string, string> InspectorNames,
    IReadOnlyDictionary<string, string> LabNames,
    ProductCategory? Category,
    string? RegionName,
    WorkingCalendar Calendar)
{
    /// <summary>What the enterprise is (producer, seller, tourist-site retailer), for the bulletins' breakdowns.</summary>
    public string? EnterpriseKind { get; init; }

    /// <summary>The prefecture the task's region lies in (its name), for the bulletins' breakdowns.</summary>
    public string? Prefecture { get; init; }

    /// <summary>The verdict the result rests on: the re-test's where there was one, else the first.</summary>
    public VerdictView? FinalVerdict => Task.ConcludedVerdict ?? Task.Verdict;

    /// <summary>The results that verdict judged: the re-test's where it gave the final verdict, else the first lab's.</summary>
    public IReadOnlyList<ItemResult> FinalResults => Task.FinalVerdict is not null && Task.Retest is { Results.Count: > 0 } r ? r.Results : Task.Results;

    /// <summary>Each failed item of <paramref name="verdict"/> with its name, the limit that applied to this sample and what the lab found.</summary>
    public IReadOnlyList<Publication.FailedItem> FailedItems(IReadOnlyList<ItemResult> results, VerdictView? verdict) =>
        [.. (verdict?.Items ?? []).Where(i => i.Outcome == "fail").Select(i =>
        {
            var item = Category?.FindItem(i.Item);
            var result = results.FirstOrDefault(r => r.Item == i.Item);
            return new Publication.FailedItem(i.Item, item is null ? i.Item : $"{item.NameZh} {item.Label}",
                item is null ? "—" : ResultText.Limit(item.Limit, item.Unit, Task.Sampling),
                result is null ? "—" : ResultText.Result(result, item?.Unit ?? string.Empty));
        })];

    public string Inspector(string number) => InspectorNames.TryGetValue(number, out var name) ? $"{name}（{number}）" : number;

    public string Lab(string? id) => id is null ? "—" : LabNames.TryGetValue(id, out var name) ? $"{name}（{id}）" : id;

    public string CategoryName => Category is { } c ? $"{c.NameZh} {c.NameEn}（{c.Code}）" : Task.Category;
}

/// <summary>An enterprise as a document names it: its name, USCC and address (name and address unknown when the directory lacks it).</summary>
public sealed record Party(string Uscc, string? Name, string? Address)
{
    public string Text => Name is null ? Uscc : $"{Name}（{Uscc}）";
}
