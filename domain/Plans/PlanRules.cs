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

        if (!Enum.IsDefined(plan.Purpose))
        {
            problems.Add(new("purpose", "is supervision (监督抽查) or risk-monitoring (风险监测)"));
        }

        CheckJointDepartments(plan.JointDepartments, problems);
        return problems;
    }

    /// <summary>A joint plan's departments: at least two, unique ids and names, each with its own units (no unit in two).</summary>
    private static void CheckJointDepartments(IReadOnlyList<JointDepartment>? departments, List<FieldProblem> problems)
    {
        if (departments is null || departments.Count == 0)
        {
            return; // not a joint plan
        }

        if (departments.Count < 2)
        {
            problems.Add(new("jointDepartments", "a joint plan has at least two participating departments (leave the list empty for one department's plan)"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var unitOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            var id = department?.Id?.Trim() ?? string.Empty;
            var name = department?.Name?.Trim() ?? string.Empty;
            if (id.Length is 0 or > 50 || id.Any(c => c is ',' or '|' || char.IsWhiteSpace(c)))
            {
                problems.Add(new("jointDepartments.id", $"'{id}': every department needs an id of at most 50 characters without spaces, ',' or '|' (e.g. QH-NMPA)"));
            }
            else if (!ids.Add(id))
            {
                problems.Add(new("jointDepartments.id", $"'{id}' is listed twice"));
            }

            if (name.Length is 0 or > 200)
            {
                problems.Add(new("jointDepartments.name", $"department '{id}': its name is required (at most 200 characters), e.g. 青海省药品监督管理局"));
            }
            else if (!names.Add(name))
            {
                problems.Add(new("jointDepartments.name", $"'{name}' is listed twice"));
            }

            var units = EnterpriseFields.NormaliseList(department?.Units);
            if (units.Count == 0)
            {
                problems.Add(new("jointDepartments.units", $"department '{id}': name its units in the inspector directory (an inspector is of the department by his unit)"));
            }

            foreach (var unit in units)
            {
                if (unit.Length > 200 || unit.Contains(','))
                {
                    problems.Add(new("jointDepartments.units", $"department '{id}': unit '{unit}' is not a unit name (at most 200 characters, no ',')"));
                }
                else if (unitOwner.TryGetValue(unit, out var other) && other != id)
                {
                    problems.Add(new("jointDepartments.units", $"unit '{unit}' is in departments '{other}' and '{id}': an inspector is of one department"));
                }
                else
                {
                    unitOwner[unit] = id;
                }
            }
        }
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

    /// <summary>
    /// A plan keeps its purpose: its tasks were made as supervision (with enforcement) or as risk monitoring (without),
    /// and switching would leave the goal counting tasks of the other kind. A mistaken plan is replaced by another.
    /// </summary>
    public static FieldProblem? PurposeChange(PlanDefinition current, PlanDefinition next) =>
        current.Purpose == next.Purpose
            ? null
            : new("purpose", $"stays {Samples.Domain.Tasks.RiskMonitoring.Code(current.Purpose)}: a plan's purpose is not changed once saved; define another plan for {Samples.Domain.Tasks.RiskMonitoring.Code(next.Purpose)}");

    /// <summary>Two definitions are the same plan when every field is equal, lists and ratios included.</summary>
    public static bool Same(PlanDefinition a, PlanDefinition b) =>
        a.Year == b.Year && a.Department == b.Department && a.GoalBatches == b.GoalBatches
        && a.RoundSchedule == b.RoundSchedule && a.Rounds == b.Rounds && a.Pacing == b.Pacing
        && a.Purpose == b.Purpose
        && a.Categories.SequenceEqual(b.Categories) && a.Regions.SequenceEqual(b.Regions)
        && a.Quotas.AllKeyItemsAtClassD == b.Quotas.AllKeyItemsAtClassD
        && a.Quotas.RatioByRiskClass.OrderBy(p => p.Key).SequenceEqual(b.Quotas.RatioByRiskClass.OrderBy(p => p.Key))
        && a.Quotas.Fixed.SequenceEqual(b.Quotas.Fixed)
        && a.Quotas.IncludeAbnormalOperation == b.Quotas.IncludeAbnormalOperation && a.Quotas.Weights == b.Quotas.Weights
        && SameDepartments(a.JointDepartments, b.JointDepartments);

    private static bool SameDepartments(IReadOnlyList<JointDepartment>? a, IReadOnlyList<JointDepartment>? b) =>
        (a ?? []).Count == (b ?? []).Count
        && (a ?? []).Zip(b ?? []).All(p => p.First.Id == p.Second.Id && p.First.Name == p.Second.Name && p.First.Units.SequenceEqual(p.Second.Units));

    /// <summary>Sorted, de-duplicated lists and trimmed text: the same plan always looks the same.</summary>
    public static PlanDefinition Normalise(PlanDefinition plan) => plan with
    {
        Department = plan.Department.Trim(),
        Categories = EnterpriseFields.NormaliseList(plan.Categories),
        Regions = EnterpriseFields.NormaliseList(plan.Regions),
        RoundSchedule = plan.RoundSchedule.Trim(),
        // Sorted by id, units sorted: the same departments always freeze into the same commitment. None: not joint.
        JointDepartments = plan.JointDepartments is { Count: > 0 } joint
            ? [.. joint.Select(d => new JointDepartment(d.Id.Trim(), d.Name.Trim(), EnterpriseFields.NormaliseList(d.Units))).OrderBy(d => d.Id, StringComparer.Ordinal)]
            : null,
        Quotas = plan.Quotas with
        {
            Fixed = plan.Quotas.Fixed.OrderBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Region, StringComparer.Ordinal).ToArray(),
            RatioByRiskClass = new SortedDictionary<RiskClass, decimal>(plan.Quotas.RatioByRiskClass.ToDictionary()),
            Weights = SamplingWeightRules.Normalise(plan.Quotas.Weights),
        },
    };
}
