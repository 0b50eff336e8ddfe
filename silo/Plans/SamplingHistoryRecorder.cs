using Samples.Contracts.Plans;
using Samples.Contracts.Tasks;
using Samples.Domain.Plans;
using Samples.Domain.Reference;
using Samples.Silo.Api;

namespace Samples.Silo.Plans;

/// <summary>
/// Each sampling the workflow records goes into the plan's department's sampling history (a joint plan's: every
/// participating department's), which the next rounds' frames
/// read for Order 18's 6-month rule and for recusal. The record is made from the event alone (what was sampled, as it
/// was recorded), so a late or repeated delivery records the same thing and never calls the task back into memory; the
/// history counts the same record again as already recorded, so a repeated event adds nothing.
/// </summary>
public sealed partial class SamplingHistoryRecorder(IGrainFactory grains, TimeProvider clock, ILogger<SamplingHistoryRecorder> logger)
{
    public static bool Concerns(SamplingTaskChanged e) => e.Sampling is not null;

    public async Task HandleAsync(SamplingTaskChanged e)
    {
        if (e.Sampling is not { } s)
        {
            return;
        }

        var task = e.Task;
        var plan = await grains.GetGrain<IPlanGrain>(task.PlanId).GetAsync();
        if (plan is null)
        {
            // A task outside any plan (the benchmark's): no department to record it for.
            return;
        }

        var record = new SamplingRecord(s.BatchId, task.Uscc, task.Category, s.SameProduct, s.SampledOn, s.SampledBy, FollowUp: false);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        // A joint plan's sampling is each participating department's too (their 6-month rule and recusals read it).
        foreach (var department in JointPlans.RecordKeepers(plan.Definition))
        {
            var result = await grains.GetGrain<ISamplingHistoryGrain>(department).RecordAsync([record], today, $"task {task.TaskId}");
            if (result.Problems.Count > 0)
            {
                LogRefused(logger, task.TaskId, string.Join("; ", result.Problems.Select(p => $"{p.Field}: {p.Message}")));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: the sampling history refused its record: {Problems}")]
    private static partial void LogRefused(ILogger logger, string taskId, string problems);
}
