using Quartz;

namespace Samples.Silo.Draws;

/// <summary>
/// Commits a round when its commit trigger fires: entropy is then accepted until the round time (or, for a commitment
/// made late, for at least the minimum window). A repeat (double fire, two silos) answers the existing commitment.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CommitRoundJob(RoundCommitter committer, DrawSettings settings, TimeProvider clock, ILogger<CommitRoundJob> log) : IJob
{
    public const string By = "scheduler";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var (planId, time) = RoundJobData.Read(context.MergedJobDataMap);
        var now = clock.GetUtcNow();
        var deadline = time.At - now >= settings.MinimumEntropyWindow ? time.At : now + settings.MinimumEntropyWindow;
        var outcome = await committer.CommitAsync(planId, time.Round, deadline, now, By, settings.Step(time.At - settings.CommitLead), cancellationToken);
        if (outcome.Answer?.Status is { } status)
        {
            DrawLog.Committed(log, status.DrawId, outcome.Answer.Created ? "committed" : "already committed", status.EntropyDeadline);
        }
        else
        {
            // Nothing to retry: a plan that does not exist or a round it no longer has stays uncommitted, and says why.
            log.LogError("Round {Round} of plan {PlanId} was not committed: {Reason}", time.Round, planId,
                outcome.MissingReason ?? outcome.Problem?.Message ?? outcome.Answer?.Refusal?.Reason);
        }
    }
}
