using System.Globalization;

namespace Samples.Draw;

/// <summary>
/// How a paced round was sized, published in the rule set so the size is as auditable as the draw: the plan's goal, the
/// batches concluded and in progress when the round was committed, the rounds left (this one included), targets drawn
/// before and how many of them could not be sampled, the cap on the margin, the size the rule gives, and the plan's
/// own fixed numbers before pacing (<see cref="BaseFixed"/>), from which the strata's shares are recomputed.
/// </summary>
public sealed record Pacing(
    int Goal,
    int Concluded,
    int InProgress,
    int RoundsLeft,
    int Attempted,
    int CouldNotBeSampled,
    decimal MarginCap,
    int RoundSize,
    IReadOnlyList<FixedQuota> BaseFixed);

/// <summary>
/// Pacing toward a plan's goal (pure, decimal arithmetic, so any implementation gets the same numbers):
/// <c>size = ceil(max(0, goal − concluded − in progress) / rounds left / (1 − min(could not be sampled / attempted, cap)))</c>.
/// The size is then shared among the strata in proportion to what the plan's own rule gives each (<see cref="Spread"/>);
/// the shares become the round's fixed numbers.
/// </summary>
public static class Pacer
{
    public const string Rule = "ceil(max(0, goal - concluded - inProgress) / roundsLeft / (1 - min(couldNotBeSampled / attempted, marginCap)))";

    /// <summary>The figures with the size the rule gives them.</summary>
    public static Pacing Size(int goal, int concluded, int inProgress, int roundsLeft, int attempted, int couldNotBeSampled, decimal marginCap, IReadOnlyList<FixedQuota> baseFixed)
    {
        Check(goal, concluded, inProgress, roundsLeft, attempted, couldNotBeSampled, marginCap);
        return new Pacing(goal, concluded, inProgress, roundsLeft, attempted, couldNotBeSampled, marginCap,
            RoundSize(goal, concluded, inProgress, roundsLeft, attempted, couldNotBeSampled, marginCap), baseFixed);
    }

    /// <summary>The margin the observed rate gives: could not be sampled / attempted (0 before any attempt), capped.</summary>
    public static decimal Margin(int attempted, int couldNotBeSampled, decimal marginCap) =>
        attempted == 0 ? 0m : Math.Min((decimal)couldNotBeSampled / attempted, marginCap);

