using Samples.Contracts.Plans;
using Samples.Draw;
using DrawFixedQuota = Samples.Draw.FixedQuota;
using DrawQuotaRules = Samples.Draw.QuotaRules;
using PlanQuotaRules = Samples.Contracts.Plans.QuotaRules;

namespace Samples.Domain.Draws;

/// <summary>
/// From a round's <see cref="Frames"/> (contracts) to the draw's canonical frames (draw/, which knows nothing of contracts).
/// Target ids are <c>ENT|&lt;USCC&gt;|&lt;category&gt;</c>: an enterprise is in one stratum per category, so the id is unique in
/// the frame, stable across rounds, and a multi-category enterprise gets an independent ticket per category. Inspector
/// ids are <c>INS|&lt;number&gt;</c>.
/// </summary>
public static class DrawFrameMapping
{
    public static string TargetId(string uscc, string category) => $"ENT|{uscc}|{category}";

    public static string InspectorId(string number) => $"INS|{number}";

    /// <summary>The USCC of a target id (<c>ENT|USCC|category</c>).</summary>
    public static string UsccOf(string targetId) => targetId.Split('|') is [_, var uscc, ..] ? uscc : targetId;

    /// <summary>The inspector number of an inspector id (<c>INS|number</c>).</summary>
    public static string NumberOf(string inspectorId) => inspectorId.StartsWith("INS|", StringComparison.Ordinal) ? inspectorId[4..] : inspectorId;

    public static CanonicalFrame<TargetRow> Targets(Frames frames) =>
        CanonicalFrames.Targets(frames.Strata.SelectMany(s => s.Members.Select(uscc => new TargetRow(TargetId(uscc, s.Category), s.Key))));

    /// <param name="capacity">How many more tasks each inspector (by number) may take at freeze time.</param>
    public static CanonicalFrame<InspectorRow> Inspectors(Frames frames, Func<string, int> capacity)
    {
        var regions = frames.Strata.Select(s => s.Region).Distinct().Order(StringComparer.Ordinal).ToArray();
        return CanonicalFrames.Inspectors(frames.Inspectors.Select(i =>
            new InspectorRow(InspectorId(i.Number), i.Unit, Covered(i.RegionCode, regions), i.QualifiedCategories, capacity(i.Number))));
    }

    /// <summary>
    /// The prefectures an inspector covers (strata are per prefecture): a provincial inspector (xx0000) every prefecture
    /// of the frame, a prefecture's its own, a county's (GB/T 2260: first four digits) its prefecture.
    /// </summary>
    public static string[] Covered(string regionCode, IReadOnlyList<string> frameRegions) => regionCode switch
    {
        { Length: 6 } when regionCode.EndsWith("0000", StringComparison.Ordinal) =>
            frameRegions.Where(r => r.StartsWith(regionCode[..2], StringComparison.Ordinal)).ToArray() is { Length: > 0 } all ? all : [regionCode],
        { Length: 6 } => [string.Concat(regionCode.AsSpan(0, 4), "00")],
        _ => [regionCode],
    };

    /// <summary>Both exclusion lists in one; an enterprise excluded for several categories gets one row per category.</summary>
    public static CanonicalFrame<ExclusionRow> Exclusions(Frames frames) =>
        CanonicalFrames.Exclusions(
            frames.ExcludedTargets.Select(e => new ExclusionRow(e.Category is null ? $"ENT|{e.Id}" : TargetId(e.Id, e.Category), e.Reason))
                .Concat(frames.ExcludedInspectors.Select(e => new ExclusionRow(InspectorId(e.Id), e.Reason))));

