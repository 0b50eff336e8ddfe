using Microsoft.Extensions.Logging;
using Samples.Contracts.Directory;
using Samples.Contracts.Draws;
using Samples.Contracts.Plans;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Grains.Catalogue;
using Samples.Grains.Reference;

namespace Samples.Grains.Tasks;

public sealed class SamplingTaskState
{
    public TaskView? Task { get; set; }

    /// <summary>Events stored with the change that raised them and published after it (a grain-state outbox).</summary>
    public List<SamplingTaskChanged> Outbox { get; set; } = [];

    /// <summary>Idempotency keys of requests that changed the task, newest last (at most <see cref="SamplingTaskGrain.KeysKept"/>).</summary>
    public List<IdempotentRequest> Requests { get; set; } = [];
}

/// <summary>A request already done under an idempotency key: its digest, and the task version it produced.</summary>
public sealed record IdempotentRequest(string Key, string Digest, int Version);

/// <summary>
/// Hosts <see cref="TaskWorkflow"/>: looks up what a decision needs (catalogue, batch, lab), stores the change together
/// with its event, then publishes the event; an event whose publication failed stays in the outbox and is published
/// again by a timer, by the daily reminder and on the next activation. The reminder also marks deadlines overdue.
/// </summary>
[GrainType("sampling-task")]
public sealed partial class SamplingTaskGrain(
    [PersistentState("task", StorageNames.Default)] IPersistentState<SamplingTaskState> state,
    IGrainFactory grains,
    ITaskEventSink events,
    TimeProvider clock,
    DeadlineCheckSchedule checks,
    WorkingCalendarCache calendars,
    ILogger<SamplingTaskGrain> logger) : Grain, ISamplingTaskGrain, IRemindable
{
    public const int KeysKept = 200;
    public const string DeadlineReminder = "deadlines";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(5);
    private IGrainTimer? retry;
    private TimeSpan retryAfter = FirstRetry;
    private bool? reminded;

    /// <summary>The reminder as this activation registered it (with its row version), so removing it needs no look-up.</summary>
    private IGrainReminder? registeredReminder;

    /// <summary>The reminder was (re)registered with its first check due soon, and no publish has succeeded since.</summary>
    private bool dueSoon;

    /// <summary>This activation is counted in <see cref="OutboxGauge"/>.</summary>
    private bool outboxCounted;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            // Events stored with a change and not known, in storage, to have been published: the silo that made the change
            // stopped first or the bus was down, or (at a task's end, where no later write records it) they went out
            // before. Publishing again is safe: consumers apply each event id once.
            var taskId = this.GetPrimaryKeyString();
            LogStranded(logger, taskId, state.State.Outbox.Count);
            await FlushAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        OutboxGauge.Update(ref outboxCounted, 0);
        return Task.CompletedTask;
    }

    public async Task<TaskAnswer> ExecuteAsync(TaskCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.IdempotencyKey;
        if (key is not null && state.State.Requests.FirstOrDefault(r => r.Key == key) is { } done)
        {
            // Authorization before replay: a replay answers with the task, which only its own people may read.
            if (state.State.Task is { } current && request.Actor.Role != TaskActor.SystemRole
                && !TaskAccess.MayRead(current, request.Actor.Role, request.Actor.Subject))
            {
                return new TaskAnswer(null, new TaskRefusal(TaskRefusal.Forbidden, null, "this task is not yours"));
            }

            return done.Digest == request.RequestDigest
                ? new TaskAnswer(state.State.Task, null, Repeat: true, Replayed: true)
                : new TaskAnswer(null, new TaskRefusal(TaskRefusal.Conflict, "Idempotency-Key",
                    $"key '{key}' was used for another request (which made version {done.Version}); use a new key for a new request"));
        }

        if (request.Action is OpenTargetedTask { TaskId: var named } && named != this.GetPrimaryKeyString())
        {
            return new TaskAnswer(null, new TaskRefusal(TaskRefusal.Invalid, "taskId", $"task {this.GetPrimaryKeyString()} was asked to open as {named}"));
        }

        var context = await ContextAsync(request.Action);
        var outcome = TaskWorkflow.Apply(state.State.Task, request, context);
        if (outcome.Refusal is not null)
        {
            return new TaskAnswer(null, outcome.Refusal);
        }

        if (!outcome.Changed)
        {
            return new TaskAnswer(outcome.Task, null, Repeat: true);
        }

        var task = outcome.Task!;
        Keep(task);
        if (key is not null)
        {
            state.State.Requests.Add(new IdempotentRequest(key, request.RequestDigest ?? string.Empty, task.Version));
            if (state.State.Requests.Count > KeysKept)
            {
                state.State.Requests.RemoveAt(0);
            }
        }

        // The reminder is in place before the change is stored: should this silo die between the write and the publish,
        // the reminder brings the task back on another silo to publish its event.
        await EnsureReminderAsync();
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        await KeepReminderAsync(task);
        if (task.Due is null && state.State.Outbox.Count == 0)
        {
            // At an end (published, cannot sample, refused): nothing more is expected, so the memory is given back now
            // rather than after the idle collection age; a later read activates it again from storage.
            this.DeactivateOnIdle();
        }

        return new TaskAnswer(task, null);
    }

    public Task<TaskView?> GetAsync() => Task.FromResult(state.State.Task);

    public Task<TaskView?> CheckDeadlinesAsync(DateOnly today) => ReviewDeadlinesAsync(0, today);

    public Task<TaskView?> RecountDeadlinesAsync(int calendarRevision, DateOnly today) => ReviewDeadlinesAsync(calendarRevision, today);

    /// <summary>Counts deadlines flagged for lack of a calendar year (if the year has come), then marks passed ones overdue.</summary>
    private async Task<TaskView?> ReviewDeadlinesAsync(int calendarRevision, DateOnly today)
    {
        if (state.State.Task is { } task)
        {
            var now = clock.GetUtcNow();
            var changed = false;
            if (FlaggedDeadlines.Any(task))
            {
                var recounted = FlaggedDeadlines.Recount(task, await calendars.CurrentAsync(calendarRevision), now);
                if (recounted.Changed)
                {
                    task = recounted.Task!;
                    Keep(task);
                    changed = true;
                }
            }

            var outcome = TaskWorkflow.CheckDeadlines(task, today, now);
            if (outcome.Changed)
            {
                Keep(outcome.Task!);
                changed = true;
            }

            if (changed)
            {
                await EnsureReminderAsync();
                await state.WriteOrReloadAsync(this);
            }
        }

        await FlushAsync();
        await KeepReminderAsync(state.State.Task);
        return state.State.Task;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status) =>
        await ReviewDeadlinesAsync(0, ChinaTime.DateOf(clock.GetUtcNow()));

    /// <summary>Takes the changed task and puts its event in the outbox; both are stored by the caller's next write.</summary>
    private void Keep(TaskView task)
    {
        state.State.Task = task;
        state.State.Outbox.Add(SamplingTaskChanged.Of(task));
    }

    /// <summary>Registers the reminder if this activation has not yet (a new task, or the first change since activation).</summary>
    private async Task EnsureReminderAsync()
    {
        if (reminded != true)
        {
            await RegisterReminderAsync();
        }
    }

    /// <summary>
    /// Registering is an upsert, so a new task registers without asking first; after that this activation knows, so a
    /// change costs no reminder query. Its first check falls due within <see cref="DeadlineCheckSchedule.FirstDue"/>.
    /// </summary>
    private async Task RegisterReminderAsync()
    {
        registeredReminder = await this.RegisterOrUpdateReminder(DeadlineReminder, checks.FirstDue, checks.Every);
        reminded = true;
        dueSoon = true;
    }

    /// <summary>
    /// A daily reminder while some deadline can still run or an event waits in the outbox; none once the task is at an
    /// end with its events published (or has no state: a reminder registered for a write that never happened). When a
    /// publish fails, the next check is made due within <see cref="DeadlineCheckSchedule.FirstDue"/> (once per failure),
    /// so an event whose silo then dies is published within the hour, not at the next daily check.
    /// </summary>
    private async Task KeepReminderAsync(TaskView? task)
    {
        var waiting = state.State.Outbox.Count > 0;
        if (task?.Due is null && !waiting)
        {
            if (reminded != false)
            {
                await UnregisterReminderAsync();
            }

            reminded = false;
            dueSoon = false;
            return;
        }

        if (reminded != true || (waiting && !dueSoon))
        {
            await RegisterReminderAsync();
        }

        if (!waiting)
        {
            dueSoon = false;
        }
    }

    /// <summary>
    /// Removes the reminder with the handle this activation registered, or, without one (the task ends in a later
    /// activation) or should that handle be stale, with the one found in the table.
    /// </summary>
    private async Task UnregisterReminderAsync()
    {
        var handle = registeredReminder;
        registeredReminder = null;
        if (handle is not null)
        {
            try
            {
                await this.UnregisterReminder(handle);
                return;
            }
            catch (ReminderException)
            {
                // Changed in the table since (its version moved on): look it up below.
            }
        }

        if (await this.GetReminder(DeadlineReminder) is { } registered)
        {
            await this.UnregisterReminder(registered);
        }
    }

    private async Task FlushAsync()
    {
        OutboxGauge.Update(ref outboxCounted, state.State.Outbox.Count);
        if (state.State.Outbox.Count == 0)
        {
            return;
        }

        var pending = state.State.Outbox.ToArray();
        try
        {
            await events.PublishAsync(pending, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogPublishFailed(logger, ex, this.GetPrimaryKeyString(), pending.Length, retryAfter);
            retry ??= this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(retryAfter, Timeout.InfiniteTimeSpan) { Interleave = false });
            return;
        }

        // Published: cleared in memory now, in storage with the next write. Should the grain stop before that, the events
        // are published again on activation, and consumers apply each event id once.
        state.State.Outbox.RemoveAll(e => pending.Contains(e));
        OutboxGauge.Update(ref outboxCounted, state.State.Outbox.Count);
        retryAfter = FirstRetry;
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        retry?.Dispose();
        retry = null;
        retryAfter = TimeSpan.FromTicks(Math.Min(retryAfter.Ticks * 2, LastRetry.Ticks));
        await FlushAsync();
    }

    private async Task<WorkflowContext> ContextAsync(TaskAction action)
    {
        var catalogue = await CatalogueCache.InForceAsync(grains, clock);
        var categoryCode = action switch
        {
            AssignTask a => a.Category,
            OpenTargetedTask o => o.Category,
            _ => state.State.Task?.Category ?? string.Empty,
        };
        var context = new WorkflowContext(await calendars.CurrentAsync(), catalogue.FindCategory(categoryCode), catalogue.Version);
        return action switch
        {
            RecordSampling s when !string.IsNullOrWhiteSpace(s.BatchId) => context with { Batch = await grains.GetGrain<IProductBatchGrain>(s.BatchId.Trim()).GetAsync() },
            HandOver h when !string.IsNullOrWhiteSpace(h.LabId) => context with { Lab = await grains.GetGrain<ILabGrain>(h.LabId.Trim()).GetAsync() },
            AssignRetest { LabId: { } lab } when !string.IsNullOrWhiteSpace(lab) => context with { Lab = await grains.GetGrain<ILabGrain>(lab.Trim()).GetAsync() },
            AssignRetest => context with { RetestLabs = await grains.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key).ListAsync() },
            AssignTask a when state.State.Task is null => context with { Purpose = await PurposeAsync(a.PlanId, a.DrawId) },
            OpenTargetedTask o when state.State.Task is null => context with { Purpose = await PurposeAsync(o.PlanId, null) },
            _ => context,
        };
    }

    /// <summary>
    /// The purpose of the plan a new task belongs to: for a drawn task the plan version its draw froze (a later change of
    /// the plan does not turn a drawn round into another kind), for a targeted one the plan as it stands.
    /// </summary>
    private async Task<PlanPurpose> PurposeAsync(string planId, string? drawId)
    {
        var version = drawId is null ? null : (await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync())?.PlanVersion;
        var plan = await grains.GetGrain<IPlanGrain>(planId).GetAsync(version) ?? await grains.GetGrain<IPlanGrain>(planId).GetAsync();
        return plan?.Definition.Purpose ?? PlanPurpose.Supervision;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} activated with {Count} events in its outbox not recorded as published; publishing them now")]
    private static partial void LogStranded(ILogger logger, string taskId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: {Count} events could not be published; they stay in the outbox and are retried in {RetryAfter}")]
    private static partial void LogPublishFailed(ILogger logger, Exception ex, string taskId, int count, TimeSpan retryAfter);
}
