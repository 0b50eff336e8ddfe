namespace Samples.Contracts.Tasks;

/// <summary>
/// One sampling task (抽样任务): a drawn target and its drawn team, from assignment to publication, keyed
/// <c>{drawId}:{uscc}:{category}</c> (<see cref="TaskIds"/>). Every change goes through <see cref="ExecuteAsync"/>: the
/// action is checked against the stage, the caller and the law's rules; a refused action changes nothing. A request with
/// an idempotency key is answered once: the same key and request again gives the same answer, another request under
/// the same key is refused.
/// </summary>
[Alias("samples.tasks.task")]
public interface ISamplingTaskGrain : IGrainWithStringKey
{
    [Alias("ExecuteAsync")]
    Task<TaskAnswer> ExecuteAsync(TaskCommand request);

    /// <summary>The task, or null for a task never assigned.</summary>
    [Alias("GetAsync")]
    Task<TaskView?> GetAsync();

    /// <summary>
    /// Marks deadlines that passed before <paramref name="today"/> as overdue (once each, with an event) and publishes
    /// any event still waiting in the outbox. Reminders call it daily; calling it again changes nothing.
    /// </summary>
    [Alias("CheckDeadlinesAsync")]
    Task<TaskView?> CheckDeadlinesAsync(DateOnly today);

    /// <summary>
    /// Counts the deadlines that were flagged for lack of a calendar year, with the working calendar of at least
    /// <paramref name="calendarRevision"/> (a change recorded in the history), then checks them as
    /// <see cref="CheckDeadlinesAsync"/> does. Nothing changes when none was flagged or the year is still missing.
    /// </summary>
    [Alias("RecountDeadlinesAsync")]
    Task<TaskView?> RecountDeadlinesAsync(int calendarRevision, DateOnly today);
}

public static class TaskIds
{
    public static string Of(string drawId, string uscc, string category) => $"{drawId}:{uscc}:{category}";

    /// <summary>The draw id of a task id (everything before the last two parts).</summary>
    public static string DrawOf(string taskId)
    {
        var last = taskId.LastIndexOf(':');
        var second = last > 0 ? taskId.LastIndexOf(':', last - 1) : -1;
        return second > 0 ? taskId[..second] : string.Empty;
    }
}

/// <summary>Who acts: a role, the directory entry the credential stands for (inspector number, lab id), and the name recorded.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.actor.v1")]
public sealed record TaskActor(
    [property: Id(0)] string Role,
    [property: Id(1)] string? Subject,
    [property: Id(2)] string Name)
{
    public const string SystemRole = "system";

    public static TaskActor System(string what) => new(SystemRole, null, what);
}

/// <summary>
/// One request: the action, who asks, and optionally an idempotency key with a digest of the request as the caller sent
/// it (the HTTP body and route), so a retry is recognised and a different request under the same key is not.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.command.v1")]
public sealed record TaskCommand(
    [property: Id(0)] TaskAction Action,
    [property: Id(1)] TaskActor Actor,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? IdempotencyKey = null,
    [property: Id(4)] string? RequestDigest = null);

/// <summary>Why an action was refused; <see cref="Kind"/> maps to the HTTP status.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.refusal.v1")]
public sealed record TaskRefusal(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Reason)
{
    /// <summary>No such task (404).</summary>
    public const string NotFound = "not-found";

    /// <summary>The caller may not do this to this task: not in the team, not its lab (403).</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Not in this stage (409).</summary>
    public const string WrongStage = "wrong-stage";

    /// <summary>Conflicts with what is recorded: a result already posted with another value, an idempotency key reused (409).</summary>
    public const string Conflict = "conflict";

    /// <summary>A missing or out-of-range value (400, with the field).</summary>
    public const string Invalid = "invalid";
}

/// <summary>
/// The answer: the task after the action, or the refusal. <see cref="Repeat"/> is true when nothing changed because it
/// already had (a replay, or an action whose effect was already there); <see cref="Replayed"/> only when the request's
/// Idempotency-Key was already used for this very request.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.answer.v1")]
public sealed record TaskAnswer(
    [property: Id(0)] TaskView? Task,
    [property: Id(1)] TaskRefusal? Refusal,
    [property: Id(2)] bool Repeat = false,
    [property: Id(3)] bool Replayed = false);
