using Quartz;
using Samples.Contracts.Draws;
using Samples.Domain.Reference;
using Samples.Silo.Tasks;

namespace Samples.Silo.Draws;

/// <summary>
/// Draws a round when its draw trigger fires. If the round was never committed (its commit trigger was missed too) it is
/// committed now, late, and the draw deferred until the entropy deadline; likewise while entropy is still open. A repeat
/// (double fire, two silos) answers the existing bundle: the draw grain makes a round's draw once. An error (database,
/// timeout, the registry not reached) is retried with a growing pause; the retry's repeat also completes the announcement.
/// </summary>
public sealed class DrawRoundJob(IGrainFactory grains, RoundCommitter committer, TaskIssuer issuer, DrawSettings settings, TimeProvider clock, ILogger<DrawRoundJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var round = RoundJobData.Read(context.MergedJobDataMap);
        var due = round.Due ?? round.Time.At;
        var now = clock.GetUtcNow();
        try
        {
            await DrawAsync(context.Scheduler, round, due, now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var at = now + RoundScheduler.Backoff(round.Attempt);
            await RoundScheduler.ScheduleOnceAsync(context.Scheduler, RoundScheduler.Later(RoundScheduler.DrawJob, round, at, due, round.Attempt + 1), cancellationToken);
            DrawLog.Retry(log, ex, round.DrawId, "draw", at);
        }
    }

    private async Task DrawAsync(IScheduler scheduler, RoundJob round, DateTimeOffset due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var draw = grains.GetGrain<IDrawGrain>(round.DrawId);
        var status = await draw.GetStatusAsync();
        if (status is null)
        {
            var outcome = await committer.CommitAsync(
                round.PlanId, round.Time.Round, now + settings.MinimumEntropyWindow, now, CommitRoundJob.By, settings.Step(round.Time.At - settings.CommitLead),
                cancellationToken, ChinaTime.DateOf(round.Time.At));
            status = outcome.Answer?.Status;
            if (status is null)
            {
                log.LogError("Round {DrawId} could not be committed, so it was not drawn: {Reason}", round.DrawId,
                    outcome.Reason);
                return;
            }
        }

        if (status.Step == DrawStatus.Committed && now <= status.EntropyDeadline)
        {
            // The draw is due again when entropy closes, on time if the commitment was (a supervisor may have chosen a
            // later deadline); after a late commitment (no silo ran) it stays due at the round time and is recorded late.
            var lateCommitment = status.Steps.Any(s => s.Step == "commit" && s.Outcome == DrawStepRecord.Done && s.LateBy is not null);
            var at = status.EntropyDeadline.AddSeconds(1);
            await DeferAsync(scheduler, round, at, lateCommitment ? due : at, cancellationToken);
            return;
        }

        var answer = await draw.DrawAsync(new RevealDraw(CommitRoundJob.By, settings.Step(due)));
        if (answer.Refusal is { } refusal)
        {
            // The clock has not moved past the last contribution yet: try again shortly. A committed beacon's value waits
            // for a supervisor to enter it: ask again in a minute.
            log.LogWarning("Round {DrawId} was not drawn yet: {Reason}", round.DrawId, refusal.Reason);
            var pause = refusal.Field == "beacon" ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1);
            await DeferAsync(scheduler, round, clock.GetUtcNow() + pause, due, cancellationToken);
            return;
        }

        // Issuing is idempotent: a repeated trigger (or the retry after a failure here) adds only the missing tasks.
        var issued = await issuer.IssueAsync(round.DrawId, cancellationToken);
        DrawLog.Drawn(log, round.DrawId, answer.Created ? "drawn" : "already drawn");
        DrawLog.Issued(log, round.DrawId, issued);
    }

    private async Task DeferAsync(IScheduler scheduler, RoundJob round, DateTimeOffset at, DateTimeOffset due, CancellationToken cancellationToken)
    {
        await RoundScheduler.ScheduleOnceAsync(scheduler, RoundScheduler.Later(RoundScheduler.DrawJob, round, at, due, 0), cancellationToken);
        DrawLog.Deferred(log, round.DrawId, at);
    }
}
