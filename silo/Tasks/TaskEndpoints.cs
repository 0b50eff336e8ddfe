using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Contracts.Common;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Silo.Access;
using Samples.Silo.Api;

namespace Samples.Silo.Tasks;

/// <summary>
/// The sampling-task workflow over HTTP: <c>POST /api/tasks/{id}/{action}</c> for every step (the body is the action's
/// fields; an <c>Idempotency-Key</c> header makes a retry safe), the task with its history, inboxes, a lab's samples,
/// overdue lists and notifications. Who may do what is decided by the workflow (an inspector only on own tasks, a lab
/// only on samples handed to it); the roles here only keep witnesses out.
/// </summary>
public static class TaskEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>Set on the answer to a repeated request (same key, same body) that changed nothing this time.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Each action's body type; an empty body is allowed where the action has no fields.</summary>
    private static readonly Dictionary<string, Type> Actions = new(StringComparer.Ordinal)
    {
        ["accept"] = typeof(AcceptTask),
        ["decline"] = typeof(DeclineTask),
        ["record-sampling"] = typeof(RecordSampling),
        ["cannot-sample"] = typeof(CannotSample),
        ["enterprise-refused"] = typeof(EnterpriseRefused),
        ["hand-over"] = typeof(HandOver),
        ["receive"] = typeof(ReceiveSample),
        ["post-results"] = typeof(PostResults),
        ["issue-report"] = typeof(IssueReport),
        ["notify-enterprise"] = typeof(NotifyEnterprise),
        ["file-objection"] = typeof(FileObjection),
        ["assign-retest"] = typeof(AssignRetest),
        ["conclude"] = typeof(ConcludeTask),
        ["publish"] = typeof(PublishResult),
        ["record-disposal"] = typeof(RecordDisposal),
        [SubmitRectification.ActionName] = typeof(SubmitRectification),
    };

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        // Enterprises read their own tasks and object; every other task route is for staff. Per task, the workflow decides.
        var tasks = app.MapGroup("/api/tasks").RequireAuthorization(Roles.TaskReaders);
        tasks.MapGet("/inbox", InboxAsync).RequireAuthorization(Roles.Anyone).Produces<List<BoardRow>>();
        tasks.MapGet("/overdue", OverdueAsync).RequireAuthorization(Roles.Supervisors).Produces<List<BoardRow>>();
        tasks.MapGet("/{taskId}", GetAsync).Produces<TaskView>();
        foreach (var (name, type) in Actions)
        {
            // One route per action, so the OpenAPI document (and the web app's typed client) names each action's body.
            var action = tasks.MapPost($"/{{taskId}}/{name}", (string taskId, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock, TaskPhotos photos) =>
                    ExecuteAsync(taskId, name, http, user, grains, clock, photos))
                .Accepts(type, "application/json").Produces<TaskView>().WithName(ActionOperationId(name));
            if (name is not ("file-objection" or SubmitRectification.ActionName))
            {
                action.RequireAuthorization(Roles.Anyone);
            }
        }

        tasks.MapPost("/{taskId}/{action}", ExecuteAsync).RequireAuthorization(Roles.Anyone).Produces<TaskView>().ExcludeFromDescription();
        app.MapGet("/api/lab/samples", LabSamplesAsync).RequireAuthorization(Roles.Anyone).Produces<List<BoardRow>>();
        app.MapGet("/api/notifications", NotificationsAsync).RequireAuthorization(Roles.TaskReaders).Produces<List<NotificationRow>>();
        app.MapGet("/api/enterprise/tasks", EnterpriseTasksAsync).RequireAuthorization(Roles.Enterprises).Produces<List<BoardRow>>();
        app.MapPost("/api/draws/{drawId}/tasks", IssueAsync).RequireAuthorization(Roles.Supervisors).Produces<TasksIssued>();
    }

    /// <summary>"record-sampling" becomes "RecordSampling": the operation's name in the OpenAPI document.</summary>
    private static string ActionOperationId(string action) =>
        string.Concat(action.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static async Task<IResult> ExecuteAsync(string taskId, string action, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock, TaskPhotos photos)
    {
        if (!Actions.TryGetValue(action, out var type))
        {
            return Problems.NotFound($"No action '{action}'; the actions are: {string.Join(", ", Actions.Keys)}.");
        }

        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
        TaskAction? parsed;
        try
        {
            parsed = string.IsNullOrWhiteSpace(body)
                ? type.GetConstructor(Type.EmptyTypes)?.Invoke(null) as TaskAction
                : JsonSerializer.Deserialize(body, type, Json) as TaskAction;
        }
        catch (JsonException ex)
        {
            return Problems.Validation("Nothing was changed.", new FieldProblem(ex.Path is { Length: > 2 } p ? p[2..] : "body", $"is not valid for {action}: {FirstLine(ex.Message)}"));
        }

        if (parsed is null)
        {
            return Problems.Validation("Nothing was changed.", new FieldProblem("body", $"{action} needs a JSON body"));
        }

        var key = http.Headers[IdempotencyHeader].FirstOrDefault();
        if (key is not null && (key.Length is 0 or > 200))
        {
            return Problems.Validation("Nothing was changed.", new FieldProblem(IdempotencyHeader, "must be 1 to 200 characters"));
        }

        var cited = parsed switch
        {
            RecordSampling { Photos: { Count: > 0 } taken } => taken,
            SubmitRectification { Files: { Count: > 0 } files } => files,
            _ => null,
        };
        if (cited is not null && await photos.MissingAsync(taskId, cited, http.HttpContext.RequestAborted) is { } missing)
        {
            return Problems.Validation("Nothing was changed.", new FieldProblem(parsed is SubmitRectification ? missing.Field.Replace("photos", "files", StringComparison.Ordinal) : missing.Field, missing.Reason));
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{taskId}\n{action}\n{body}")));
        var answer = await grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(
            new TaskCommand(parsed, ActorOf(user), clock.GetUtcNow(), key is null ? null : ScopedKey(user, key), digest));
        return Answer(answer, http.HttpContext);
    }

    /// <summary>A step's answer: its refusal, or the task (marked when a retry found the change already made).</summary>
    public static IResult Answer(TaskAnswer answer, HttpContext http)
    {
        if (answer.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (answer.Replayed)
        {
            // A retry whose first try had already made the change: the same answer, and the client may tell.
            http.Response.Headers[ReplayedHeader] = "true";
        }

        return Results.Ok(answer.Task);
    }

    private static async Task<IResult> GetAsync(string taskId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var task = await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync();
        if (task is null)
        {
            return Problems.NotFound($"No task {taskId}.");
        }

        var actor = ActorOf(user);
        return TaskAccess.MayRead(task, actor.Role, actor.Subject) ? Results.Ok(task) : Results.Problem(detail: $"Task {taskId} is not yours.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }

    private static async Task<IResult> InboxAsync(string? inspector, ClaimsPrincipal user, TaskQueries queries, CancellationToken ct)
    {
        var who = Own(user, Role.Inspector, inspector);
        return who is null
            ? Problems.Validation("No inbox.", new FieldProblem("inspector", "is required: an inspector credential with an inspector number, or ?inspector= for supervisors"))
            : Results.Ok(await queries.InboxAsync(who, ct));
    }

    private static async Task<IResult> LabSamplesAsync(string? lab, bool? all, ClaimsPrincipal user, TaskQueries queries, CancellationToken ct)
    {
        var who = Own(user, Role.Lab, lab);
        return who is null
            ? Problems.Validation("No samples.", new FieldProblem("lab", "is required: a lab credential with its lab id, or ?lab= for supervisors"))
            : Results.Ok(await queries.LabSamplesAsync(who, all ?? false, ct));
    }

    private static async Task<IResult> OverdueAsync(string? owner, TaskQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (owner is not null && owner is not (Role.Inspector or Role.Lab or Role.Supervisor or "enterprise"))
        {
            return Problems.Validation("No list.", new FieldProblem("owner", "is one of: inspector, lab, supervisor, enterprise"));
        }

        return Results.Ok(await queries.OverdueAsync(ChinaTime.DateOf(clock.GetUtcNow()), owner, ct));
    }

    private static async Task<IResult> NotificationsAsync(string? kind, string? recipient, int? limit, ClaimsPrincipal user, TaskQueries queries, CancellationToken ct)
    {
        var subject = user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim);
        (string Kind, string? Who) target = user.IsInRole(Role.Inspector) ? (Role.Inspector, subject)
            : user.IsInRole(Role.Lab) ? (Role.Lab, subject)
            : user.IsInRole(Role.Enterprise) ? (TaskNotices.Enterprise, subject)
            : (kind ?? "supervisors", recipient ?? "supervisors");
        return target.Who is null
            ? Problems.Validation("No notifications.", new FieldProblem("credential", "has no inspector number or lab id (subject)"))
            : Results.Ok(await queries.NotificationsAsync(target.Kind, target.Who, Math.Clamp(limit ?? 100, 1, 1000), ct));
    }

    /// <summary>An enterprise's own tasks from the notice of its result on (never one still to be sampled or tested).</summary>
    private static async Task<IResult> EnterpriseTasksAsync(ClaimsPrincipal user, TaskQueries queries, CancellationToken ct) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim) is { } uscc
            ? Results.Ok(await queries.EnterpriseTasksAsync(uscc, ct))
            : Problems.Validation("No tasks.", new FieldProblem("credential", "has no USCC (subject)"));

    private static async Task<IResult> IssueAsync(string drawId, TaskIssuer issuer, CancellationToken ct)
    {
        var bundle = await issuer.BundleAsync(drawId);
        return bundle is null
            ? Problems.NotFound($"Draw {drawId} is not drawn.")
            : Results.Ok(new TasksIssued(drawId, await issuer.IssueAsync(drawId, bundle, ct), bundle.Teams.Count));
    }

    /// <summary>Inspectors and labs see their own; supervisors and admins name whose.</summary>
    private static string? Own(ClaimsPrincipal user, string role, string? named) =>
        user.IsInRole(role) ? user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim)
        : user.IsInRole(Role.Supervisor) || user.IsInRole(Role.Admin) ? named
        : null;

    /// <summary>
    /// An idempotency key belongs to the credential that sent it: two people on one task who happen to send the same key
    /// each make their own change (and each is authorized), and nobody is answered with another's replayed result.
    /// </summary>
    public static string ScopedKey(ClaimsPrincipal user, string key) => $"{user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)}/{key}";

    public static TaskActor ActorOf(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.Role) ?? string.Empty,
        user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim),
        Caller.Describe(user));

    public static IResult Refused(TaskRefusal refusal) => refusal.Kind switch
    {
        TaskRefusal.Invalid => Problems.Validation("Nothing was changed.", new FieldProblem(refusal.Field ?? "body", refusal.Reason)),
        TaskRefusal.NotFound => Problems.NotFound(refusal.Reason),
        TaskRefusal.Forbidden => Results.Problem(detail: refusal.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        _ => Problems.Conflict(refusal.Reason),
    };

    private static string FirstLine(string message) => message.Split('\n')[0];
}

/// <summary>How many tasks a draw's targets gave (already issued ones count again without a second task).</summary>
public sealed record TasksIssued(string DrawId, int Issued, int Targets);
