using Samples.Contracts.Plans;
using Samples.Grains.Workflow;
using Samples.Silo.Draws;
using Samples.Silo.Tasks;
using Samples.Grains.Reference;

namespace Samples.Silo.Api;

/// <summary>
/// Progress toward a plan's goal (batches with a test conclusion, by category, region and month; coverage; the projected
/// date), a plan's tasks, the public results list (一公开, no credential) and the audit trail, all read from the read
/// models the task events build.
/// </summary>
public static class ProgressEndpoints
{
    public static void MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{planId}/progress", ProgressAsync).RequireAuthorization(Roles.Anyone);
        app.MapGet("/api/plans/{planId}/tasks", PlanTasksAsync).RequireAuthorization(Roles.Supervisors);
        app.MapGet("/api/results", (int? limit, TaskQueries queries, CancellationToken ct) => PublishedAsync(limit, queries, ct)).AllowAnonymous();
        app.MapGet("/api/audit", AuditAsync).RequireAuthorization(Roles.Supervisors);
    }

    private static async Task<IResult> ProgressAsync(string planId, IGrainFactory grains, TaskQueries queries, TimeProvider clock, CancellationToken ct)
    {
        var plan = await grains.GetGrain<IPlanGrain>(planId).GetAsync();
        if (plan is null)
        {
            return Problems.NotFound($"No plan {planId}.");
        }

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var (category, region, month, days) = await queries.ProgressAsync(planId, ct);
        var coverage = await queries.CoverageAsync(planId, plan.Definition.Categories, plan.Definition.Regions, ct);
        var projection = GoalProjection.Project(plan.Definition.GoalBatches, days, today);
        return Results.Ok(new
        {
            PlanId = planId,
            projection.Goal,
            projection.Concluded,
            Remaining = Math.Max(0, projection.Goal - projection.Concluded),
            Failed = category.Sum(c => c.Failed),
            ByCategory = category,
            ByRegion = region,
            ByMonth = month,
            Coverage = new
            {
                Enterprises = coverage.All,
                EnterprisesCovered = coverage.AllCovered,
                KeySupervised = coverage.Key,
                KeySupervisedCovered = coverage.KeyCovered,
                Licensed = coverage.Licensed,
                LicensedCovered = coverage.LicensedCovered,
            },
            Pace = new { projection.PerDay, projection.ReachedOn, projection.Basis },
        });
    }

    private static async Task<IResult> PlanTasksAsync(string planId, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.PlanTasksAsync(planId, ct));

    /// <summary>Published results: enterprise, product category, batch, outcome, when concluded and published, and whether publication was late.</summary>
    private static async Task<IResult> PublishedAsync(int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok((await queries.PublishedAsync(Math.Clamp(limit ?? 500, 1, 5000), ct)).Select(r => new
        {
            r.TaskId,
            Enterprise = r.Uscc,
            r.Category,
            r.Region,
            r.BatchId,
            r.Outcome,
            r.ConcludedOn,
            r.PublishedOn,
            r.PublicationDue,
            Late = r.PublishedLate,
        }));

    private static async Task<IResult> AuditAsync(long? after, int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.AuditAsync(after ?? 0, Math.Clamp(limit ?? 1000, 1, 10000), ct));
}
