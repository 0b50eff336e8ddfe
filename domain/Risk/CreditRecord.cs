namespace Samples.Domain.Risk;

/// <summary>
/// An enterprise's credit record from supervision sampling (信用记录): each failure, refusal to be sampled and failed
/// re-inspection, with its date and the task it comes from. It is derived from the task board, never typed in, so it
/// can neither be forgotten nor quietly edited; the evaluation model counts the same facts.
/// </summary>
public static class CreditRecord
{
    public const string Failure = "sampling-failure";
    public const string Refusal = "refused-sampling";
    public const string FailedReinspection = "failed-reinspection";

    public static IReadOnlyList<CreditEntry> Of(IEnumerable<CreditFact> facts) =>
        [.. facts.SelectMany(Entries).OrderByDescending(e => e.On).ThenBy(e => e.TaskId, StringComparer.Ordinal)];

    private static IEnumerable<CreditEntry> Entries(CreditFact f)
    {
        // Risk monitoring (风险监测) has no enforcement consequence: nothing from it enters the credit record.
        if (f.Monitoring)
        {
            yield break;
        }

        if (f.Refused && f.ChangedOn is { } refusedOn)
        {
            yield return new(refusedOn, Refusal, "拒绝监督抽查 refused to be sampled (Order 18 Art 16, 56)", f.TaskId, f.PublishedOn);
        }

        if (f.Outcome == "fail" && f.ConcludedOn is { } failedOn)
        {
            yield return new(failedOn, Failure, "监督抽查不合格 failed supervision sampling (Order 18 Art 45)", f.TaskId, f.PublishedOn);
        }

        if (f.Disposal?.StartsWith("failed", StringComparison.Ordinal) == true && f.ChangedOn is { } reinspectedOn)
        {
            yield return new(reinspectedOn, FailedReinspection, "复查不合格 failed the re-inspection (Order 18 Art 48)", f.TaskId, f.PublishedOn);
        }
    }
}

/// <summary>What the task board holds of one task for the credit record.</summary>
public sealed record CreditFact(string TaskId, string? Outcome, bool Refused, string? Disposal, DateOnly? ConcludedOn, DateOnly? ChangedOn, DateOnly? PublishedOn, bool Monitoring = false);

/// <summary>One entry: when, what kind, in words, from which task, and when (if) its result was published.</summary>
public sealed record CreditEntry(DateOnly On, string Kind, string What, string TaskId, DateOnly? PublishedOn);
