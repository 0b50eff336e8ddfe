using Samples.Contracts.Plans;
using Samples.Domain.Tasks;

namespace Samples.Domain.Progress;

/// <summary>One plan as the year's overview needs it: its purpose and goal, and its concluded and failed batches of that purpose.</summary>
public sealed record PlanGoal(string PlanId, string Department, PlanPurpose Purpose, int Goal, int Concluded, int Failed);

/// <summary>The plans of one purpose in a year: each toward its own goal, and the sums.</summary>
public sealed record PurposeGoals(string Purpose, string Name, int Goal, int Concluded, int Failed, IReadOnlyList<PlanGoal> Plans);

/// <summary>
/// A year's supervision sampling (监督抽查) and risk monitoring (风险监测) apart: each plan counts only the batches of its
/// own purpose toward its own goal, and the two purposes are never summed into one figure, since a monitoring batch
/// carries no enforcement and the province's goals name them separately.
/// </summary>
public static class PurposeProgress
{
    public static IReadOnlyList<PurposeGoals> Of(IEnumerable<PlanGoal> plans)
    {
        var all = plans.ToList();
        return [.. Enum.GetValues<PlanPurpose>().Select(p =>
        {
            var of = all.Where(x => x.Purpose == p).OrderBy(x => x.PlanId, StringComparer.Ordinal).ToArray();
            return new PurposeGoals(RiskMonitoring.Code(p), RiskMonitoring.Name(p), of.Sum(x => x.Goal), of.Sum(x => x.Concluded), of.Sum(x => x.Failed), of);
        })];
    }
}
