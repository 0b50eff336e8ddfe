using System.Diagnostics;
using System.Security.Claims;
using Quartz;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Directory;
using Samples.Domain.Plans;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;
using Samples.Silo.Directory;
using Samples.Silo.Draws;
using PoolStaffing = Samples.Draw.PoolStaffing;

namespace Samples.Silo.Plans;

public static class PlanEndpoints
{
    public const decimal DefaultMarginCap = 0.3m;

    public static void MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/plans").RequireAuthorization(Roles.Supervisors);
        plans.MapPut("/{id}", DefineAsync).Produces<PlanVersion>().Produces<PlanVersion>(StatusCodes.Status201Created);
        plans.MapGet("/{id}", GetAsync).Produces<PlanVersion>();
        plans.MapGet("/{id}/versions", async (string id, IGrainFactory grains) => Results.Ok(await grains.GetGrain<IPlanGrain>(id).HistoryAsync())).Produces<List<PlanVersion>>();
        plans.MapGet("/{id}/frames", FramesAsync).Produces<FramesSummary>();
        plans.MapGet("/{id}/schedule", ScheduleAsync).Produces<List<RoundScheduleView>>();
        plans.MapPost("/{id}/schedule", RescheduleAsync).Produces<List<RoundScheduleView>>();
    }

    /// <summary>Each round's time, what was done about it and when its triggers fire.</summary>
    private static async Task<IResult> ScheduleAsync(string id, IGrainFactory grains, RoundScheduler scheduler, CancellationToken cancellationToken) =>
        await grains.GetGrain<IPlanGrain>(id.Trim()).GetAsync() is { } plan
            ? Results.Ok(await scheduler.DescribeAsync(plan, cancellationToken))
            : Problems.NotFound($"No plan {id}.");

    /// <summary>Schedules the plan's future rounds again (saving a plan does it too); changes nothing that is already right.</summary>
    private static async Task<IResult> RescheduleAsync(string id, IGrainFactory grains, RoundScheduler scheduler, CancellationToken cancellationToken) =>
        await grains.GetGrain<IPlanGrain>(id.Trim()).GetAsync() is { } plan
            ? Results.Ok(await scheduler.ScheduleAsync(plan, cancellationToken))
            : Problems.NotFound($"No plan {id}.");

    private static async Task<IResult> DefineAsync(
        string id, PlanRequest? request, ClaimsPrincipal user, IGrainFactory grains, RoundScheduler scheduler, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (request is null)
        {
            return Problems.Validation("The plan was not saved.", new FieldProblem("body", "a JSON plan definition is required"));
        }

        var ratios = new Dictionary<RiskClass, decimal>();
        foreach (var (key, ratio) in request.Quotas?.RatioByRiskClass ?? [])
        {
            if (EnterpriseVocabulary.TryParseRiskClass(key, out var riskClass))
            {
                ratios[riskClass] = ratio;
            }
            else
            {
                problems.Add(new("quotas.ratioByRiskClass", $"'{key}' is not a risk class (A, B, C, D)"));
            }
        }

        problems.AddRange(await CategoryCheck.UnknownAsync(grains, "categories", request.Categories));
        if (!string.IsNullOrWhiteSpace(request.RoundSchedule) && !CronExpression.TryParse(request.RoundSchedule.Trim(), out _))
        {
            problems.Add(new("roundSchedule", $"'{request.RoundSchedule}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week), e.g. '0 0 9 1 1/2 ?'"));
        }

        if (!RiskMonitoring.TryParse(request.Purpose, out var purpose))
        {
            problems.Add(new("purpose", $"'{request.Purpose}' is not a purpose: {string.Join(" or ", RiskMonitoring.Codes)} (监督抽查 or 风险监测)"));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("The plan was not saved.", [.. problems]);
        }

        var definition = new PlanDefinition(
            request.Year ?? 0,
            request.Department ?? string.Empty,
            request.Categories ?? [],
            request.Regions ?? [],
            new QuotaRules(ratios, request.Quotas?.AllKeyItemsAtClassD ?? false, request.Quotas?.Fixed ?? [], request.Quotas?.IncludeAbnormalOperation ?? false, request.Quotas?.Weights),
            request.GoalBatches ?? 0,
            request.RoundSchedule ?? string.Empty,
            request.Rounds ?? 0,
            request.Pacing is { } pacing ? new PacingOptions(pacing.MarginCap ?? DefaultMarginCap) : null,
            purpose,
            JointDepartments: request.JointDepartments);
        if (RoundCalendar.NextFire(definition.RoundSchedule) is { } next && PlanSchedule.TooFewFires(definition, next) is { } tooFew)
        {
            return Problems.Validation("The plan was not saved.", tooFew);
        }

        var result = await grains.GetGrain<IPlanGrain>(id.Trim()).DefineAsync(definition, Caller.Describe(user));
        if (result.Plan is { } saved && result.Problems.Count == 0)
        {
            // Also when unchanged: a save whose scheduling failed half-way is completed by sending it again.
            await scheduler.ScheduleAsync(saved, cancellationToken);
        }

        return result switch
        {
            { Problems.Count: > 0 } => Problems.Validation("The plan was not saved.", [.. result.Problems]),
            { Changed: true, Plan.Version: 1 } => Results.Created($"/api/plans/{id.Trim()}", result.Plan),
            _ => Results.Ok(result.Plan),
        };
    }

    private static async Task<IResult> GetAsync(string id, int? version, IGrainFactory grains) =>
        await grains.GetGrain<IPlanGrain>(id.Trim()).GetAsync(version) is { } plan
            ? Results.Ok(plan)
            : Problems.NotFound(version is null ? $"No plan {id}." : $"Plan {id} has no version {version}.");

    /// <summary>The frames of a round, with how long they took to build; member lists only on request (they can be large).</summary>
    private static async Task<IResult> FramesAsync(
        string id, int? round, int? version, bool? members, IGrainFactory grains, FrameSource frames, RoundCommitter committer, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<IPlanGrain>(id.Trim()).GetAsync(version) is not { } plan)
        {
            return Problems.NotFound(version is null ? $"No plan {id}." : $"Plan {id} has no version {version}.");
        }

        var number = round ?? 1;
        if (number < 1 || number > plan.Definition.Rounds)
        {
            return Problems.Validation("No frames were built.", new FieldProblem("round", $"must be between 1 and {plan.Definition.Rounds}"));
        }

        var watch = Stopwatch.StartNew();
        var built = await frames.BuildAsync(plan, number, ChinaTime.DateOf(clock.GetUtcNow()), cancellationToken);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var staffing = await committer.StaffingAsync(id.Trim(), number, plan, built);
        return members == true
            ? Results.Ok(new { buildMilliseconds = elapsed, frames = built, staffing = staffing.Pools })
            : Results.Ok(new FramesSummary(
                built.PlanId, built.PlanVersion, built.Round, elapsed, built.TargetCount,
                built.Strata.Select(s => new StratumSummary(s.Key, s.Members.Count)).ToArray(),
                built.ExcludedTargets.Count,
                built.ExcludedTargets.GroupBy(e => ReasonKind(e.Reason)).ToDictionary(g => g.Key, g => g.Count()),
                built.Inspectors.Count,
                built.ExcludedInspectors,
                staffing.Pools));
    }

    /// <summary>Counts reasons by kind: "6-month rule: sampled … as batch …" is one kind whatever the batch.</summary>
    private static string ReasonKind(string reason) => reason.Split(':', 2)[0];
}

