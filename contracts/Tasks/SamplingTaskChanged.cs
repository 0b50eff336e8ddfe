namespace Samples.Contracts.Tasks;

/// <summary>
/// Event: a task changed (every transition, including a deadline marked overdue). It carries the history entry (with its
/// chain hashes) and what the read models need, so consumers never call back into the task (a call would bring a
/// finished task back into memory). <see cref="EventId"/> is <c>{taskId}#{version}</c>: consumers apply each event once,
/// whatever the number of deliveries. <see cref="Sampling"/> is set on the event of a recorded sampling only: the
/// department's sampling history is built from it.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.changed.v1")]
public sealed record SamplingTaskChanged(
    [property: Id(0)] string EventId,
    [property: Id(1)] TaskHistoryEntry Entry,
    [property: Id(2)] TaskSummary Task,
    [property: Id(3)] SamplingFacts? Sampling = null)
{
    /// <summary>The event of the task's newest change.</summary>
    public static SamplingTaskChanged Of(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var entry = task.History[^1];
        return new SamplingTaskChanged($"{task.TaskId}#{task.Version}", entry, TaskSummary.Of(task),
            entry.Action == RecordSampling.ActionName ? task.Sampling : null);
    }
}

/// <summary>What lists, inboxes, notices and progress need of a task after a change (a targeted task's reason kind and day; none for a drawn one).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.summary.v1")]
public sealed record TaskSummary(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string DrawId,
    [property: Id(3)] string Uscc,
    [property: Id(4)] string Category,
    [property: Id(5)] string Region,
    [property: Id(6)] TaskStage Stage,
    [property: Id(7)] int Version,
    [property: Id(8)] IReadOnlyList<string> Team,
    [property: Id(9)] string? LabId,
    [property: Id(10)] string? RetestLabId,
    [property: Id(11)] DueDate? Due,
    [property: Id(12)] string? Outcome,
    [property: Id(13)] DateOnly? ConcludedOn,
    [property: Id(14)] DateOnly? PublishedOn,
    [property: Id(15)] bool PublishedLate,
    [property: Id(16)] DateOnly? PublicationDue,
    [property: Id(17)] string? BatchId,
    [property: Id(18)] IReadOnlyList<string> Overdue,
    [property: Id(19)] string? Disposal,
    [property: Id(20)] string? TargetedReason = null,
    [property: Id(21)] DateOnly? TargetedOn = null,
    [property: Id(22)] Samples.Contracts.Plans.PlanPurpose Purpose = Samples.Contracts.Plans.PlanPurpose.Supervision)
{
    public static TaskSummary Of(TaskView t) => new(
        t.TaskId, t.PlanId, t.DrawId, t.Uscc, t.Category, t.Region, t.Stage, t.Version,
        t.Team.Where(m => m.Status != TeamMember.Withdrawn && m.Status != TeamMember.Declined).Select(m => m.InspectorId).ToArray(),
        t.LabId, t.Retest?.LabId, t.Due, t.Outcome, t.ConcludedOn, t.PublishedOn, t.PublishedLate,
        t.PublicationDeadline?.On, t.Sampling?.BatchId, t.Overdue, t.Disposal?.Status, t.Targeted?.ReasonKind, t.Targeted?.OpenedOn, t.Purpose);
}
