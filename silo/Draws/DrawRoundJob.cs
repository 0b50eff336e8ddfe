using Quartz;
using Samples.Contracts.Draws;

namespace Samples.Silo.Draws;

/// <summary>
/// Draws a round when its draw trigger fires. If the round was never committed (its commit trigger was missed too) it is
/// committed now, late, and the draw deferred until the entropy deadline; likewise while entropy is still open. A repeat
/// (double fire, two silos) answers the existing bundle: the draw grain makes a round's draw once.
/// </summary>
public sealed class DrawRoundJob(IGrainFactory grains, RoundCommitter committer, DrawSettings settings, TimeProvider clock, ILogger<DrawRoundJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (planId, time) = RoundJobData.Read(context.MergedJobDataMap);
        var drawId = RoundCommitter.DrawId(planId, time.Round);
        var draw = grains.GetGrain<IDrawGrain>(drawId);
        var now = clock.GetUtcNow();
        var status = await draw.GetStatusAsync();
        if (status is null)
        {
            var outcome = await committer.CommitAsync(planId, time.Round, now + settings.MinimumEntropyWindow, now, CommitRoundJob.By, settings.Step(time.At - settings.CommitLead), cancellationToken);
            status = outcome.Answer?.Status;
            if (status is null)
            {
                log.LogError("Round {DrawId} could not be committed, so it was not drawn: {Reason}", drawId,
                    outcome.MissingReason ?? outcome.Problem?.Message ?? outcome.Answer?.Refusal?.Reason);
                return;
            }
        }

        if (status.Step == DrawStatus.Committed && now <= status.EntropyDeadline)
        {
            await DeferAsync(context.Scheduler, planId, time, status.EntropyDeadline.AddSeconds(1), cancellationToken);
            return;
        }

        var answer = await draw.DrawAsync(new RevealDraw(CommitRoundJob.By, settings.Step(time.At)));
        if (answer.Refusal is { } refusal)
        {
            // The clock has not moved past the last contribution yet: try again shortly.
            log.LogWarning("Round {DrawId} was not drawn yet: {Reason}", drawId, refusal.Reason);
            await DeferAsync(context.Scheduler, planId, time, clock.GetUtcNow().AddSeconds(1), cancellationToken);
            return;
        }

        DrawLog.Drawn(log, drawId, answer.Created ? "drawn" : "already drawn");
    }

    private async Task DeferAsync(IScheduler scheduler, string planId, RoundTime time, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var drawId = RoundCommitter.DrawId(planId, time.Round);
        var trigger = RoundScheduler.DrawLater(planId, time, at);
        try
        {
            await scheduler.ScheduleJob(trigger, default, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another silo (or a double fire) deferred the same draw to the same instant: one trigger is enough.
        }

        DrawLog.Deferred(log, drawId, at);
    }
}
