using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Silo.Api;

namespace Samples.Silo.Tasks;

/// <summary>
/// Targeted inspections (重点检查): a supervisor opens a task for a named enterprise, with a reason of a fixed kind, its
/// reference and evidence, and the team the supervisor names. Everything is checked against the directory before the
/// task is made; a refusal names the field and changes nothing. The task then runs the ordinary workflow.
/// </summary>
public static class TargetedTaskEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static void MapTargetedTaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/{planId}/targeted-tasks", OpenAsync).RequireAuthorization(Roles.Supervisors)
            .Accepts<OpenTargetedRequest>("application/json").Produces<TaskView>(StatusCodes.Status201Created).Produces<TaskView>();
        app.MapPost("/api/tasks/{taskId}/replace-member", ReplaceAsync).RequireAuthorization(Roles.Supervisors).Produces<TaskView>()
            .WithDescription("A targeted task's member who declined is replaced by the inspector the supervisor names, checked against the directory as at the opening (known, not on leave, qualified, no declared conflict). A drawn task's replacement comes from its draw, never from here.");
    }

    private static async Task<IResult> ReplaceAsync(string taskId, ReplaceMemberRequest? request, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        var key = http.Headers[TaskEndpoints.IdempotencyHeader].FirstOrDefault();
        if (KeyProblem(key, "replaces nobody twice") is { } missing)
        {
            return Problems.Validation("Nobody was replaced.", missing);
        }

        var task = await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync();
        if (task is null)
        {
            return Problems.NotFound($"No task {taskId}.");
        }

        if (task.Targeted is null)
        {
            return Problems.Conflict($"{taskId} was drawn: its draw supplies the replacement (a supplement), so that nobody chooses it.");
        }

        var replacer = request?.Replacer?.Trim() ?? string.Empty;
        if (replacer.Length == 0)
        {
            return Problems.Validation("Nobody was replaced.", new FieldProblem("replacer", "is required: the number of the inspector who takes the declined member's place"));
        }

        if (await MemberProblemAsync(grains, replacer, task.Uscc, task.Category, "replacer") is { } problem)
        {
            return Problems.Validation("Nobody was replaced.", problem);
        }

        var body = $"{request!.Withdrawn}\n{replacer}";
        var scoped = TaskEndpoints.ScopedKey(user, key!);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{taskId}\nreplace-member\n{body}")));
        var answer = await grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(
            new TaskCommand(new ReplaceMember(request.Withdrawn?.Trim() ?? string.Empty, replacer), TaskEndpoints.ActorOf(user), clock.GetUtcNow(), scoped, digest));
        return TaskEndpoints.Answer(answer, http.HttpContext);
    }

    /// <summary>The request's Idempotency-Key, required here: a retry of an opening or a replacement must not do it twice.</summary>
    private static FieldProblem? KeyProblem(string? key, string what) => key is null || key.Length is 0 or > 200
        ? new FieldProblem(TaskEndpoints.IdempotencyHeader, $"is required (1 to 200 characters): a retry with the same key {what}")
        : null;

    /// <summary>Why an inspector may not serve on a targeted task of this enterprise and category; null when he may.</summary>
    private static async Task<FieldProblem?> MemberProblemAsync(IGrainFactory grains, string number, string uscc, string category, string field)
    {
        if (await grains.GetGrain<IInspectorGrain>(number).GetAsync() is not { } inspector)
        {
            return new FieldProblem(field, $"'{number}' is not an inspector of the directory");
        }

        var why = inspector.OnLeave ? "is on leave"
            : inspector.Conflicts.Any(c => c.Uscc == uscc) ? $"has declared a conflict of interest with {uscc} (回避)"
            : !inspector.QualifiedCategories.Contains(category) ? $"is not qualified for {category}"
            : null;
        return why is null ? null : new FieldProblem(field, $"{inspector.Name} ({inspector.Number}) {why}");
    }

    private static async Task<IResult> OpenAsync(string planId, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
        OpenTargetedRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize<OpenTargetedRequest>(body, Json);
        }
        catch (JsonException ex)
        {
            return Problems.Validation("No task was opened.", new FieldProblem(ex.Path is { Length: > 2 } p ? p[2..] : "body", $"is not valid: {ex.Message.Split('\n')[0]}"));
        }

        if (request is null)
        {
            return Problems.Validation("No task was opened.", new FieldProblem("body", "is required: uscc, reasonKind, reference, evidence, team"));
        }

        // A retry of an opening must not open a second task: the key says "this request", so it is required here.
        var key = http.Headers[TaskEndpoints.IdempotencyHeader].FirstOrDefault();
        if (KeyProblem(key, "opens no second task") is { } missing)
        {
            return Problems.Validation("No task was opened.", missing);
        }

        var plan = await grains.GetGrain<IPlanGrain>(planId).GetAsync();
        if (plan is null)
        {
            return Problems.NotFound($"No plan {planId}.");
        }

        if (TargetedInspections.Check(request.ReasonKind, request.Reference, request.Evidence, request.EvidenceSha256, request.Team) is { } problem)
        {
            return Problems.Validation("No task was opened.", new FieldProblem(problem.Field, problem.Reason));
        }

        var uscc = (request.Uscc ?? string.Empty).Trim().ToUpperInvariant();
        var enterprise = uscc.Length == 0 ? null : await grains.GetGrain<IEnterpriseGrain>(uscc).GetAsync();
        if (enterprise is null)
        {
            return Problems.Validation("No task was opened.", new FieldProblem("uscc", $"'{request.Uscc}' is not an enterprise of the directory"));
        }

        if (enterprise.Status == EnterpriseStatus.Deregistered || string.IsNullOrWhiteSpace(enterprise.RegionCode))
        {
            return Problems.Validation("No task was opened.", new FieldProblem("uscc", $"{enterprise.Name} is deregistered or has no region in the directory"));
        }

        var inPlan = enterprise.Categories.Where(plan.Definition.Categories.Contains).ToArray();
        var category = request.Category?.Trim() ?? (inPlan.Length == 1 ? inPlan[0] : null);
        if (category is null || !plan.Definition.Categories.Contains(category))
        {
            return Problems.Validation("No task was opened.", new FieldProblem("category",
                $"is one of the plan's categories ({string.Join(", ", plan.Definition.Categories)})" + (request.Category is null ? "; name the one to sample" : string.Empty)));
        }

        var team = request.Team!.Select(m => m.Trim()).ToArray();
        for (var i = 0; i < team.Length; i++)
        {
            if (await MemberProblemAsync(grains, team[i], uscc, category, $"team[{i}]") is { } member)
            {
                return Problems.Validation("No task was opened.", member);
            }
        }

        var actor = TaskEndpoints.ActorOf(user);
        var now = clock.GetUtcNow();
        var scoped = TaskEndpoints.ScopedKey(user, key!);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{planId}\n{TargetedTaskCommand}\n{body}")));
        // The id comes from the request's key: a retry (whenever it comes) reaches the same task and is answered by it.
        var taskId = TaskBasis.TargetedId(planId, uscc, scoped);
        var open = new OpenTargetedTask(taskId, planId, uscc, category, enterprise.RegionCode!, team, request.ReasonKind!, request.Reference!, request.Evidence!, request.EvidenceSha256);
        var answer = await grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(new TaskCommand(open, actor, now, scoped, digest));
        if (answer.Refusal is { } refusal)
        {
            return TaskEndpoints.Refused(refusal);
        }

        if (answer.Replayed)
        {
            http.HttpContext.Response.Headers[TaskEndpoints.ReplayedHeader] = "true";
            return Results.Ok(answer.Task);
        }

        return Results.Created($"/api/tasks/{Uri.EscapeDataString(taskId)}", answer.Task);
    }

    private const string TargetedTaskCommand = "targeted-tasks";
}

/// <summary>
/// A targeted inspection to open: the enterprise, the category to sample (may be left out when the enterprise has one
/// category of the plan), the reason's kind (complaint, risk-signal, failed-follow-up, higher-level), its reference, the
/// evidence, optional SHA-256 fingerprints of evidence files, and 2 to 6 inspectors by number.
/// </summary>
public sealed record OpenTargetedRequest(
    string? Uscc, string? Category, string? ReasonKind, string? Reference, string? Evidence, IReadOnlyList<string>? EvidenceSha256, IReadOnlyList<string>? Team);

/// <summary>A targeted task's member who declined (<see cref="Withdrawn"/>) and the inspector who takes his place.</summary>
public sealed record ReplaceMemberRequest(string? Withdrawn, string? Replacer);
