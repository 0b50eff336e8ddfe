using System.Security.Claims;
using System.Text.Json;
using Samples.Contracts.Draws;
using Samples.Contracts.Enterprises;
using Samples.Contracts.Inspectors;
using Samples.Contracts.Plans;
using Samples.Draw;
using Samples.Grains.Draws;
using Samples.Silo.Directory;

namespace Samples.Silo.Api;

/// <summary>
/// The draw ceremony (draw-spec.md section 3): commit a plan's round, add outside entropy, draw; the bundle and an index of
/// draws are public, without a credential.
/// </summary>
public static class DrawEndpoints
{
    /// <summary>Until the deadline is given: how long after the commitment outside entropy is accepted.</summary>
    public static readonly TimeSpan DefaultEntropyWindow = TimeSpan.FromMinutes(10);

    /// <summary>Team rules until plans carry their own: two inspectors, not both of one unit, recused 180 days after an inspection.</summary>
    public static readonly TeamRules DefaultTeams = new(2, true, 180, 10);

    public const int DefaultAlternates = 2;

    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public static void MapDrawEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{planId}/rounds/{round:int}/commit", CommitAsync).RequireAuthorization(Roles.Supervisors);
        var draws = app.MapGroup("/api/draws").RequireAuthorization(Roles.Supervisors);
        draws.MapPost("/{drawId}/contributions", ContributeAsync);
        draws.MapPost("/{drawId}/draw", DrawAsync);
        draws.MapGet("/{drawId}", StatusAsync);

        var open = app.MapGroup("/api/public/draws").AllowAnonymous();
        open.MapGet("/", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ListAsync()));
        open.MapGet("/{drawId}/bundle", BundleAsync);
    }

    public static string DrawId(string planId, int round) => $"{planId}:R{round}";

    private static async Task<IResult> CommitAsync(
        string planId, int round, CommitRequest? request, ClaimsPrincipal user, IGrainFactory grains, FrameSource frames, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var id = planId.Trim();
        var draw = grains.GetGrain<IDrawGrain>(DrawId(id, round));
        if (await draw.GetStatusAsync() is { } existing)
        {
            // Idempotent: the round is already committed; its frames are never rebuilt.
            return Results.Ok(View(existing));
        }

        if (await grains.GetGrain<IPlanGrain>(id).GetAsync() is not { } plan)
        {
            return Problems.NotFound($"No plan {id}.");
        }

        if (round < 1 || round > plan.Definition.Rounds)
        {
            return Problems.Validation("The draw was not committed.", new FieldProblem("round", $"must be between 1 and {plan.Definition.Rounds}"));
        }

        var now = clock.GetUtcNow();
        var deadline = request?.EntropyDeadline ?? now + DefaultEntropyWindow;
        if (deadline <= now)
        {
            return Problems.Validation("The draw was not committed.", new FieldProblem("entropyDeadline", "must be in the future"));
        }

        var built = await frames.BuildAsync(plan, round, cancellationToken);
        var inspectors = (await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync())
            .ToDictionary(i => i.Number, StringComparer.Ordinal);
        var inFrame = built.Inspectors.Select(i => i.Number).Where(inspectors.ContainsKey).Select(n => inspectors[n]).ToArray();
        var rules = new DrawRules(DrawFrameMapping.Quotas(plan.Definition.Quotas, built, DefaultAlternates), DefaultTeams);
        DeclaredConflict[] conflicts = [.. inFrame.SelectMany(i => i.Conflicts.Select(c => new DeclaredConflict(DrawFrameMapping.InspectorId(i.Number), c.Uscc, c.Reason)))];
        Samples.Draw.PastInspection[] inspections = [.. inFrame.SelectMany(i => i.Inspections.Select(p => new Samples.Draw.PastInspection(DrawFrameMapping.InspectorId(i.Number), p.Uscc, p.Date)))];
        string targets, inspectorFrame, exclusions;
        try
        {
            targets = DrawFrameMapping.Targets(built).Text;
            inspectorFrame = DrawFrameMapping.Inspectors(built, number => inspectors.TryGetValue(number, out var i) ? i.MaxOpenTasks : 0).Text;
            exclusions = DrawFrameMapping.Exclusions(built).Text;
        }
        catch (FrameException ex)
        {
            return Problems.Validation("The draw was not committed.", new FieldProblem("frames", ex.Message));
        }

        var commit = new CommitDraw(
            targets,
            inspectorFrame,
            exclusions,
            JsonSerializer.Serialize(rules, DrawBundle.Json),
            JsonSerializer.Serialize(conflicts, DrawBundle.Json),
            JsonSerializer.Serialize(inspections, DrawBundle.Json),
            DateOnly.FromDateTime(now.ToOffset(ChinaStandardTime).DateTime),
            deadline,
            Caller.Describe(user),
            plan.Version);
        var answer = await draw.CommitAsync(commit);
        return answer switch
        {
            { Refusal: { } refusal } => Refused("The draw was not committed.", refusal),
            { Created: true } => Results.Created($"/api/draws/{Uri.EscapeDataString(DrawId(id, round))}", View(answer.Status!)),
            _ => Results.Ok(View(answer.Status!)),
        };
    }

    private static async Task<IResult> ContributeAsync(string drawId, ContributionRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IDrawGrain>(drawId).ContributeAsync(new(request?.Source ?? string.Empty, request?.Value ?? string.Empty, Caller.Describe(user)));
        return answer.Refusal is { } refusal ? Refused("The contribution was not recorded.", refusal, drawId) : Results.Ok(View(answer.Status!));
    }

    private static async Task<IResult> DrawAsync(string drawId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var answer = await grains.GetGrain<IDrawGrain>(drawId).DrawAsync(Caller.Describe(user));
        return answer.Refusal is { } refusal ? Refused("The draw was not made.", refusal, drawId) : Results.Ok(View(answer.Status!));
    }

    private static async Task<IResult> StatusAsync(string drawId, IGrainFactory grains) =>
        await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync() is { } status ? Results.Ok(View(status)) : Problems.NotFound($"No draw {drawId}.");

    private static async Task<IResult> BundleAsync(string drawId, IGrainFactory grains) =>
        await grains.GetGrain<IDrawGrain>(drawId).GetBundleAsync() is { } bundle
            ? Results.Text(bundle, "application/json; charset=utf-8")
            : Problems.NotFound($"Draw {drawId} has no bundle: it is not committed or not drawn yet.");

    private static IResult Refused(string title, DrawRefusal refusal, string? drawId = null) => refusal.Kind switch
    {
        DrawRefusal.NotCommitted => Problems.NotFound(drawId is null ? refusal.Reason : $"No draw {drawId}: {refusal.Reason}."),
        DrawRefusal.WrongStep => Problems.Conflict(refusal.Reason),
        _ => Problems.Validation(title, new FieldProblem(refusal.Field ?? "body", refusal.Reason)),
    };

    /// <summary>The status with the commitment as JSON (not as an escaped string).</summary>
    private static DrawView View(DrawStatus s) => new(
        s.DrawId, s.Step, s.PlanVersion, s.CommittedAt, s.EntropyDeadline, s.Contributions, s.RevealedAt,
        JsonSerializer.Deserialize<JsonElement>(s.CommitmentJson));
}

public sealed record CommitRequest(DateTimeOffset? EntropyDeadline);

public sealed record ContributionRequest(string? Source, string? Value);

public sealed record DrawView(
    string DrawId,
    string Step,
    int PlanVersion,
    DateTimeOffset CommittedAt,
    DateTimeOffset EntropyDeadline,
    int Contributions,
    DateTimeOffset? RevealedAt,
    JsonElement Commitment);
