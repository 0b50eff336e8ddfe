using Samples.Contracts.Directory;
using Samples.Contracts.Plans;

namespace Samples.Domain.Plans;

/// <summary>
/// Turns directory groups and the inspector directory into a round's frames. Ordinal ordering everywhere:
/// the same inputs always give the same lists, whatever order the database returned them in.
/// </summary>
public static class FrameBuilder
{
    /// <param name="recentlySampled">Enterprise and category pairs the 6-month rule excludes, with the reason (<see cref="SixMonthRule"/>).</param>
    public static Frames Build(
        PlanVersion plan, int round, IEnumerable<FrameGroup> groups, IEnumerable<InspectorView> inspectors,
        IReadOnlyDictionary<(string Uscc, string Category), string>? recentlySampled = null)
    {
        var categories = plan.Definition.Categories.ToHashSet(StringComparer.Ordinal);
        var regions = plan.Definition.Regions.ToHashSet(StringComparer.Ordinal);
        var strata = new List<Stratum>();
        var excluded = new List<Exclusion>();
        foreach (var group in groups)
        {
            if (!categories.Contains(group.Category) || (regions.Count > 0 && !regions.Contains(group.Region)))
            {
                continue;
            }

            if (group.Status == EnterpriseStatus.Active || (group.Status == EnterpriseStatus.AbnormalOperation && plan.Definition.Quotas.IncludeAbnormalOperation))
            {
                var members = group.Usccs;
                if (recentlySampled is { Count: > 0 })
                {
                    members = group.Usccs.Where(u => !recentlySampled.ContainsKey((u, group.Category))).ToArray();
                    excluded.AddRange(group.Usccs.Where(u => recentlySampled.ContainsKey((u, group.Category)))
                        .Select(u => new Exclusion(u, group.Category, recentlySampled[(u, group.Category)])));
                }

                strata.Add(new Stratum(group.Region, group.Category, group.RiskClass, Sorted(members)));
            }
            else
            {
                var reason = group.Status == EnterpriseStatus.Deregistered ? "deregistered" : "on the abnormal-operation list";
                excluded.AddRange(group.Usccs.Select(u => new Exclusion(u, group.Category, reason)));
            }
        }

        var (eligible, excludedInspectors) = Inspectors(inspectors, categories, JointPlans.Units(plan.Definition));
        return new Frames(
            plan.PlanId,
            plan.Version,
            round,
            strata.OrderBy(s => s.Key, StringComparer.Ordinal).ToArray(),
            excluded.OrderBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => e.Category, StringComparer.Ordinal).ToArray(),
            eligible,
            excludedInspectors);
    }

    /// <param name="jointUnits">A joint plan's participating departments' units (null: not joint): only their inspectors draw.</param>
    private static (FrameInspector[] Eligible, Exclusion[] Excluded) Inspectors(IEnumerable<InspectorView> inspectors, HashSet<string> categories, IReadOnlySet<string>? jointUnits)
    {
        var eligible = new List<FrameInspector>();
        var excluded = new List<Exclusion>();
        foreach (var inspector in inspectors.OrderBy(i => i.Number, StringComparer.Ordinal))
        {
            if (inspector.OnLeave)
            {
                excluded.Add(new Exclusion(inspector.Number, null, "on leave"));
            }
            else if (!inspector.QualifiedCategories.Any(categories.Contains))
            {
                excluded.Add(new Exclusion(inspector.Number, null, "not qualified for any of the plan's categories"));
            }
            else if (jointUnits is not null && !jointUnits.Contains(inspector.Unit))
            {
                excluded.Add(new Exclusion(inspector.Number, null, JointPlans.NotParticipating));
            }
            else
            {
                eligible.Add(new FrameInspector(inspector.Number, inspector.Unit, inspector.RegionCode, inspector.QualifiedCategories));
            }
        }

        return (eligible.ToArray(), excluded.ToArray());
    }

    private static string[] Sorted(IReadOnlyList<string> ids)
    {
        var copy = ids.ToArray();
        Array.Sort(copy, StringComparer.Ordinal);
        return copy;
    }
}
