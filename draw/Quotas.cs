using System.Globalization;
using System.Text.Json.Serialization;

namespace Samples.Draw;

/// <summary>A sampling ratio for one risk class (A, B, C, D), a decimal between 0 and 1.</summary>
public sealed record RiskRatio(string RiskClass, decimal Ratio);

/// <summary>A fixed number of targets for one stratum (region|category|risk class); takes precedence over every other rule.</summary>
public sealed record FixedQuota(string Stratum, int Count);

/// <summary>
/// A weight on the strata that carry one mark (<see cref="StratumMarks"/>): their ratio is multiplied by <see cref="Factor"/>
/// (1 to 10; 1 makes the mark a stratum dimension only).
/// </summary>
public sealed record StratumWeight(string Mark, decimal Factor);

/// <summary>
/// The published, deterministic quota rule (draw/spec/draw-spec.md section 4). For a stratum with N members:
/// a fixed number if one is given (capped at N); else all N at class D when <see cref="AllAtClassD"/>
/// (key items); else ceil(r × N) in decimal arithmetic, capped at N, where r is the class's ratio, for a marked stratum
/// min(1, ratio × the product of its marks' <see cref="Weights"/>); else 0. Then the next
/// min(<see cref="Alternates"/>, N − k) tickets are the stratum's ordered alternates. A paced round
/// (<see cref="Pacing"/>) publishes its per-stratum shares as <see cref="Fixed"/> and the figures that produced them.
/// </summary>
/// <remarks><see cref="Weights"/> is left out of the JSON when null, so rule sets without weights hash as they always did.</remarks>
public sealed record QuotaRules(
    IReadOnlyList<RiskRatio> Ratios, bool AllAtClassD, IReadOnlyList<FixedQuota> Fixed, int Alternates, Pacing? Pacing = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<StratumWeight>? Weights = null);

/// <summary>What the rule gave one stratum, and which rule it was, written out.</summary>
public sealed record StratumQuota(string Stratum, int Members, int Quota, int Alternates, string Rule);

public static class Quotas
{
    public static StratumQuota For(string stratum, int members, QuotaRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(members);
        var key = StratumKey.Parse(stratum);
        var riskClass = key.RiskClass;
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
            var (weighted, text) = Weighted(ratio.Ratio, key, rules);
            var exact = (int)Math.Ceiling(weighted * members);
            quota = Math.Min(exact, members);
            rule = string.Create(CultureInfo.InvariantCulture, $"ceil({text} × {members}) = {exact}") + (exact > members ? ", capped at N" : "");
        }
        else
        {
            quota = 0;
            rule = $"no rule for class {riskClass}";
        }

        return new StratumQuota(stratum, members, quota, Math.Max(0, Math.Min(rules.Alternates, members - quota)), rule);
    }

    /// <summary>
    /// The ratio of a stratum and how it is written in the rule: the class's ratio, times each of its marks' factors in the
    /// key's order (decimal arithmetic), at most 1. An unmarked stratum keeps the ratio and its text exactly as before.
    /// </summary>
    private static (decimal Ratio, string Text) Weighted(decimal ratio, StratumKey key, QuotaRules rules)
    {
        if (key.Marks.Count == 0)
        {
            return (ratio, ratio.ToString(CultureInfo.InvariantCulture));
        }

        var weighted = ratio;
        var text = ratio.ToString(CultureInfo.InvariantCulture);
        foreach (var mark in key.Marks)
        {
            var weight = rules.Weights?.FirstOrDefault(w => w.Mark == mark)
                ?? throw new ArgumentException($"stratum '{key}' is marked {mark}, but the rules give no weight for {mark}");
            weighted *= weight.Factor;
            text += " × " + weight.Factor.ToString(CultureInfo.InvariantCulture);
        }

        return weighted > 1m ? (1m, $"min(1, {text})") : (weighted, text);
    }

    /// <summary>
    /// Refuses a rule set that cannot be applied: ratios outside 0..1, negative numbers, a class given twice, a weight on an
    /// unknown mark, a factor outside 1..10, a mark weighted twice.
    /// </summary>
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

        foreach (var weight in rules.Weights ?? [])
        {
            if (!StratumMarks.All.Contains(weight.Mark, StringComparer.Ordinal))
            {
                throw new ArgumentException($"weight on '{weight.Mark}': not a mark ({string.Join(", ", StratumMarks.All)})");
            }

            if (weight.Factor is < 1m or > 10m)
            {
                throw new ArgumentException($"mark {weight.Mark}: factor {weight.Factor} is not between 1 and 10");
            }
        }

        if ((rules.Weights ?? []).GroupBy(w => w.Mark, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } doubled)
        {
            throw new ArgumentException($"mark {doubled.Key} has more than one weight");
        }
    }
}

/// <summary>
/// The closed set of marks a stratum key's fourth segment may carry (draw/spec/draw-spec.md section 2): what the rules of
/// sampling single out for more checks than the risk class alone gives.
/// </summary>
public static class StratumMarks
{
    /// <summary>The category is a key item (重点检查事项) in the catalogue.</summary>
    public const string KeyCategory = "key-category";

    /// <summary>The enterprise is under key supervision (重点监管).</summary>
    public const string KeySupervision = "key-supervision";

    /// <summary>A tourist-site retailer of drugs, cosmetics or medical devices (旅游景区零售, 两品一械).</summary>
    public const string TouristSite = "tourist-site";

    /// <summary>On the abnormal-operation list (经营异常名录), drawn because the plan includes it.</summary>
    public const string AbnormalOperation = "abnormal-operation";

    /// <summary>Every mark, in ordinal order (the order they are joined in a key).</summary>
    public static readonly IReadOnlyList<string> All = [AbnormalOperation, KeyCategory, KeySupervision, TouristSite];

    /// <summary>The fourth segment for these marks: sorted (ordinal), de-duplicated, joined by "+"; empty for none.</summary>
    public static string Join(IEnumerable<string> marks) => string.Join('+', marks.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

/// <summary>
/// A stratum key region|category|risk class, or region|category|risk class|marks when its members carry marks
/// (<see cref="StratumMarks"/>: known marks, sorted, each once, joined by "+"). Its pool key is region|category either way.
/// </summary>
public sealed record StratumKey(string Region, string Category, string RiskClass, IReadOnlyList<string> Marks)
{
    public StratumKey(string region, string category, string riskClass)
        : this(region, category, riskClass, [])
    {
    }

    public string Pool => $"{Region}|{Category}";

    public bool Equals(StratumKey? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    public override string ToString() => Marks.Count == 0 ? $"{Region}|{Category}|{RiskClass}" : $"{Region}|{Category}|{RiskClass}|{string.Join('+', Marks)}";

    public static StratumKey Parse(string stratum)
    {
        var parts = stratum.Split('|');
        if (parts.Length == 3 && parts.All(p => p.Length > 0))
        {
            return new StratumKey(parts[0], parts[1], parts[2]);
        }

        if (parts.Length == 4 && parts[..3].All(p => p.Length > 0))
        {
            // One spelling per set of marks, so that one set of members is never two strata.
            var marks = parts[3].Split('+');
            if (marks.Any(m => !StratumMarks.All.Contains(m, StringComparer.Ordinal)) || StratumMarks.Join(marks) != parts[3])
            {
                throw new ArgumentException($"stratum '{stratum}': marks '{parts[3]}' are not known marks ({string.Join(", ", StratumMarks.All)}) sorted and each once, joined by '+'");
            }

            return new StratumKey(parts[0], parts[1], parts[2], marks);
        }

        throw new ArgumentException($"stratum '{stratum}' is not region|category|risk class");
    }
}
