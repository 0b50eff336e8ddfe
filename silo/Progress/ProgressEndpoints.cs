using Samples.Contracts.Plans;
using Samples.Domain.Progress;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Progress;

/// <summary>
/// Progress toward a plan's goal (batches with a test conclusion, by category, region and month; coverage; the projected
/// date) and a plan's tasks, read from the read models the task events build.
/// </summary>
public static class ProgressEndpoints
{
    public static void MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{planId}/progress", ProgressAsync).RequireAuthorization(Roles.Anyone).Produces<PlanProgress>();
        app.MapGet("/api/plans/{planId}/tasks", PlanTasksAsync).RequireAuthorization(Roles.Supervisors).Produces<List<BoardRow>>();
        app.MapGet("/api/progress", OverviewAsync).RequireAuthorization(Roles.Supervisors).Produces<ProgressOverview>()
            .WithDescription("A year's plans that have tasks, supervision sampling (监督抽查) and risk monitoring (风险监测) apart, each plan toward its own goal.");
    }

    private static async Task<IResult> OverviewAsync(int? year, IGrainFactory grains, TaskQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var of = year ?? ChinaTime.DateOf(clock.GetUtcNow()).Year;
        if (of is < 2000 or > 2100)
        {
            return Problems.Validation("No overview.", new Samples.Contracts.Common.FieldProblem("year", "is a plan year between 2000 and 2100"));
        }

        var plans = new List<PlanGoal>();
        foreach (var group in (await queries.PlanPurposeCountsAsync(ct)).GroupBy(r => r.PlanId, StringComparer.Ordinal))
        {
            if (await grains.GetGrain<IPlanGrain>(group.Key).GetAsync() is not { Definition: var d } || d.Year != of)
            {
                continue;
            }

            // Only the plan's own purpose counts toward its goal (a task keeps the purpose its plan had when it was made).
            var own = group.Where(r => r.Count.Purpose == RiskMonitoring.Code(d.Purpose)).Select(r => r.Count).ToArray();
            plans.Add(new PlanGoal(group.Key, d.Department, d.Purpose, d.GoalBatches, own.Sum(c => c.Concluded), own.Sum(c => c.Failed)));
        }

        return Results.Ok(new ProgressOverview(of, PurposeProgress.Of(plans)));
    }

    private static async Task<IResult> ProgressAsync(string planId, IGrainFactory grains, TaskQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var plan = await grains.GetGrain<IPlanGrain>(planId).GetAsync();
        if (plan is null)
        {
            return Problems.NotFound($"No plan {planId}.");
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        // Only tasks of the plan's purpose count toward its goal (监督抽查 and 风险监测 each toward their own plan's).
        var purpose = RiskMonitoring.Code(plan.Definition.Purpose);
        var (category, region, month, days) = await queries.ProgressAsync(planId, purpose, ct);
        var coverage = await queries.CoverageAsync(planId, plan.Definition.Categories, plan.Definition.Regions, ct);
        var projection = GoalProjection.Project(plan.Definition.GoalBatches, days, today);
        var basis = BasisView.Of(await queries.BasisAsync(planId, null, null, ct));
        return Results.Ok(new PlanProgress(
            planId,
            projection.Goal,
            projection.Concluded,
            Math.Max(0, projection.Goal - projection.Concluded),
            category.Sum(c => c.Failed),
            category,
            region,
            month,
            new CoverageView(coverage.All, coverage.AllCovered, coverage.Key, coverage.KeyCovered, coverage.Licensed, coverage.LicensedCovered),
            new PaceView(projection.PerDay, projection.ReachedOn, projection.Basis),
            basis,
            purpose,
            RiskMonitoring.Name(plan.Definition.Purpose),
            await queries.PurposesAsync(planId, ct)));
    }

    private static async Task<IResult> PlanTasksAsync(string planId, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.PlanTasksAsync(planId, ct));
}

/// <summary>
/// Batches with a test conclusion against the plan's goal, by category, region and month; coverage; pace; and how many
/// tasks were drawn and how many targeted (a targeted batch counts toward the goal, and is shown apart). The plan's purpose
/// (supervision 监督抽查 or risk-monitoring 风险监测, with its name) says which goal this is; only its own tasks count toward
/// it, and <see cref="ByPurpose"/> shows the plan's tasks of each purpose apart.
/// </summary>
public sealed record PlanProgress(
    string PlanId, int Goal, int Concluded, int Remaining, int Failed, IReadOnlyList<ProgressCount> ByCategory, IReadOnlyList<ProgressCount> ByRegion,
    IReadOnlyList<ProgressCount> ByMonth, CoverageView Coverage, PaceView Pace, BasisView Basis,
    string Purpose = RiskMonitoring.SupervisionCode, string PurposeName = "", IReadOnlyList<PurposeCount>? ByPurpose = null);

/// <summary>
/// Drawn and targeted tasks apart (重点检查 beside 双随机): tasks and concluded batches of each, the targeted share of tasks
/// and of concluded batches (per cent, one decimal; null when there are none), and the targeted ones by reason.
/// </summary>
public sealed record BasisView(
    int RandomTasks, int RandomConcluded, int TargetedTasks, int TargetedConcluded, decimal? TargetedShare, decimal? TargetedShareOfConcluded,
    IReadOnlyList<ReasonCount> ByReason)
{
    public static BasisView Of(IReadOnlyList<BasisCount> counts)
    {
        var random = counts.Where(c => c.TargetedReason is null).ToArray();
        var targeted = counts.Where(c => c.TargetedReason is not null).ToArray();
        var (rt, rc, tt, tc) = (random.Sum(c => c.Tasks), random.Sum(c => c.Concluded), targeted.Sum(c => c.Tasks), targeted.Sum(c => c.Concluded));
        return new BasisView(rt, rc, tt, tc, TargetedInspections.Share(tt, rt + tt), TargetedInspections.Share(tc, rc + tc),
            [.. targeted.Select(c => new ReasonCount(c.TargetedReason!, TargetedInspections.ReasonName(c.TargetedReason), c.Tasks, c.Concluded, c.Failed))]);
    }
}

/// <summary>A year's plans by purpose: supervision sampling and risk monitoring apart, each plan toward its own goal.</summary>
public sealed record ProgressOverview(int Year, IReadOnlyList<PurposeGoals> Purposes);

/// <summary>Targeted tasks of one reason: the reason's code and name (Chinese first), tasks, concluded batches, failures.</summary>
public sealed record ReasonCount(string Kind, string Name, int Tasks, int Concluded, int Failed);

/// <summary>How many of the plan's frame enterprises (all, key-supervised, licensed) have had a batch sampled.</summary>
public sealed record CoverageView(int Enterprises, int EnterprisesCovered, int KeySupervised, int KeySupervisedCovered, int Licensed, int LicensedCovered);

/// <summary>Batches concluded a day over the last 30 days, and the date the goal is reached at that pace (none: not at this pace).</summary>
public sealed record PaceView(double PerDay, DateOnly? ReachedOn, string Basis);
