using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Draw;

namespace Samples.Domain.Plans;

/// <summary>
/// Turns directory groups and the inspector directory into a round's frames. Ordinal ordering everywhere:
/// the same inputs always give the same lists, whatever order the database returned them in.
/// </summary>
public static class FrameBuilder
{
    /// <param name="recentlySampled">Enterprise and category pairs the 6-month rule excludes, with the reason (<see cref="SixMonthRule"/>).</param>
    /// <param name="keyCategories">The catalogue's key items (重点检查事项), read only when the plan weighs them.</param>
    public static Frames Build(
        PlanVersion plan, int round, IEnumerable<FrameGroup> groups, IEnumerable<InspectorView> inspectors,
        IReadOnlyDictionary<(string Uscc, string Category), string>? recentlySampled = null, IReadOnlySet<string>? keyCategories = null)
    {
        var weights = plan.Definition.Quotas.Weights;
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

                strata.Add(new Stratum(group.Region, group.Category, group.RiskClass, members, Marks(weights, group, keyCategories)));
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
            Merged(strata),
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

    /// <summary>
    /// The marks of a group's stratum: only those the plan weighs (no weights: none, so the strata are as without them).
    /// </summary>
    private static string Marks(SamplingWeights? weights, FrameGroup group, IReadOnlySet<string>? keyCategories)
    {
        if (weights is null)
        {
            return string.Empty;
        }

        var marks = new List<string>();
        if (weights.KeyCategory is not null && keyCategories?.Contains(group.Category) == true)
        {
            marks.Add(StratumMarks.KeyCategory);
        }

        if (weights.KeySupervision is not null && group.KeySupervision)
        {
            marks.Add(StratumMarks.KeySupervision);
        }

        if (weights.TouristSite is not null && group.TouristSite)
        {
            marks.Add(StratumMarks.TouristSite);
        }

        if (weights.AbnormalOperation is not null && group.Status == EnterpriseStatus.AbnormalOperation)
        {
            marks.Add(StratumMarks.AbnormalOperation);
        }

        return StratumMarks.Join(marks);
    }

    /// <summary>
    /// One stratum per key, in key order: groups that differ only in what the plan does not weigh (status, flags) are one
    /// stratum, members sorted.
    /// </summary>
    private static Stratum[] Merged(List<Stratum> strata) =>
        strata.GroupBy(s => s.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First() with { Members = Sorted(g.Select(s => s.Members).ToArray()) })
            .ToArray();

    /// <summary>
    /// The parts' ids in one sorted list, packed (<see cref="MemberCodes"/>). The directory delivers each group already in
    /// code order: merging sorted parts is linear, where sorting ten million codes again took seconds; a stratum of one
    /// sorted packed group is that group.
    /// </summary>
    private static MemberCodes Sorted(IReadOnlyList<string>[] parts)
    {
        if (parts is [MemberCodes only] && only.IsSorted())
        {
            return only.Trimmed();
        }

        if (!parts.All(IsSorted))
        {
            var copy = parts.SelectMany(p => p).ToArray();
            Array.Sort(copy, StringComparer.Ordinal);
            return new MemberCodes(copy).Trimmed();
        }

        // k-way merge: a stratum has a few groups (statuses and flags the plan does not weigh), so the smallest head is found by looking at each.
        var merged = new MemberCodes(parts.Sum(p => p.Count));
        var heads = new int[parts.Length];
        while (true)
        {
            var best = -1;
            for (var p = 0; p < parts.Length; p++)
            {
                if (heads[p] < parts[p].Count && (best < 0 || At(parts[p], heads[p]).CompareTo(At(parts[best], heads[best])) < 0))
                {
                    best = p;
                }
            }

            if (best < 0)
            {
                return merged.Trimmed();
            }

            merged.Add(At(parts[best], heads[best]++));
        }
    }

    private static CodeSpan At(IReadOnlyList<string> ids, int index) => ids is MemberCodes packed ? packed.Span(index) : new CodeSpan(ids[index].AsSpan());

    private static bool IsSorted(IReadOnlyList<string> ids)
    {
        if (ids is MemberCodes packed)
        {
            return packed.IsSorted();
        }

        for (var i = 1; i < ids.Count; i++)
        {
            if (string.CompareOrdinal(ids[i - 1], ids[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
}