    /// <summary>
    /// The plan's quota rules as the draw's published rule set. A plan's fixed number is per region and category; it is
    /// shared among that pair's strata in proportion to their sizes (largest remainder, ties by stratum key), and the
    /// per-stratum numbers are what the commitment publishes. With sampling weights a marked stratum's size counts times
    /// the product of its marks' factors, no stratum gets more than its members (what it cannot take is shared again among
    /// the others), and the weights are frozen into the rule set (draw/spec/draw-spec.md section 4).
    /// </summary>
    public static DrawQuotaRules Quotas(PlanQuotaRules plan, Frames frames, int alternates)
    {
        var weights = Plans.SamplingWeightRules.Given(plan.Weights).Select(w => new StratumWeight(w.Mark, w.Factor)).ToArray();
        var fixedQuotas = new List<DrawFixedQuota>();
        foreach (var quota in plan.Fixed)
        {
            var strata = frames.Strata.Where(s => s.Category == quota.Category && s.Region == quota.Region)
                .OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
            var total = strata.Sum(s => s.Members.Count);
            if (total == 0)
            {
                continue;
            }

            var wanted = Math.Min(quota.Batches, total);
            var counts = weights.Length == 0 ? ByShare(strata, wanted, total) : ByWeight(strata, wanted, weights);
            fixedQuotas.AddRange(strata.Select(s => new DrawFixedQuota(s.Key, counts[s.Key])));
        }

        return new DrawQuotaRules(
            plan.RatioByRiskClass.OrderBy(r => r.Key).Select(r => new RiskRatio(r.Key.ToString(), r.Value)).ToArray(),
            plan.AllKeyItemsAtClassD,
            fixedQuotas,
            alternates,
            Weights: weights.Length == 0 ? null : weights);
    }

    /// <summary>In proportion to the strata's sizes (as before weights: no stratum can get more than its members).</summary>
    private static Dictionary<string, int> ByShare(Stratum[] strata, int wanted, int total)
    {
        var shares = strata.Select(s => (Stratum: s.Key, Exact: (decimal)wanted * s.Members.Count / total)).ToArray();
        var counts = shares.ToDictionary(s => s.Stratum, s => (int)Math.Floor(s.Exact), StringComparer.Ordinal);
        var left = wanted - counts.Values.Sum();
        foreach (var share in shares.OrderByDescending(s => s.Exact - Math.Floor(s.Exact)).ThenBy(s => s.Stratum, StringComparer.Ordinal).Take(left))
        {
            counts[share.Stratum]++;
        }

        return counts;
    }

    /// <summary>
    /// In proportion to size × the product of the stratum's marks' factors; a stratum whose share reaches its size takes all
    /// its members and the rest is shared again among the others; floors, then the largest remainders (ties by key).
    /// </summary>
    private static Dictionary<string, int> ByWeight(Stratum[] strata, int wanted, IReadOnlyList<StratumWeight> weights)
    {
        var size = strata.ToDictionary(s => s.Key, s => s.Members.Count, StringComparer.Ordinal);
        var weight = strata.ToDictionary(
            s => s.Key,
            s => StratumKey.Parse(s.Key).Marks.Aggregate((decimal)s.Members.Count, (w, m) => w * (weights.FirstOrDefault(x => x.Mark == m)?.Factor ?? 1m)),
            StringComparer.Ordinal);
        var counts = strata.ToDictionary(s => s.Key, _ => 0, StringComparer.Ordinal);
        var open = strata.Where(s => s.Members.Count > 0).Select(s => s.Key).ToList();
        var left = wanted;
        while (left > 0 && open.Count > 0)
        {
            var total = open.Sum(k => weight[k]);
            var exact = open.ToDictionary(k => k, k => left * weight[k] / total, StringComparer.Ordinal);
            var full = open.Where(k => exact[k] >= size[k]).ToArray();
            if (full.Length > 0)
            {
                foreach (var key in full)
                {
                    left -= size[key];
                    counts[key] = size[key];
                    open.Remove(key);
                }

                continue;
            }

            foreach (var key in open)
            {
                counts[key] = (int)Math.Floor(exact[key]);
            }

            var rest = left - open.Sum(k => counts[k]);
            foreach (var key in open.OrderByDescending(k => exact[k] - Math.Floor(exact[k])).ThenBy(k => k, StringComparer.Ordinal).Take(rest))
            {
                counts[key]++;
            }

            break;
        }

        return counts;
    }
}
