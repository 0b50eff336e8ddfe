using System.Security.Claims;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Contracts.Common;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Domain.Draws;
using Samples.Draw;
using Samples.Silo.Access;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Draws;

/// <summary>
/// The draw ceremony (draw/spec/draw-spec.md section 3): commit a plan's round, add outside entropy, draw; the bundle and an index of
/// draws are public, without a credential.
/// </summary>
public static class DrawEndpoints
{
    /// <summary>Until the deadline is given: how long after the commitment outside entropy is accepted.</summary>
    public static readonly TimeSpan DefaultEntropyWindow = TimeSpan.FromMinutes(10);

    public static void MapDrawEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{planId}/rounds/{round:int}/commit", CommitAsync).RequireAuthorization(Roles.Supervisors).Produces<DrawView>().Produces<DrawView>(StatusCodes.Status201Created);
        // Named witnesses (their own credentials) and supervisors add outside entropy; everything else is the supervisors'.
        app.MapPost("/api/draws/{drawId}/contributions", ContributeAsync).RequireAuthorization(Roles.Witnesses).Produces<DrawView>();
        var draws = app.MapGroup("/api/draws").RequireAuthorization(Roles.Supervisors);
        draws.MapPost("/{drawId}/beacon", BeaconAsync).Produces<DrawView>();
        draws.MapPost("/{drawId}/draw", DrawAsync).Produces<DrawView>();
        draws.MapPost("/{drawId}/replacements", (string drawId, SupplementRequest? request, ClaimsPrincipal user, IGrainFactory grains, DrawSupplements supplements) =>
            SupplementAsync(drawId, request, request?.InspectorId ?? string.Empty, user, grains, supplements)).Produces<DrawView>().Produces<SupplementPending>(StatusCodes.Status202Accepted);
        draws.MapPost("/{drawId}/alternates", (string drawId, SupplementRequest? request, ClaimsPrincipal user, IGrainFactory grains, DrawSupplements supplements) =>
            SupplementAsync(drawId, request, null, user, grains, supplements)).Produces<DrawView>().Produces<SupplementPending>(StatusCodes.Status202Accepted);
        draws.MapPost("/{drawId}/completions", CompleteAsync).Produces<DrawView>();
        draws.MapGet("/{drawId}", StatusAsync).Produces<DrawView>();

