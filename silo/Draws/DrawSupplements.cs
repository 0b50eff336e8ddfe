using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Domain.Draws;
using Samples.Draw;
using Samples.Silo.Tasks;

namespace Samples.Silo.Draws;

/// <summary>
/// A decline or a "cannot sample" is answered by the draw, never by a person choosing: the draw is supplemented (the
/// pool's stream continues, or the stratum's next alternate is used) and the task, or the alternate's new task, follows.
/// A supplement already in the bundle is reused, so a repeated event supplements once.
/// </summary>
public sealed partial class DrawSupplements(IGrainFactory grains, TaskIssuer issuer, ILogger<DrawSupplements> logger)
{
    /// <summary>A targeted task has no draw behind it: nothing to supplement.</summary>
    public static bool Concerns(SamplingTaskChanged e) => e.Entry.Action is "decline" or "cannot-sample" && e.Task.TargetedReason is null;

    public async Task HandleAsync(SamplingTaskChanged e)
    {
        var task = e.Task;
        if (!Concerns(e))
        {
            return;
        }

        var bundle = await issuer.BundleAsync(task.DrawId);
        if (bundle is null)
        {
            LogNoDraw(logger, task.TaskId, task.DrawId);
            return;
        }

        var target = DrawFrameMapping.TargetId(task.Uscc, task.Category);
        if (e.Entry.Action == "decline")
        {
            var inspector = DrawFrameMapping.InspectorId(e.Entry.Actor.Split(':')[1]);
            if (!bundle.Replacements.Any(r => r.TargetId == target && r.Withdrawn == inspector)
                && await SupplementAsync(task, new SupplementDraw(target, inspector, e.Entry.Detail, $"task {task.TaskId}")) is { } after)
            {
                bundle = after;
            }

            await FollowAsync(task.DrawId, bundle, target, inspector);
            return;
        }

        if (!bundle.AlternateUses.Any(u => u.Replaced == target)
            && await SupplementAsync(task, new SupplementDraw(target, null, e.Entry.Detail, $"task {task.TaskId}")) is { } supplemented)
        {
            bundle = supplemented;
        }

        await FollowAsync(task.DrawId, bundle, target, null);
    }

    /// <summary>
    /// Makes the tasks agree with a supplement in the bundle (whoever asked for it): a replacement changes the team of the
    /// target's task, an alternate gets a task of its own. Repeating it changes nothing.
    /// </summary>
    public async Task FollowAsync(string drawId, DrawBundle bundle, string target, string? inspector)
    {
        if (inspector is not null)
        {
            if (bundle.Replacements.FirstOrDefault(r => r.TargetId == target && r.Withdrawn == inspector) is { } replacement)
            {
                var taskId = TaskIds.Of(drawId, DrawFrameMapping.UsccOf(target), target.Split('|')[^1]);
                var number = DrawFrameMapping.NumberOf(inspector);
                await grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(
                    new TaskCommand(new ReplaceMember(number, replacement.Replacer is { } r ? DrawFrameMapping.NumberOf(r) : null), TaskActor.System(TaskIssuer.By), DateTimeOffset.UtcNow));
            }

            return;
        }

        var use = bundle.AlternateUses.FirstOrDefault(u => u.Replaced == target);
        if (use?.Alternate is { } alternate)
        {
            await issuer.AssignAsync(drawId, bundle.Teams.First(t => t.TargetId == alternate), target);
        }
        else if (use is not null)
        {
            LogNoAlternate(logger, target);
        }
    }

    /// <summary>Gives the target's task every member the draw's completions added to its team (repeating it changes nothing).</summary>
    public async Task FollowCompletionsAsync(string drawId, DrawBundle bundle, string target)
    {
        var taskId = TaskIds.Of(drawId, DrawFrameMapping.UsccOf(target), target.Split('|')[^1]);
        foreach (var completion in bundle.Replacements.Where(r => r.TargetId == target && r.Withdrawn.Length == 0 && r.Replacer is not null))
        {
            await grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(
                new TaskCommand(new CompleteTeam(DrawFrameMapping.NumberOf(completion.Replacer!)), TaskActor.System(TaskIssuer.By), DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Supplements the draw; the bundle after it, or null when the draw refused (logged).</summary>
    private async Task<DrawBundle?> SupplementAsync(TaskSummary task, SupplementDraw request)
    {
        var answer = await grains.GetGrain<IDrawGrain>(task.DrawId).SupplementAsync(request);
        if (answer.Refusal is not null)
        {
            LogRefused(logger, task.TaskId, answer.Refusal.Reason);
            return null;
        }

        return await issuer.BundleAsync(task.DrawId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: its draw {DrawId} has no bundle; nothing to supplement")]
    private static partial void LogNoDraw(ILogger logger, string taskId, string drawId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target {TargetId}: the stratum has no alternate left; the supervisor must decide")]
    private static partial void LogNoAlternate(ILogger logger, string targetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId}: the draw refused the supplement: {Reason}")]
    private static partial void LogRefused(ILogger logger, string taskId, string reason);
}
