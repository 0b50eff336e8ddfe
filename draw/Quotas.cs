using System.Globalization;

namespace Samples.Draw;

/// <summary>A sampling ratio for one risk class (A, B, C, D), a decimal between 0 and 1.</summary>
public sealed record RiskRatio(string RiskClass, decimal Ratio);

/// <summary>A fixed number of targets for one stratum (region|category|risk class); takes precedence over every other rule.</summary>
public sealed record FixedQuota(string Stratum, int Count);

/// <summary>
/// The published, deterministic quota rule (draw/spec/draw-spec.md section 4). For a stratum with N members:
/// a fixed number if one is given (capped at N); else all N at class D when <see cref="AllAtClassD"/>
/// (key items); else ceil(ratio × N) in decimal arithmetic, capped at N; else 0. Then the next
/// min(<see cref="Alternates"/>, N − k) tickets are the stratum's ordered alternates. A paced round
/// (<see cref="Pacing"/>) publishes its per-stratum shares as <see cref="Fixed"/> and the figures that produced them.
/// </summary>
public sealed record QuotaRules(IReadOnlyList<RiskRatio> Ratios, bool AllAtClassD, IReadOnlyList<FixedQuota> Fixed, int Alternates, Pacing? Pacing = null);

/// <summary>What the rule gave one stratum, and which rule it was, written out.</summary>
public sealed record StratumQuota(string Stratum, int Members, int Quota, int Alternates, string Rule);

public static class Quotas
{
    public static StratumQuota For(string stratum, int members, QuotaRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        var riskClass = StratumKey.Parse(stratum).RiskClass;
        int quota;
        string rule;
        if (rules.Fixed.FirstOrDefault(f => f.Stratum == stratum) is { } fixedQuota)
        {
            quota = Math.Min(fixedQuota.Count, members);
            rule = string.Create(CultureInfo.InvariantCulture, $"fixed {fixedQuota.Count}") + (fixedQuota.Count > members ? ", capped at N" : "");
        }
        else if (rules.AllAtClassD && riskClass == "D")
        {
            quota = members;
            rule = "all at class D (key items)";
        }
        else if (rules.Ratios.FirstOrDefault(r => r.RiskClass == riskClass) is { } ratio)
        {
            var exact = (int)Math.Ceiling(ratio.Ratio * members);
            quota = Math.Min(exact, members);
            rule = string.Create(CultureInfo.InvariantCulture, $"ceil({ratio.Ratio} × {members}) = {exact}") + (exact > members ? ", capped at N" : "");
        }
        else
        {
            quota = 0;
            rule = $"no rule for class {riskClass}";
        }

        return new StratumQuota(stratum, members, quota, Math.Max(0, Math.Min(rules.Alternates, members - quota)), rule);
    }

    /// <summary>Refuses a rule set that cannot be applied: ratios outside 0..1, negative numbers, a class given twice.</summary>
    public static void Check(QuotaRules rules)
    {
        foreach (var ratio in rules.Ratios)
        {
            if (ratio.Ratio is < 0m or > 1m)
            {
                throw new ArgumentException($"class {ratio.RiskClass}: ratio {ratio.Ratio} is not between 0 and 1");
            }
        }

        if (rules.Ratios.GroupBy(r => r.RiskClass, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"class {twice.Key} has more than one ratio");
        }

        if (rules.Fixed.FirstOrDefault(f => f.Count < 0) is { } negative)
        {
            throw new ArgumentException($"stratum {negative.Stratum}: fixed number {negative.Count} is negative");
        }

        if (rules.Fixed.GroupBy(f => f.Stratum, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"stratum {repeated.Key} has more than one fixed number");
        }

        if (rules.Alternates < 0)
        {
            throw new ArgumentException($"alternates {rules.Alternates} is negative");
        }
    }
}

/// <summary>A stratum key region|category|risk class; its pool key is region|category.</summary>
public sealed record StratumKey(string Region, string Category, string RiskClass)
{
    public string Pool => $"{Region}|{Category}";

    public static StratumKey Parse(string stratum)
    {
        var parts = stratum.Split('|');
        return parts.Length == 3 && parts.All(p => p.Length > 0)
            ? new StratumKey(parts[0], parts[1], parts[2])
            : throw new ArgumentException($"stratum '{stratum}' is not region|category|risk class");
    }
}
