using Quartz;
using Samples.Contracts.Draws;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Silo.Draws;

/// <summary>
/// Turns a plan's rounds into Quartz triggers in the persistent job store: commit at the round time minus the lead,
/// draw at the round time. Triggers fire once; one missed while no silo ran fires once when a silo is back
/// (misfire: fire now) and the draw records how late. Re-scheduling a plan replaces its triggers, so a changed
/// schedule moves them, and never touches a round already committed or drawn.
/// </summary>
public sealed class RoundScheduler(ISchedulerFactory schedulers, IGrainFactory grains, DrawSettings settings, TimeProvider clock)
{
    public const string Group = "draws";

    public static readonly JobKey CommitJob = new("commit-round", Group);

    public static readonly JobKey DrawJob = new("draw-round", Group);

    /// <summary>Schedules every future round of the plan; answers what each round's schedule now is.</summary>
    public async Task<IReadOnlyList<RoundScheduleView>> ScheduleAsync(PlanVersion plan, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var times = RoundCalendar.Times(plan.Definition);
        var now = clock.GetUtcNow();
        var views = new List<RoundScheduleView>();
        foreach (var time in times)
        {
            views.Add(time.At <= now
                ? await ViewAsync(scheduler, plan.PlanId, time, "past when planned: not scheduled (commit it by hand if it is still to be drawn)", cancellationToken)
                : await ScheduleRoundAsync(plan.PlanId, time, cancellationToken));
        }

        // Rounds the plan no longer has (fewer rounds) lose their triggers; a past round keeps any it still has, so a
        // trigger missed while no silo ran still fires once even if the plan is saved again before it does.
        var keep = times.Select(t => RoundCommitter.DrawId(plan.PlanId, t.Round)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(Group), cancellationToken))
        {
            if (RoundJobData.DrawIdOf(key) is { } drawId && drawId.StartsWith(plan.PlanId + ":R", StringComparison.Ordinal) && !keep.Contains(drawId)
                && (await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync()) is null)
            {
                await scheduler.UnscheduleJob(key, cancellationToken);
            }
        }

        return views;
    }

    /// <summary>What each round's schedule is, changing nothing: drawn, committed, scheduled (a trigger waits) or not scheduled.</summary>
    public async Task<IReadOnlyList<RoundScheduleView>> DescribeAsync(PlanVersion plan, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var views = new List<RoundScheduleView>();
        foreach (var time in RoundCalendar.Times(plan.Definition))
        {
            var drawId = RoundCommitter.DrawId(plan.PlanId, time.Round);
            var view = await ViewAsync(scheduler, plan.PlanId, time, "not scheduled", cancellationToken);
            var step = (await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync())?.Step;
            views.Add(view with { State = step ?? ((view.CommitFiresAt ?? view.DrawFiresAt) is null ? "not scheduled" : "scheduled") });
        }

        return views;
    }

    /// <summary>Schedules one round at a given time (the plan's calendar, or a test's).</summary>
    public async Task<RoundScheduleView> ScheduleRoundAsync(string planId, RoundTime time, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var drawId = RoundCommitter.DrawId(planId, time.Round);
        var status = await grains.GetGrain<IDrawGrain>(drawId).GetStatusAsync();
        if (status?.Step == DrawStatus.Drawn)
        {
            return await ViewAsync(scheduler, planId, time, "drawn", cancellationToken);
        }

        var commitAt = time.At - settings.CommitLead;
        var now = clock.GetUtcNow();
        var triggers = new List<ITrigger>();
        if (status is null)
        {
            var at = commitAt > now ? commitAt : now;
            triggers.Add(Trigger(RoundJobData.CommitKey(drawId), CommitJob, planId, time, at, at, 0));
        }

        triggers.Add(Trigger(RoundJobData.DrawKey(drawId), DrawJob, planId, time, time.At, time.At, 0));
        foreach (var trigger in triggers)
        {
            await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
        }

        return await ViewAsync(scheduler, planId, time, "scheduled", cancellationToken);
    }

    /// <summary>
    /// A one-off trigger for a step to run again at <paramref name="at"/>: a draw deferred while entropy is open (due then),
    /// or a step retried after an error (still due when it first was, so the record shows how late it ran).
    /// </summary>
    public static ITrigger Later(JobKey job, RoundJob round, DateTimeOffset at, DateTimeOffset due, int attempt) =>
        Trigger(RoundJobData.LaterKey(round.DrawId, job, at), job, round.PlanId, round.Time, at, due, attempt);

    /// <summary>The pause before retry n+1 of a failed step: 15 s, doubling, at most 10 minutes (a step is never given up).</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(600, 15 * Math.Pow(2, Math.Min(attempt, 10))));

    /// <summary>Schedules a one-off trigger; another silo having scheduled the same one (same key) is fine.</summary>
    public static async Task ScheduleOnceAsync(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken)
    {
        try
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // The same step at the same instant is already scheduled: one trigger is enough.
        }
    }

    private static ITrigger Trigger(TriggerKey key, JobKey job, string planId, RoundTime time, DateTimeOffset at, DateTimeOffset due, int attempt) => TriggerBuilder.Create()
        .WithIdentity(key)
        .ForJob(job)
        .UsingJobData(RoundJobData.PlanId, planId)
        .UsingJobData(RoundJobData.Round, time.Round)
        .UsingJobData(RoundJobData.RoundTime, RoundJobData.Text(time.At))
        .UsingJobData(RoundJobData.Due, RoundJobData.Text(due))
        .UsingJobData(RoundJobData.Attempt, attempt)
        .StartAt(at)
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    private static async Task<RoundScheduleView> ViewAsync(IScheduler scheduler, string planId, RoundTime time, string state, CancellationToken cancellationToken)
    {
        var drawId = RoundCommitter.DrawId(planId, time.Round);
        var commit = await scheduler.GetTrigger(RoundJobData.CommitKey(drawId), cancellationToken);
        var draw = await scheduler.GetTrigger(RoundJobData.DrawKey(drawId), cancellationToken);
        return new RoundScheduleView(time.Round, drawId, time.At, state, commit?.NextFireTimeUtc, draw?.NextFireTimeUtc);
    }
}

/// <summary>A round as the scheduler sees it: its time, what was done about it, and when its triggers fire next.</summary>
public sealed record RoundScheduleView(int Round, string DrawId, DateTimeOffset RoundTime, string State, DateTimeOffset? CommitFiresAt, DateTimeOffset? DrawFiresAt);