        var open = app.MapGroup("/api/public/draws").AllowAnonymous();
        open.MapGet("/", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ListAsync())).Produces<List<DrawIndexEntry>>();
        open.MapGet("/{drawId}/bundle", BundleAsync).Produces<DrawBundle>();
        open.MapGet("/{drawId}/frames/{file}", FrameAsync).Produces<string>(StatusCodes.Status200OK, "text/csv", "application/gzip");
    }

    private static async Task<IResult> CommitAsync(
        string planId, int round, CommitRequest? request, ClaimsPrincipal user, RoundCommitter committer, DrawSettings settings, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = DefaultEntropyWindow > settings.MinimumEntropyWindow ? DefaultEntropyWindow : settings.MinimumEntropyWindow;
        var outcome = await committer.CommitAsync(
            planId.Trim(), round, request?.EntropyDeadline ?? now + window, now, Caller.Describe(user), null, cancellationToken,
            beacon: request?.Beacon is { } chain ? new BeaconRequest(chain, request.BeaconRound) : null, allowShortTeams: request?.AllowShortTeams ?? false);
        return outcome switch
        {
            { MissingReason: { } missing } => Problems.NotFound(missing),
            { Problem: { } problem } => Problems.Validation("The draw was not committed.", problem),
            { Answer.Refusal: { } refusal } => Refused("The draw was not committed.", refusal),
            { Answer: { Created: true, Status: { } status } } => Results.Created($"/api/draws/{Uri.EscapeDataString(status.DrawId)}", View(status)),
            _ => Results.Ok(View(outcome.Answer!.Status!)),
        };
    }

    /// <summary>
    /// A witness's contribution is recorded under the witness's own name, whatever source it gives; one a supervisor enters
    /// (a beacon's value, or a witness without a credential) says who entered it, so nobody can speak in a witness's name.
    /// </summary>
    private static async Task<IResult> ContributeAsync(string drawId, ContributionRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var given = request?.Source?.Trim();
        var source = user.IsInRole(Role.Witness)
            ? $"witness {Caller.Describe(user)}"
            : string.IsNullOrEmpty(given) ? string.Empty : $"{given} (entered by {Caller.Describe(user)})";
        var answer = await grains.GetGrain<IDrawGrain>(drawId).ContributeAsync(new(source, request?.Value ?? string.Empty, Caller.Describe(user)));
        return answer.Refusal is { } refusal ? Refused("The contribution was not recorded.", refusal, drawId) : Results.Ok(View(answer.Status!));
    }

    /// <summary>
    /// The value of the beacon round the commitment named, entered by a supervisor who read it from the chain; recorded
    /// under the round's own name (the source is the commitment's, so no other round or beacon can be slipped in).
    /// </summary>
    private static async Task<IResult> BeaconAsync(string drawId, BeaconValueRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request?.Round is not { } round)
        {
            return Problems.Validation("The beacon value was not recorded.", new FieldProblem("round", "required: the round the commitment names"));
        }

        var answer = await grains.GetGrain<IDrawGrain>(drawId).ContributeAsync(new(string.Empty, request.Randomness ?? string.Empty, Caller.Describe(user), round));
        return answer.Refusal is { } refusal ? Refused("The beacon value was not recorded.", refusal, drawId) : Results.Ok(View(answer.Status!));
    }

    private static async Task<IResult> DrawAsync(string drawId, ClaimsPrincipal user, IGrainFactory grains, TaskIssuer issuer)
    {
        var answer = await grains.GetGrain<IDrawGrain>(drawId).DrawAsync(new RevealDraw(Caller.Describe(user)));
        if (answer.Refusal is { } refusal)
        {
            return Refused("The draw was not made.", refusal, drawId);
        }

        // Each drawn target becomes a sampling task for its team (idempotent: a repeated reveal adds only what is missing).
        await issuer.IssueAsync(drawId);
        return Results.Ok(View(answer.Status!));
    }

    /// <summary>
    /// A withdrawn inspector's replacement, or an alternate for a target that cannot be sampled: the bundle grows by a step.
    /// Only in answer to what the target's task records (a decline or withdrawal, cannot sample, refused); otherwise the
    /// request waits (202) until a second supervisor, with another credential, makes the same request.
    /// </summary>
    private static async Task<IResult> SupplementAsync(
        string drawId, SupplementRequest? request, string? inspectorId, ClaimsPrincipal user, IGrainFactory grains, DrawSupplements supplements)
    {
        var target = request?.TargetId?.Trim() ?? string.Empty;
        var by = Caller.Describe(user);
        // Nothing is recorded for approval unless the request could be made: a drawn draw, a target and a reason.
        if (!await KnownAsync(grains, drawId))
        {
            return Problems.NotFound($"No draw {drawId}.");
        }

        if (DrawSteps.Supplement(target, inspectorId, request?.Reason) is { } invalid)
        {
            return Refused("The draw was not supplemented.", invalid, drawId);
        }

        if (target.Split('|') is [_, var uscc, var category])
        {
            var number = inspectorId is null ? null : DrawFrameMapping.NumberOf(inspectorId.Trim());
            var task = await grains.GetGrain<ISamplingTaskGrain>(TaskIds.Of(drawId, uscc, category)).GetAsync();
            if (!SupplementGrounds.Recorded(task, number))
            {
                var proposal = $"{target}|{inspectorId?.Trim()}";
                var first = await grains.GetGrain<ISupplementApprovalGrain>(drawId).ProposeAsync(proposal, user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? string.Empty, by);
                if (first is null)
                {
                    return Results.Accepted(value: new SupplementPending(drawId, target, inspectorId,
                        "the target's task records no decline, withdrawal or failed sampling: a second supervisor (another credential) must make the same request"));
                }

                by = $"{first}, approved by {by}";
            }
        }

        var answer = await grains.GetGrain<IDrawGrain>(drawId).SupplementAsync(
            new SupplementDraw(target, inspectorId, request?.Reason ?? string.Empty, by));
        if (answer.Refusal is { } refusal)
        {
            return Refused("The draw was not supplemented.", refusal, drawId);
        }

        // The task team always equals the bundle's: the supplement is followed on the tasks at once.
        if (await grains.GetGrain<IDrawGrain>(drawId).GetBundleAsync() is { } json)
        {
            await supplements.FollowAsync(drawId, DrawBundle.FromJson(json), target, inspectorId?.Trim());
        }

        return Results.Ok(View(answer.Status!));
    }

    /// <summary>
    /// Fills an empty seat of a short team from its pool's stream (the bundle records the team short, so no second
    /// supervisor is asked), and the target's task gets the new member at once.
    /// </summary>
    private static async Task<IResult> CompleteAsync(string drawId, CompletionRequest? request, ClaimsPrincipal user, IGrainFactory grains, DrawSupplements supplements)
    {
        var target = request?.TargetId?.Trim() ?? string.Empty;
        if (!await KnownAsync(grains, drawId))
        {
            return Problems.NotFound($"No draw {drawId}.");
        }

        var answer = await grains.GetGrain<IDrawGrain>(drawId).SupplementAsync(
            new SupplementDraw(target, null, request?.Reason ?? string.Empty, Caller.Describe(user), CompleteTeam: true));
        if (answer.Refusal is { } refusal)
        {
            return Refused("The team was not completed.", refusal, drawId);
        }

        if (await grains.GetGrain<IDrawGrain>(drawId).GetBundleAsync() is { } json)
        {
            await supplements.FollowCompletionsAsync(drawId, DrawBundle.FromJson(json), target);
        }

        return Results.Ok(View(answer.Status!));
    }

    private static async Task<IResult> StatusAsync(string drawId, IGrainFactory grains) =>
        await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync() is { } status ? Results.Ok(View(status)) : Problems.NotFound($"No draw {drawId}.");

    /// <summary>Whether a draw id was ever committed, asked of the index: a guessed id activates no draw grain and reads nothing.</summary>
    private static Task<bool> KnownAsync(IGrainFactory grains, string drawId) => grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ContainsAsync(drawId);

    private static async Task<IResult> BundleAsync(string drawId, IGrainFactory grains) =>
        await KnownAsync(grains, drawId) && await grains.GetGrain<IDrawGrain>(drawId).GetBundleAsync() is { } bundle
            ? Results.Text(bundle, "application/json; charset=utf-8")
            : Problems.NotFound($"Draw {drawId} has no bundle: it is not committed or not drawn yet.");

    /// <summary>
    /// The frozen frames as the files <c>samples verify --frames DIR</c> reads (targets.csv, inspectors.csv,
    /// exclusions.csv, each also gzipped as NAME.gz), public from the commitment on: anyone can check who is in a frame
    /// before the randomness exists. The bundle names each by its SHA-256 (of the canonical bytes, compressed or not).
    /// </summary>
    private static async Task<IResult> FrameAsync(string drawId, string file, IGrainFactory grains, HttpContext http)
    {
        var compressed = file.EndsWith(PublishedFrames.Compressed, StringComparison.Ordinal);
        DrawFrame? frame = (compressed ? file[..^PublishedFrames.Compressed.Length] : file) switch
        {
            PublishedFrames.Targets => DrawFrame.Targets,
            PublishedFrames.Inspectors => DrawFrame.Inspectors,
            PublishedFrames.Exclusions => DrawFrame.Exclusions,
            _ => null,
        };
        if (frame is null)
        {
            return Problems.NotFound($"No frame file {file}: the files are targets.csv, inspectors.csv and exclusions.csv, each also as .csv.gz.");
        }

        if (!await KnownAsync(grains, drawId) || await grains.GetGrain<IDrawGrain>(drawId).GetFrameAsync(frame.Value) is not { } text)
        {
            return Problems.NotFound($"Draw {drawId} is not committed: its frames are not frozen yet.");
        }

        // Frozen at the commitment: a cache may keep it for good.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        if (!compressed)
        {
            return Results.Text(text, "text/csv; charset=utf-8");
        }

        // Compressed whole before it is sent, so the answer has its length (a browser shows how much is left).
        using var buffer = new MemoryStream();
        PublishedFrames.Compress(System.Text.Encoding.UTF8.GetBytes(text), buffer);
        return Results.File(buffer.ToArray(), "application/gzip", file);
    }

    private static IResult Refused(string title, DrawRefusal refusal, string? drawId = null) => refusal.Kind switch
    {
        DrawRefusal.NotCommitted => Problems.NotFound(drawId is null ? refusal.Reason : $"No draw {drawId}: {refusal.Reason}."),
        DrawRefusal.WrongStep => Problems.Conflict(refusal.Reason),
        _ => Problems.Validation(title, new FieldProblem(refusal.Field ?? "body", refusal.Reason)),
    };

    /// <summary>The status with the commitment as JSON (not as an escaped string) and its hash, as the public index shows it.</summary>
    private static DrawView View(DrawStatus s) => new(
        s.DrawId, s.Step, s.PlanVersion, s.CommittedAt, s.EntropyDeadline, s.Contributions, s.RevealedAt, s.Late, s.Steps,
        JsonSerializer.Deserialize<JsonElement>(s.CommitmentJson), s.CommitmentSha256);
}