    /// <summary>What differs between a paced rule set and what its figures and the frame give (empty when nothing).</summary>
    public static IEnumerable<string> Differences(QuotaRules rules, IReadOnlyDictionary<string, int> strata)
    {
        if (rules.Pacing is not { } pacing)
        {
            yield break;
        }

        if (Problem(pacing) is { } problem)
        {
            yield return $"pacing: {problem}";
        }

        var expected = Spread(pacing.RoundSize, strata, rules with { Fixed = pacing.BaseFixed, Pacing = null });
        var published = rules.Fixed.ToDictionary(f => f.Stratum, f => f.Count, StringComparer.Ordinal);
        foreach (var share in expected.Where(e => !published.TryGetValue(e.Stratum, out var count) || count != e.Count))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"pacing: stratum {share.Stratum} should have {share.Count} of the round's {pacing.RoundSize}, the rules say {(published.TryGetValue(share.Stratum, out var c) ? c.ToString(CultureInfo.InvariantCulture) : "nothing")}");
        }
    }

    /// <summary>Null when the figures are as the rule gives them; otherwise what differs (for the verifier).</summary>
    public static string? Problem(Pacing pacing)
    {
        try
        {
            Check(pacing.Goal, pacing.Concluded, pacing.InProgress, pacing.RoundsLeft, pacing.Attempted, pacing.CouldNotBeSampled, pacing.MarginCap);
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        var size = RoundSize(pacing.Goal, pacing.Concluded, pacing.InProgress, pacing.RoundsLeft, pacing.Attempted, pacing.CouldNotBeSampled, pacing.MarginCap);
        return size == pacing.RoundSize ? null : string.Create(CultureInfo.InvariantCulture, $"the round size is {pacing.RoundSize}, the figures give {size} ({Rule})");
    }

    /// <summary>
    /// Shares a round's size among the strata (stratum key → members), in proportion to what the plan's own rule
    /// (<paramref name="baseRules"/>) gives each; by size when that rule gives nothing. Strata the rule takes whole
    /// (key items at class D) stay whole and count against the size. No stratum gets more than its members; what a
    /// capped stratum cannot take goes to the others. Shares are floored, then the largest remainders get one more,
    /// ties by stratum key (ordinal).
    /// </summary>
    public static IReadOnlyList<FixedQuota> Spread(int size, IReadOnlyDictionary<string, int> strata, QuotaRules baseRules)
    {
        var keys = strata.Keys.Order(StringComparer.Ordinal).ToArray();
        var counts = keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var left = Math.Min(size, keys.Sum(k => strata[k]));
        foreach (var key in keys)
        {
            var quota = Quotas.For(key, strata[key], baseRules);
            if (baseRules.AllAtClassD && StratumKey.Parse(key).RiskClass == "D" && !baseRules.Fixed.Any(f => f.Stratum == key))
            {
                counts[key] = strata[key];
                left -= strata[key];
            }
            else
            {
                weights[key] = quota.Quota;
            }
        }

        if (weights.Values.Sum() == 0m)
        {
            foreach (var key in weights.Keys)
            {
                weights[key] = strata[key];
            }
        }

        var open = weights.Where(w => w.Value > 0m).Select(w => w.Key).ToList();
        while (left > 0 && open.Count > 0)
        {
            var total = open.Sum(k => weights[k]);
            var exact = open.ToDictionary(k => k, k => left * weights[k] / total, StringComparer.Ordinal);
            var full = open.Where(k => exact[k] >= strata[k] - counts[k]).ToArray();
            if (full.Length > 0)
            {
                // Capped strata take all they have; the rest of the size is shared again among the others.
                foreach (var key in full)
                {
                    left -= strata[key] - counts[key];
                    counts[key] = strata[key];
                    open.Remove(key);
                }

                continue;
            }

            var floors = open.ToDictionary(k => k, k => (int)Math.Floor(exact[k]), StringComparer.Ordinal);
            var extra = left - floors.Values.Sum();
            foreach (var key in open.OrderByDescending(k => exact[k] - floors[k]).ThenBy(k => k, StringComparer.Ordinal).Take(extra))
            {
                floors[key]++;
            }

            foreach (var key in open)
            {
                counts[key] += floors[key];
            }

            left = 0;
        }

        return keys.Select(k => new FixedQuota(k, counts[k])).ToArray();
    }

    /// <remarks>
    /// One exact division, never a rounded quotient divided again (5 / (1 − 1/6) must be 6, not 6.000…02 rounded up to 7):
    /// below the cap in whole numbers, remaining × attempted / (roundsLeft × (attempted − could not)); at the cap,
    /// remaining / (roundsLeft × (1 − cap)), whose operands are exact decimals.
    /// </remarks>
    private static int RoundSize(int goal, int concluded, int inProgress, int roundsLeft, int attempted, int couldNotBeSampled, decimal marginCap)
    {
        long remaining = Math.Max(0, goal - concluded - inProgress);
        if (attempted == 0 || (decimal)couldNotBeSampled / attempted <= marginCap)
        {
            var numerator = remaining * Math.Max(attempted, 1);
            var denominator = (long)roundsLeft * Math.Max(attempted - couldNotBeSampled, 1);
            return (int)((numerator + denominator - 1) / denominator);
        }

        return (int)Math.Ceiling(remaining / (roundsLeft * (1m - marginCap)));
    }

    private static void Check(int goal, int concluded, int inProgress, int roundsLeft, int attempted, int couldNotBeSampled, decimal marginCap)
    {
        if (goal < 0 || concluded < 0 || inProgress < 0 || attempted < 0 || couldNotBeSampled < 0)
        {
            throw new ArgumentException("pacing figures must not be negative");
        }

        if (roundsLeft < 1)
        {
            throw new ArgumentException("pacing: at least this round is left (roundsLeft ≥ 1)");
        }

        if (couldNotBeSampled > attempted)
        {
            throw new ArgumentException("pacing: more targets could not be sampled than were attempted");
        }

        if (marginCap is < 0m or >= 1m)
        {
            throw new ArgumentException("pacing: the margin cap must be at least 0 and below 1");
        }
    }
}
