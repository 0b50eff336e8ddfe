using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Directory;

namespace Samples.Domain.Plans;

/// <summary>Checks a plan definition field by field. The cron schedule's syntax is checked by the API (it owns Quartz).</summary>
public static class PlanRules
{
    public const int MaxRounds = 366;

    public static IReadOnlyList<FieldProblem> Check(PlanDefinition plan, int currentYear)
    {
        var problems = new List<FieldProblem>();
        if (plan.Year < 2000 || plan.Year > currentYear + 5)
        {
            problems.Add(new("year", $"{plan.Year} is not a plausible plan year (2000-{currentYear + 5})"));
        }

        if (string.IsNullOrWhiteSpace(plan.Department) || plan.Department.Trim().Length > 200)
        {
            problems.Add(new("department", "is required (at most 200 characters): the organising department"));
        }

        if (plan.Categories is not { Count: > 0 })
        {
            problems.Add(new("categories", "at least one product category is required"));
        }

        EnterpriseFields.CheckCategories(plan.Categories, problems);
        foreach (var region in plan.Regions ?? [])
        {
            if (region.Length != 6 || !region.All(char.IsAsciiDigit) || !region.EndsWith("00", StringComparison.Ordinal))
            {
                problems.Add(new("regions", $"'{region}' is not a prefecture-level division code (6 digits ending in 00, e.g. 632800)"));
            }
        }

        CheckQuotas(plan.Quotas, plan.Categories ?? [], problems);
        if (plan.GoalBatches is < 1 or > 1_000_000)
        {
            problems.Add(new("goalBatches", "must be between 1 and 1,000,000"));
        }

        if (string.IsNullOrWhiteSpace(plan.RoundSchedule))
        {
            problems.Add(new("roundSchedule", "is required: a cron expression for the draw rounds, e.g. '0 0 9 1 1/2 ?' (09:00 on the 1st of every other month)"));
        }

        if (plan.Rounds is < 1 or > MaxRounds)
        {
            problems.Add(new("rounds", $"must be between 1 and {MaxRounds}"));
        }

        if (plan.Pacing is { MarginCap: < 0m or > 0.9m })
        {
            problems.Add(new("pacing.marginCap", "must be between 0 and 0.9: the most a round is raised for targets that could not be sampled"));
        }

        return problems;
    }

    private static void CheckQuotas(QuotaRules? quotas, IReadOnlyList<string> categories, List<FieldProblem> problems)
    {
        if (quotas is null)
        {
            problems.Add(new("quotas", "are required: ratios per risk class and/or fixed batch numbers"));
            return;
        }

        foreach (var (riskClass, ratio) in quotas.RatioByRiskClass ?? new Dictionary<RiskClass, decimal>())
        {
            if (ratio is < 0m or > 1m)
            {
                problems.Add(new("quotas.ratioByRiskClass", $"class {riskClass}: {ratio} is not a ratio between 0 and 1"));
            }
        }

        foreach (var quota in quotas.Fixed ?? [])
        {
            if (!categories.Contains(quota.Category, StringComparer.Ordinal))
            {
                problems.Add(new("quotas.fixed", $"category '{quota.Category}' is not one of the plan's categories"));
            }

            if (quota.Batches < 0)
            {
                problems.Add(new("quotas.fixed", $"{quota.Category}/{quota.Region}: batches must not be negative"));
            }
        }

        if ((quotas.RatioByRiskClass is null || quotas.RatioByRiskClass.Count == 0) && (quotas.Fixed is null || quotas.Fixed.Count == 0) && !quotas.AllKeyItemsAtClassD)
        {
            problems.Add(new("quotas", "give ratios per risk class, fixed batch numbers, or all key items at class D"));
        }

        problems.AddRange(SamplingWeightRules.Check(quotas));
    }

    /// <summary>Two definitions are the same plan when every field is equal, lists and ratios included.</summary>
    public static bool Same(PlanDefinition a, PlanDefinition b) =>
        a.Year == b.Year && a.Department == b.Department && a.GoalBatches == b.GoalBatches
        && a.RoundSchedule == b.RoundSchedule && a.Rounds == b.Rounds && a.Pacing == b.Pacing
        && a.Categories.SequenceEqual(b.Categories) && a.Regions.SequenceEqual(b.Regions)
        && a.Quotas.AllKeyItemsAtClassD == b.Quotas.AllKeyItemsAtClassD
        && a.Quotas.RatioByRiskClass.OrderBy(p => p.Key).SequenceEqual(b.Quotas.RatioByRiskClass.OrderBy(p => p.Key))
        && a.Quotas.Fixed.SequenceEqual(b.Quotas.Fixed)
        && a.Quotas.IncludeAbnormalOperation == b.Quotas.IncludeAbnormalOperation && a.Quotas.Weights == b.Quotas.Weights;

    /// <summary>Sorted, de-duplicated lists and trimmed text: the same plan always looks the same.</summary>
    public static PlanDefinition Normalise(PlanDefinition plan) => plan with
    {
        Department = plan.Department.Trim(),
        Categories = EnterpriseFields.NormaliseList(plan.Categories),
        Regions = EnterpriseFields.NormaliseList(plan.Regions),
        RoundSchedule = plan.RoundSchedule.Trim(),
        Quotas = plan.Quotas with
        {
            Fixed = plan.Quotas.Fixed.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal).ToArray(),
            RatioByRiskClass = new SortedDictionary<RiskClass, decimal>(plan.Quotas.RatioByRiskClass.ToDictionary()),
            Weights = SamplingWeightRules.Normalise(plan.Quotas.Weights),
        },
    };
}
