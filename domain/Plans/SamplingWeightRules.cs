using System.Globalization;
using Samples.Contracts.Common;
using Samples.Contracts.Plans;
using Samples.Draw;

namespace Samples.Domain.Plans;

/// <summary>
/// A plan's sampling weights (<see cref="SamplingWeights"/>) as the draw's marks: which API field gives which mark, the
/// checks a plan's weights must pass, and the names people read.
/// </summary>
public static class SamplingWeightRules
{
    public const decimal MinFactor = 1m;
    public const decimal MaxFactor = 10m;

    /// <summary>Every weight the plan gives: its draw mark, factor and API field name, in mark order.</summary>
    public static IReadOnlyList<(string Mark, decimal Factor, string Field)> Given(SamplingWeights? weights) =>
        weights is null
            ? []
            : new (string Mark, decimal? Factor, string Field)[]
                {
                    (StratumMarks.KeyCategory, weights.KeyCategory, "keyCategory"),
                    (StratumMarks.KeySupervision, weights.KeySupervision, "keySupervision"),
                    (StratumMarks.TouristSite, weights.TouristSite, "touristSite"),
                    (StratumMarks.AbnormalOperation, weights.AbnormalOperation, "abnormalOperation"),
                }
                .Where(w => w.Factor is not null)
                .Select(w => (w.Mark, w.Factor!.Value, w.Field))
                .OrderBy(w => w.Mark, StringComparer.Ordinal)
                .ToArray();

    /// <summary>The factor a plan gives a mark, or null when that mark is no stratum dimension of the plan.</summary>
    public static decimal? FactorOf(SamplingWeights? weights, string mark) =>
        Given(weights).Where(w => w.Mark == mark).Select(w => (decimal?)w.Factor).FirstOrDefault();

    /// <summary>Each factor between 1 and 10; a weight for the abnormal-operation list only when the plan includes it.</summary>
    public static IEnumerable<FieldProblem> Check(Contracts.Plans.QuotaRules quotas)
    {
        foreach (var (mark, factor, field) in Given(quotas.Weights))
        {
            if (factor is < MinFactor or > MaxFactor)
            {
                yield return new($"quotas.weights.{field}", string.Create(CultureInfo.InvariantCulture, $"{factor} is not a factor between {MinFactor} and {MaxFactor}"));
            }

            if (mark == StratumMarks.AbnormalOperation && !quotas.IncludeAbnormalOperation)
            {
                yield return new($"quotas.weights.{field}", "weighs enterprises on the abnormal-operation list, which the plan leaves out: set quotas.includeAbnormalOperation too");
            }
        }
    }

    /// <summary>Null for weights that give no factor at all: the plan then has no weights (its strata are as without).</summary>
    public static SamplingWeights? Normalise(SamplingWeights? weights) => Given(weights).Count == 0 ? null : weights;

    /// <summary>How a mark reads to people: Chinese first, English beside.</summary>
    public static string Label(string mark) => mark switch
    {
        StratumMarks.KeyCategory => "重点品种 key category",
        StratumMarks.KeySupervision => "重点监管 key supervision",
        StratumMarks.TouristSite => "旅游景区零售 tourist-site retail",
        StratumMarks.AbnormalOperation => "经营异常 abnormal operation",
        _ => mark,
    };

    /// <summary>A stratum key as people read it: region|category|class, then its marks' names (a key that is no stratum is shown as it is).</summary>
    public static string Describe(string stratum)
    {
        try
        {
            var key = StratumKey.Parse(stratum);
            return key.Marks.Count == 0 ? stratum : $"{key.Region}|{key.Category}|{key.RiskClass} · {string.Join(" + ", key.Marks.Select(Label))}";
        }
        catch (ArgumentException)
        {
            return stratum;
        }
    }
}
