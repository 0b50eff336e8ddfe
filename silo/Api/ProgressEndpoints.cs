using Samples.Contracts.Plans;
using Samples.Grains.Workflow;
using Samples.Silo.Audit;
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
        app.MapGet("/api/plans/{planId}/progress", ProgressAsync).RequireAuthorization(Roles.Anyone).Produces<PlanProgress>();
        app.MapGet("/api/plans/{planId}/tasks", PlanTasksAsync).RequireAuthorization(Roles.Supervisors).Produces<List<BoardRow>>();
        app.MapGet("/api/results", (int? limit, TaskQueries queries, CancellationToken ct) => PublishedAsync(limit, queries, ct)).AllowAnonymous().Produces<List<PublishedResult>>();
        app.MapGet("/api/audit", AuditAsync).RequireAuthorization(Roles.Supervisors).Produces<List<AuditRow>>();
        app.MapGet("/api/audit/streams", async (TaskQueries queries, CancellationToken ct) => Results.Ok(await queries.TaskVersionsAsync(ct)))
            .RequireAuthorization(Roles.Supervisors).Produces<List<StreamVersion>>()
            .WithDescription("Each task's latest version: samples audit verify checks that the trail holds every task's last change.");
        app.MapGet("/api/public/audit/head", async (TaskQueries queries, CancellationToken ct) =>
                await queries.AuditHeadAsync(ct) is { } head ? Results.Ok(head) : Problems.NotFound("The audit trail is empty."))
            .AllowAnonymous().Produces<AuditHead>()
            .WithDescription("The audit trail's head, public: anyone may keep it (daily, or with a draw) and later check with samples audit verify --expect-head that the trail before it was not rewritten.");
        app.MapGet("/api/public/audit/heads", async (int? limit, AuditHeadLog heads, CancellationToken ct) =>
                Results.Ok(await heads.RecentAsync(limit ?? AuditHeadLog.MostRecent, ct)))
            .AllowAnonymous().Produces<List<AuditHeadEntry>>()
            .WithDescription("The trail's heads as recorded outside the database, once a day and at every start (Samples:Audit:HeadLogFile), newest first, at most 400 (limit): each seq, sha256, the time of that entry (at) and when it was recorded (recordedAt). samples audit verify --expect-head SHA256 shows whether the trail still holds one.");
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
            new PaceView(projection.PerDay, projection.ReachedOn, projection.Basis)));
    }

    private static async Task<IResult> PlanTasksAsync(string planId, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.PlanTasksAsync(planId, ct));

    /// <summary>Published results: enterprise, product category, batch, outcome, when concluded and published, and whether publication was late.</summary>
    private static async Task<IResult> PublishedAsync(int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok((await queries.PublishedAsync(Math.Clamp(limit ?? 500, 1, 5000), ct)).Select(r =>
            new PublishedResult(r.TaskId, r.Uscc, r.Category, r.Region, r.BatchId, r.Outcome, r.ConcludedOn, r.PublishedOn, r.PublicationDue, r.PublishedLate)));

    private static async Task<IResult> AuditAsync(long? after, int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.AuditAsync(after ?? 0, Math.Clamp(limit ?? 1000, 1, 10000), ct));
}

/// <summary>Batches with a test conclusion against the plan's goal, by category, region and month; coverage; pace.</summary>
public sealed record PlanProgress(
    string PlanId, int Goal, int Concluded, int Remaining, int Failed, IReadOnlyList<ProgressCount> ByCategory, IReadOnlyList<ProgressCount> ByRegion,
    IReadOnlyList<ProgressCount> ByMonth, CoverageView Coverage, PaceView Pace);

/// <summary>How many of the plan's frame enterprises (all, key-supervised, licensed) have had a batch sampled.</summary>
public sealed record CoverageView(int Enterprises, int EnterprisesCovered, int KeySupervised, int KeySupervisedCovered, int Licensed, int LicensedCovered);

/// <summary>Batches concluded a day over the last 30 days, and the date the goal is reached at that pace (none: not at this pace).</summary>
public sealed record PaceView(double PerDay, DateOnly? ReachedOn, string Basis);

/// <summary>One line of the public results list (一公开).</summary>
public sealed record PublishedResult(
    string TaskId, string Enterprise, string Category, string Region, string? BatchId, string? Outcome, DateOnly? ConcludedOn, DateOnly? PublishedOn,
    DateOnly? PublicationDue, bool Late);
