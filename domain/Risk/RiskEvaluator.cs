using Samples.Contracts.Directory;

namespace Samples.Domain.Risk;

/// <summary>Scores an enterprise under a model and explains the class by each indicator's value and points.</summary>
public static class RiskEvaluator
{
    public static RiskEvaluation Evaluate(RiskModel model, string uscc, IReadOnlyDictionary<string, decimal> values)
    {
        var contributions = model.Indicators.Select(i =>
        {
            var value = values.TryGetValue(i.Code, out var v) ? v : 0m;
            return new RiskContribution(i.Code, i.NameZh, value, Math.Min(i.Cap, Math.Max(0, value) * i.PointsPerUnit));
        }).ToList();
        var score = contributions.Sum(c => c.Points);
        var risk = model.Classes.First(c => score >= c.MinScore).Class;
        return new RiskEvaluation(uscc, score, risk, contributions);
    }

    /// <summary>Enterprises whose class worsened since the previous run (or whose score rose by at least <paramref name="risingBy"/>), worst first.</summary>
    public static IReadOnlyList<RiskWarning> Warnings(IReadOnlyDictionary<string, RiskEvaluation> previous, IEnumerable<RiskEvaluation> current, decimal risingBy = 20) =>
        [.. current.Where(c => previous.TryGetValue(c.Uscc, out var p) && (c.Class > p.Class || c.Score - p.Score >= risingBy))
            .Select(c => new RiskWarning(c.Uscc, previous[c.Uscc].Class, c.Class, previous[c.Uscc].Score, c.Score,
                [.. c.Contributions.Where(x => x.Points > (previous[c.Uscc].Contributions.FirstOrDefault(p => p.Indicator == x.Indicator)?.Points ?? 0)).Select(x => x.Indicator)]))
            .OrderByDescending(w => w.To).ThenByDescending(w => w.ScoreNow - w.ScoreBefore).ThenBy(w => w.Uscc, StringComparer.Ordinal)];
}

/// <summary>An enterprise's score and class, explained: each indicator's value and the points it added.</summary>
public sealed record RiskEvaluation(string Uscc, decimal Score, RiskClass Class, IReadOnlyList<RiskContribution> Contributions);

public sealed record RiskContribution(string Indicator, string Name, decimal Value, decimal Points);

/// <summary>An enterprise whose indicators worsen (信用风险预警): its class and score before and now, and the indicators that rose.</summary>
public sealed record RiskWarning(string Uscc, RiskClass From, RiskClass To, decimal ScoreBefore, decimal ScoreNow, IReadOnlyList<string> Rising);
