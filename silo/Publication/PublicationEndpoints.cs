using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Tasks;
using Samples.Domain.Publication;
using Samples.Domain.Risk;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Publication;

/// <summary>
/// The public results list (一公开), without a credential: each published result with names, product, batch, failed
/// items, lab and disposal, and each result's revisions; supervisors record a correction or a withdrawal with its reason,
/// never an edit.
/// </summary>
public static class PublicationEndpoints
{
    private const int MaxReason = 500;

    public static void MapPublicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/results", PublishedAsync).AllowAnonymous().Produces<List<PublishedResult>>();
        app.MapGet("/api/results/{taskId}/history", HistoryAsync).AllowAnonymous().Produces<List<PublishedRevision>>()
            .WithDescription("Every revision of a published result: the first publication, then each correction or withdrawal with its reason.");
        app.MapPost("/api/results/{taskId}/correct", CorrectAsync).RequireAuthorization(Roles.Supervisors).Produces<PublishedRevision>()
            .WithDescription("Publishes the result again from today's facts (e.g. a name corrected in the directory), as a new revision with the reason. Refused (409) when nothing differs.");
        app.MapPost("/api/results/{taskId}/withdraw", WithdrawAsync).RequireAuthorization(Roles.Supervisors).Produces<PublishedRevision>()
            .WithDescription("Withdraws a published result with the reason; it stays listed, marked withdrawn, so nothing disappears silently.");
    }

    /// <summary>Published results, newest first: the recorded public result where it is written, else the board's row (just published).</summary>
    private static async Task<IResult> PublishedAsync(int? limit, TaskQueries queries, PublicResultStore store, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 500, 1, 5000);
        var recorded = (await store.LatestAsync(take, ct)).ToDictionary(r => r.TaskId, StringComparer.Ordinal);
        return Results.Ok((await queries.PublishedAsync(take, ct)).Select(r => PublishedResult.Of(r, recorded.GetValueOrDefault(r.TaskId))).ToList());
    }

    private static async Task<IResult> HistoryAsync(string taskId, PublicResultStore store, CancellationToken ct)
    {
        var history = await store.HistoryAsync(taskId, ct);
        return history.Count == 0 ? Problems.NotFound($"No published result for task {taskId}.") : Results.Ok(history.Select(PublishedRevision.Of).ToList());
    }

    private static async Task<IResult> CorrectAsync(string taskId, ChangePublication body, ClaimsPrincipal user, IGrainFactory grains, PublicResultStore store, PublicResultRecorder recorder, CancellationToken ct)
    {
        if (Invalid(body) is { } invalid)
        {
            return invalid;
        }

        var latest = (await store.HistoryAsync(taskId, ct)).LastOrDefault();
        if (latest is null || await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync() is not { } task)
        {
            return Problems.NotFound($"No published result for task {taskId}.");
        }

        var revision = await recorder.CorrectAsync(task, latest, body.Reason!.Trim(), Caller.Describe(user), ct);
        return revision is null
            ? Problems.Conflict($"The result of task {taskId} as published already says what the records say now: nothing to correct.")
            : Results.Ok(PublishedRevision.Of(revision));
    }

    private static async Task<IResult> WithdrawAsync(string taskId, ChangePublication body, ClaimsPrincipal user, PublicResultStore store, PublicResultRecorder recorder, CancellationToken ct)
    {
        if (Invalid(body) is { } invalid)
        {
            return invalid;
        }

        var latest = (await store.HistoryAsync(taskId, ct)).LastOrDefault();
        if (latest is null)
        {
            return Problems.NotFound($"No published result for task {taskId}.");
        }

        if (latest.Status == PublicResultStatus.Withdrawn)
        {
            return Problems.Conflict($"The result of task {taskId} is withdrawn already (revision {latest.Revision}).");
        }

        var revision = await recorder.WithdrawAsync(latest, body.Reason!.Trim(), Caller.Describe(user), ct);
        return revision is null ? Problems.Conflict($"The result of task {taskId} changed meanwhile; read it again.") : Results.Ok(PublishedRevision.Of(revision));
    }

    private static IResult? Invalid(ChangePublication body) => body.Reason?.Trim() is not { Length: > 0 and <= MaxReason }
        ? Problems.Validation("Nothing was changed.", new FieldProblem("reason", $"is required (1 to {MaxReason} characters): the public reads why (客观发布)"))
        : null;
}

/// <summary>Why a published result is corrected or withdrawn.</summary>
public sealed record ChangePublication(string? Reason);

/// <summary>
/// One line of the public results list (一公开). The first ten fields are the task board's; the rest are the published
/// result's (absent for the moment between publication and its recording).
/// </summary>
public sealed record PublishedResult(
    string TaskId, string Enterprise, string Category, string Region, string? BatchId, string? Outcome, DateOnly? ConcludedOn, DateOnly? PublishedOn,
    DateOnly? PublicationDue, bool Late,
    string? EnterpriseName, string? ProducerUscc, string? ProducerName, string? ProductName, string? Trademark, string? Specification,
    string? BatchNumber, DateOnly? ProductionDate, string? CategoryName, string? RegionName, IReadOnlyList<FailedItem> FailedItems,
    string? Lab, string? RetestLab, string? RetestOutcome, string? Disposal, int Revision, string Status, string? Reason,
    string? TargetedReason = null, IReadOnlyList<CreditEntry>? Credit = null)
{
    public static PublishedResult Of(BoardRow r, PublicRevision? p)
    {
        var x = p?.Result;
        // The credit record this result left (企业信息公示暂行条例 Art 6: inspection results go to the enterprise's credit
        // record): a failure, dated when it was concluded; none once withdrawn, and none from risk monitoring.
        var withdrawn = p?.Status == PublicResultStatus.Withdrawn;
        var credit = withdrawn ? [] : CreditRecord.Of([new CreditFact(r.TaskId, r.Outcome, false, r.Disposal, r.ConcludedOn, null, r.PublishedOn,
            r.Purpose != Samples.Domain.Tasks.RiskMonitoring.SupervisionCode)]);
        return new(r.TaskId, r.Uscc, r.Category, r.Region, r.BatchId, r.Outcome, r.ConcludedOn, r.PublishedOn, r.PublicationDue, r.PublishedLate,
            x?.EnterpriseName, x?.ProducerUscc, x?.ProducerName, x?.ProductName, x?.Trademark, x?.Specification, x?.BatchNumber, x?.ProductionDate,
            x?.CategoryName, x?.RegionName, x?.FailedItems ?? [], x?.Lab, x?.RetestLab, x?.RetestOutcome, x?.Disposal ?? r.Disposal,
            p?.Revision ?? 0, p?.Status ?? PublicResultStatus.Published, p?.Reason, x?.TargetedReason ?? r.TargetedReason, credit);
    }
}

/// <summary>A revision of a published result as the public reads it.</summary>
public sealed record PublishedRevision(int Revision, string Status, string? Reason, DateTimeOffset RecordedAt, PublicResult Result)
{
    public static PublishedRevision Of(PublicRevision r) => new(r.Revision, r.Status, r.Reason, r.RecordedAt, r.Result);
}
