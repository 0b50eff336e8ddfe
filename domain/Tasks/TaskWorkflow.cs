using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Catalogue;
using Samples.Domain.Reference;
using Samples.Draw;

namespace Samples.Domain.Tasks;

/// <summary>
/// What a decision needs besides the task and the request; the grain looks these up before deciding. <see cref="Purpose"/>
/// is the plan's (the version the draw used) when a task is made: the task keeps it from then on.
/// </summary>
public sealed record WorkflowContext(
    WorkingCalendar Calendar,
    ProductCategory? Category,
    int CatalogueVersion,
    BatchView? Batch = null,
    LabView? Lab = null,
    IReadOnlyList<LabView>? RetestLabs = null,
    Samples.Contracts.Plans.PlanPurpose Purpose = Samples.Contracts.Plans.PlanPurpose.Supervision);

/// <summary>The task after a request (with one more history entry when <see cref="Changed"/>), or why nothing changed.</summary>
public sealed record WorkflowOutcome(TaskView? Task, TaskRefusal? Refusal, bool Changed)
{
    public static WorkflowOutcome Refused(string kind, string? field, string reason) => new(null, new TaskRefusal(kind, field, reason), false);
}

/// <summary>
/// The sampling task's life (docs/domain.md sections 2 and 3) as one decision per action: who may act in which stage, what
/// must be given, what changes, and the deadline that then runs. Plain C#, no Orleans: the grain stores and publishes
/// what this decides. A refusal never changes the task. One file per stage: TaskWorkflow.Assignment, .Sampling, .Lab,
/// .Objection and .Closing; this one dispatches and keeps what they share.
/// </summary>
public static partial class TaskWorkflow
{
    public static WorkflowOutcome Apply(TaskView? task, TaskCommand request, WorkflowContext context)
    {
        if (request.Action is AssignTask assign)
        {
            return WithDue(Assign(task, assign, request, context), context.Calendar);
        }

        if (request.Action is OpenTargetedTask open)
        {
            return WithDue(OpenTargeted(task, open, request, context), context.Calendar);
        }

        if (task is null)
        {
            return WorkflowOutcome.Refused(TaskRefusal.NotFound, null, "no such task: tasks are made by draws or opened as targeted inspections");
        }

        var today = ChinaTime.DateOf(request.At);
        var outcome = request.Action switch
        {
            AcceptTask => Accept(task, request),
            DeclineTask d => Decline(task, d, request),
            ReplaceMember r => Replace(task, r, request),
            CompleteTeam c => Complete(task, c, request),
            RecordSampling s => Sample(task, s, request, context, today),
            CannotSample c => CannotSampleTarget(task, c, request),
            EnterpriseRefused e => Refused(task, e, request),
            HandOver h => Hand(task, h, request, context),
            ReceiveSample r => Receive(task, r, request),
            PostResults p => Post(task, p, request, context, today),
            IssueReport i => Report(task, i, request, today),
            NotifyEnterprise n => Notify(task, n, request, context, today),
            FileObjection o => Object(task, o, request, today),
            AssignRetest a => Retest(task, a, request, context, today),
            ConcludeTask => Conclude(task, request, context, today),
            PublishResult => Publish(task, request, context, today),
            RecordDisposal d => Dispose(task, d, request, context, today),
            SubmitRectification r => Rectify(task, r, request),
            _ => WorkflowOutcome.Refused(TaskRefusal.Invalid, "action", $"unknown action {request.Action.GetType().Name}"),
        };
        return WithDue(outcome, context.Calendar);
    }

    /// <summary>After a change the deadline of the new stage runs.</summary>
    private static WorkflowOutcome WithDue(WorkflowOutcome outcome, WorkingCalendar calendar) =>
        outcome is { Changed: true, Task: { } t } ? outcome with { Task = t with { Due = TaskDeadlines.For(t, calendar) } } : outcome;

    /// <summary>Marks the running deadline overdue once when <paramref name="today"/> is past it; otherwise nothing changes.</summary>
    public static WorkflowOutcome CheckDeadlines(TaskView task, DateOnly today, DateTimeOffset now)
    {
        if (task.Due?.On is not { } due || today <= due)
        {
            return new(task, null, false);
        }

        var mark = $"{task.Due.What} by {Day(due)} ({task.Due.Owner})";
        if (task.Overdue.Contains(mark))
        {
            return new(task, null, false);
        }

        var changed = task with { Overdue = [.. task.Overdue, mark] };
        return new(Record(changed, now, "system: deadline check", "overdue", mark), null, true);
    }

    /// <summary>The items a first test covers: every item of the category in the catalogue in force.</summary>
    private static IEnumerable<string> TestedItems(WorkflowContext context) => context.Category?.Items.Select(i => i.Code) ?? [];

    private static SampleDescription Description(TaskView t) => new()
    {
        Variants = t.Sampling?.Variants ?? new Dictionary<string, string>(),
        Properties = t.Sampling?.Properties ?? new Dictionary<string, decimal>(),
    };

    private static string Describe(ItemResult r) => r.Kind == "value"
        ? $"{r.Item} = {r.Value?.ToString(CultureInfo.InvariantCulture)}"
        : $"{r.Item} {r.Kind}";

    private static bool Active(TeamMember m) => m.Status is TeamMember.Assigned or TeamMember.Accepted;

    private static WorkflowOutcome? Member(TaskView t, TaskCommand request)
    {
        if (request.Actor.Role != Role.Inspector)
        {
            return Forbidden("only an inspector of the task's team does this");
        }

        return t.Team.Any(m => m.InspectorId == request.Actor.Subject && Active(m))
            ? null
            : Forbidden($"inspector {request.Actor.Subject ?? "(credential without an inspector number)"} is not in this task's team");
    }

    private static WorkflowOutcome? Supervisor(TaskCommand request) =>
        request.Actor.Role is Role.Supervisor or Role.Admin ? null : Forbidden("only a supervisor does this");

    private static WorkflowOutcome Forbidden(string reason) => WorkflowOutcome.Refused(TaskRefusal.Forbidden, null, reason);

    private static WorkflowOutcome Invalid(string field, string reason) => WorkflowOutcome.Refused(TaskRefusal.Invalid, field, reason);

    private static WorkflowOutcome WrongStage(TaskView t, string what) =>
        WorkflowOutcome.Refused(TaskRefusal.WrongStage, null, $"the task is {t.Stage}: it cannot be {what}");

    /// <summary>Appends the history entry, moves the version and recomputes the running deadline.</summary>
    private static WorkflowOutcome Changed(TaskView next, TaskCommand request, string detail)
    {
        var recorded = Record(next, request.At, $"{request.Actor.Role}:{request.Actor.Subject ?? "-"}:{request.Actor.Name}", request.Action.Name, detail);
        return new(recorded, null, true);
    }

    internal static TaskView Record(TaskView t, DateTimeOffset at, string actor, string action, string detail)
    {
        var version = t.Version + 1;
        var entry = TaskHistory.Entry(t.HeadSha256, version, at, actor, action, detail);
        return t with { Version = version, History = [.. t.History, entry] };
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
