using Samples.Contracts.Tasks;
using Samples.Domain.Publication;
using Samples.Silo.Documents;

namespace Samples.Silo.Publication;

/// <summary>
/// Writes a task's public result (revision 1) when the task is published, from the same facts as its documents; and
/// records corrections and withdrawals as later revisions. Idempotent: a result published already is not written twice.
/// </summary>
public sealed class PublicResultRecorder(IGrainFactory grains, DocumentFactsSource facts, PublicResultStore store, TimeProvider clock)
{
    public static bool Concerns(SamplingTaskChanged e) => e.Task.Stage == TaskStage.Published && e.Task.PublishedOn is not null;

    public async Task HandleAsync(SamplingTaskChanged e, CancellationToken ct)
    {
        if ((await store.HistoryAsync(e.Task.TaskId, ct)).Count > 0 || await grains.GetGrain<ISamplingTaskGrain>(e.Task.TaskId).GetAsync() is not { PublishedOn: not null } task)
        {
            return;
        }

        var result = PublicResults.Compose(await facts.GatherAsync(task));
        await store.AppendAsync(new PublicRevision(task.TaskId, 1, PublicResultStatus.Published, null, result, e.Entry.Actor, e.Entry.At), ct);
    }

    /// <summary>A correction: the result composed again from today's facts (the directory's names, the catalogue) with the reason; null when nothing differs.</summary>
    public async Task<PublicRevision?> CorrectAsync(TaskView task, PublicRevision latest, string reason, string by, CancellationToken ct)
    {
        var result = PublicResults.Compose(await facts.GatherAsync(task));
        if (result.ToJson() == latest.Result.ToJson() && latest.Status != PublicResultStatus.Withdrawn)
        {
            return null;
        }

        var revision = new PublicRevision(task.TaskId, latest.Revision + 1, PublicResultStatus.Corrected, reason, result, by, clock.GetUtcNow());
        return await store.AppendAsync(revision, ct) ? revision : null;
    }

    public async Task<PublicRevision?> WithdrawAsync(PublicRevision latest, string reason, string by, CancellationToken ct)
    {
        var revision = latest with { Revision = latest.Revision + 1, Status = PublicResultStatus.Withdrawn, Reason = reason, RecordedBy = by, RecordedAt = clock.GetUtcNow() };
        return await store.AppendAsync(revision, ct) ? revision : null;
    }
}
