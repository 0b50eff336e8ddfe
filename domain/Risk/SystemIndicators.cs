using Samples.Contracts.Directory;

namespace Samples.Domain.Risk;

/// <summary>
/// The indicators the system computes from its own records as of the day evaluated: sampling failures, refusals to
/// be sampled and failed re-inspections in the 24 months up to that day, the months since the last inspection, the
/// abnormal-operation list, key supervision, and whether it makes products of a key-supervision category.
/// </summary>
public static class SystemIndicators
{
    public const string Failures = "failures";
    public const string Refusals = "refusals";
    public const string FailedReinspections = "failed-reinspections";
    public const string MonthsSinceInspection = "months-since-inspection";
    public const string AbnormalOperation = "abnormal-operation";
    public const string KeySupervision = "key-supervision";
    public const string KeyProducts = "key-products";

    public static readonly IReadOnlyList<string> Codes = [Failures, Refusals, FailedReinspections, MonthsSinceInspection, AbnormalOperation, KeySupervision, KeyProducts];

    /// <summary>How far back failures, refusals and failed re-inspections count.</summary>
    public const int WindowMonths = 24;

    /// <summary>Never inspected counts as this many months (the cap of the indicator decides what it adds).</summary>
    public const int NeverInspected = 36;

    public static IReadOnlyDictionary<string, decimal> Compute(EnterpriseRecord enterprise, IEnumerable<TaskRecord> tasks, IReadOnlySet<string> keyCategories, DateOnly asOf)
    {
        var from = asOf.AddMonths(-WindowMonths);
        // Risk-monitoring tasks (风险监测) feed no indicator: their findings are signals for a targeted inspection, not
        // failures, refusals or inspections with consequences.
        var own = tasks.Where(t => t.Uscc == enterprise.Uscc && !t.Monitoring).ToList();
        bool InWindow(DateOnly? d) => d is { } day && day > from && day <= asOf;
        var last = own.Where(t => t.InspectedOn is { } d && d <= asOf).Select(t => t.InspectedOn!.Value).DefaultIfEmpty().Max();
        return new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [Failures] = own.Count(t => t.Outcome == "fail" && InWindow(t.ConcludedOn)),
            [Refusals] = own.Count(t => t.Refused && InWindow(t.InspectedOn)),
            [FailedReinspections] = own.Count(t => t.ReinspectionFailed && InWindow(t.ConcludedOn)),
            [MonthsSinceInspection] = last == default ? NeverInspected : ((asOf.Year - last.Year) * 12) + asOf.Month - last.Month,
            [AbnormalOperation] = enterprise.Status == EnterpriseStatus.AbnormalOperation ? 1 : 0,
            [KeySupervision] = enterprise.KeySupervision ? 1 : 0,
            [KeyProducts] = enterprise.Categories.Any(keyCategories.Contains) ? 1 : 0,
        };
    }
}

/// <summary>What the directory says of an enterprise, for the evaluation.</summary>
public sealed record EnterpriseRecord(string Uscc, string? Name, EnterpriseStatus Status, bool KeySupervision, IReadOnlyList<string> Categories, RiskClass Current);

/// <summary>A task of the enterprise as the task board holds it: when it was inspected and concluded, the outcome, a refusal, a failed re-inspection.</summary>
public sealed record TaskRecord(string Uscc, DateOnly? InspectedOn, DateOnly? ConcludedOn, string? Outcome, bool Refused, bool ReinspectionFailed, bool Monitoring = false);