/// <summary>
/// The entropy deadline; the beacon to name: a drand chain (quicknet, default) and optionally its round; and whether teams
/// that cannot all be staffed are allowed (the shortfall is then published in the commitment; otherwise the commit is refused).
/// </summary>
public sealed record CommitRequest(DateTimeOffset? EntropyDeadline, string? Beacon = null, long? BeaconRound = null, bool? AllowShortTeams = null);

/// <summary>The committed beacon round's randomness, as the chain published it.</summary>
public sealed record BeaconValueRequest(long? Round, string? Randomness);

public sealed record ContributionRequest(string? Source, string? Value);

/// <summary>A short team's target (<c>ENT|USCC|category</c>) and why it is completed.</summary>
public sealed record CompletionRequest(string? TargetId, string? Reason);

/// <summary>A supplement waiting for a second supervisor's approval.</summary>
public sealed record SupplementPending(string DrawId, string TargetId, string? InspectorId, string Waiting);

/// <summary>The target (<c>ENT|USCC|category</c>), the withdrawing inspector (<c>INS|number</c>, replacements only) and why.</summary>
public sealed record SupplementRequest(string? TargetId, string? InspectorId, string? Reason);

public sealed record DrawView(
    string DrawId,
    string Step,
    int PlanVersion,
    DateTimeOffset CommittedAt,
    DateTimeOffset EntropyDeadline,
    int Contributions,
    DateTimeOffset? RevealedAt,
    bool Late,
    IReadOnlyList<DrawStepRecord> Steps,
    JsonElement Commitment,
    string CommitmentSha256);