public sealed record PlanRequest(
    int? Year,
    string? Department,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<string>? Regions,
    QuotaRequest? Quotas,
    int? GoalBatches,
    string? RoundSchedule,
    int? Rounds,
    PacingRequest? Pacing,
    string? Purpose = null,
    IReadOnlyList<JointDepartment>? JointDepartments = null);

/// <summary>Present to pace the plan's rounds toward its goal; the margin cap defaults to <see cref="PlanEndpoints.DefaultMarginCap"/>.</summary>
public sealed record PacingRequest(decimal? MarginCap);

/// <param name="Weights">Sampling weights (factors 1 to 10 per mark: keyCategory, keySupervision, touristSite, abnormalOperation); absent: none.</param>
public sealed record QuotaRequest(
    Dictionary<string, decimal>? RatioByRiskClass, bool? AllKeyItemsAtClassD, IReadOnlyList<FixedQuota>? Fixed, bool? IncludeAbnormalOperation = null,
    SamplingWeights? Weights = null);

public sealed record FramesSummary(
    string PlanId,
    int PlanVersion,
    int Round,
    double BuildMilliseconds,
    int Targets,
    IReadOnlyList<StratumSummary> Strata,
    int ExcludedTargets,
    IReadOnlyDictionary<string, int> ExcludedTargetsByReason,
    int Inspectors,
    IReadOnlyList<Exclusion> ExcludedInspectors,
    IReadOnlyList<PoolStaffing> Staffing);

public sealed record StratumSummary(string Key, int Members);
