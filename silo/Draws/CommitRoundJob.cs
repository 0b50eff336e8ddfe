using Quartz;
using Samples.Domain.Reference;

namespace Samples.Silo.Draws;

/// <summary>
/// Commits a round when its commit trigger fires: entropy is then accepted until the round time (or, for a commitment
/// made late, for at least the minimum window). A repeat (double fire, two silos) answers the existing commitment; the
/// draw grain serialises concurrent commits, so the job needs no lock of its own. An error (database, timeout) is
/// retried with a growing pause, never dropped.
/// </summary>
public sealed class CommitRoundJob(RoundCommitter committer, DrawSettings settings, TimeProvider clock, ILogger<CommitRoundJob> log) : IJob
{
    public const string By = "scheduler";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var round = RoundJobData.Read(context.MergedJobDataMap);
        var now = clock.GetUtcNow();
        var due = round.Due ?? round.Time.At - settings.CommitLead;
        try
        {
            var deadline = round.Time.At - now >= settings.MinimumEntropyWindow ? round.Time.At : now + settings.MinimumEntropyWindow;
            var outcome = await committer.CommitAsync(
                round.PlanId, round.Time.Round, deadline, now, By, settings.Step(due), cancellationToken, ChinaTime.DateOf(round.Time.At));
            if (outcome.Answer?.Status is { } status)
            {
                DrawLog.Committed(log, status.DrawId, outcome.Answer.Created ? "committed" : "already committed", status.EntropyDeadline);
            }
            else
            {
                // Nothing to retry: a plan that does not exist or a round it no longer has stays uncommitted, and says why.
                log.LogError("Round {Round} of plan {PlanId} was not committed: {Reason}", round.Time.Round, round.PlanId,
                    outcome.Reason);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var at = now + RoundScheduler.Backoff(round.Attempt);
            await RoundScheduler.ScheduleOnceAsync(context.Scheduler, RoundScheduler.Later(RoundScheduler.CommitJob, round, at, due, round.Attempt + 1), cancellationToken);
            DrawLog.Retry(log, ex, round.DrawId, "commit", at);
        }
    }
}
