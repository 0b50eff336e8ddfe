using System.Text.Encodings.Web;
using System.Text.Json;
using Samples.Domain.Documents;

namespace Samples.Domain.Publication;

/// <summary>
/// One published result as the public reads it (Order 18 Art 44, 监督抽查信息公开): who was sampled and who made the
/// product, by name; the product, trademark, specification and batch; the outcome, each failed item with its limit and
/// result, the lab, the re-test and the disposal. Written when the task is published and never edited: a correction or
/// a withdrawal is a new revision with its reason. <see cref="TargetedReason"/> says the enterprise was chosen for a
/// targeted inspection and why (its kind only: a complaint's number stays inside); none for a drawn one.
/// </summary>
public sealed record PublicResult(
    string TaskId,
    string PlanId,
    string EnterpriseUscc,
    string? EnterpriseName,
    string? EnterpriseKind,
    string? ProducerUscc,
    string? ProducerName,
    string Region,
    string? RegionName,
    string? Prefecture,
    string Category,
    string? CategoryName,
    string? ProductName,
    string? Trademark,
    string? Specification,
    string? BatchNumber,
    DateOnly? ProductionDate,
    string? Outcome,
    IReadOnlyList<FailedItem> FailedItems,
    string? Lab,
    string? RetestLab,
    string? RetestOutcome,
    string? Disposal,
    DateOnly? SampledOn,
    DateOnly? ConcludedOn,
    DateOnly PublishedOn,
    bool PublishedLate,
    string? TargetedReason = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PublicResult FromJson(string json) => JsonSerializer.Deserialize<PublicResult>(json, Json) ?? throw new JsonException("a public result is null");
}

/// <summary>A failed item as published: its name, the limit that applied and what the lab found.</summary>
public sealed record FailedItem(string Item, string Name, string Limit, string Result);

/// <summary>What a revision of a published result is: the first publication, a correction, or a withdrawal.</summary>
public static class PublicResultStatus
{
    public const string Published = "published";
    public const string Corrected = "corrected";
    public const string Withdrawn = "withdrawn";
}

/// <summary>Writes a task's public result from the same facts its documents print.</summary>
public static class PublicResults
{
    public static PublicResult Compose(DocumentFacts f)
    {
        var t = f.Task;
        var published = t.PublishedOn ?? throw new InvalidOperationException($"task {t.TaskId} is not published");
        var retested = t.FinalVerdict is not null && t.Retest is { Results.Count: > 0 };
        var verdict = f.FinalVerdict;
        var failed = f.FailedItems(f.FinalResults, verdict);
        return new PublicResult(
            t.TaskId, t.PlanId, t.Uscc, f.Enterprise.Name, f.EnterpriseKind, f.Batch?.ProducerUscc, f.Producer?.Name,
            t.Region, f.RegionName, f.Prefecture, t.Category, f.Category is { } c ? c.NameZh : null,
            f.Batch?.ProductName, f.Batch?.Trademark, f.Batch?.SpecModel, f.Batch?.BatchNumber, f.Batch?.ProductionDate,
            t.Outcome ?? verdict?.Outcome, failed,
            f.LabNames.TryGetValue(t.Report?.LabId ?? t.LabId ?? string.Empty, out var lab) ? lab : t.Report?.LabId ?? t.LabId,
            t.Retest is { } r ? (f.LabNames.TryGetValue(r.LabId, out var rl) ? rl : r.LabId) : null,
            retested ? t.FinalVerdict!.Outcome : null,
            t.Disposal?.Status, t.Sampling?.SampledOn, t.ConcludedOn, published, t.PublishedLate, t.Targeted?.ReasonKind);
    }
}
