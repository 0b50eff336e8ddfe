using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Domain.Draws;
using Samples.Draw;

namespace Samples.Silo.Tasks;

/// <summary>
/// Turns a drawn draw's teams into sampling tasks, one per target still standing (a target replaced by an alternate has
/// none; the alternate has one that says whom it replaces). Assigning is idempotent, so issuing again after a crash, a
/// repeated trigger or a supplement only adds what is missing.
/// </summary>
public sealed class TaskIssuer(IGrainFactory grains)
{
    public const string By = "draw";

    public async Task<int> IssueAsync(string drawId, CancellationToken cancellationToken = default) =>
        await BundleAsync(drawId) is { } bundle ? await IssueAsync(drawId, bundle, cancellationToken) : 0;

    /// <summary>Issues the tasks of <paramref name="bundle"/> (the draw's, already read); returns how many were new.</summary>
    public async Task<int> IssueAsync(string drawId, DrawBundle bundle, CancellationToken cancellationToken = default)
    {
        var created = 0;
        foreach (var team in bundle.Teams.Where(t => t.Status != TeamRule.TargetReplaced))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var replaces = bundle.AlternateUses.FirstOrDefault(u => u.Alternate == team.TargetId);
            var answer = await AssignAsync(drawId, team, replaces?.Replaced);
            created += answer.Repeat || answer.Refusal is not null ? 0 : 1;
        }

        return created;
    }

    public async Task<DrawBundle?> BundleAsync(string drawId)
    {
        var json = await grains.GetGrain<IDrawGrain>(drawId).GetBundleAsync();
        return json is null ? null : DrawBundle.FromJson(json);
    }

    /// <param name="replacesTarget">The draw's target id of the target this one replaces (an alternate's task), if any.</param>
    public Task<TaskAnswer> AssignAsync(string drawId, Team team, string? replacesTarget)
    {
        var stratum = StratumKey.Parse(team.Stratum);
        var uscc = DrawFrameMapping.UsccOf(team.TargetId);
        var taskId = TaskIds.Of(drawId, uscc, stratum.Category);
        var replaces = replacesTarget is null ? null : TaskIds.Of(drawId, DrawFrameMapping.UsccOf(replacesTarget), stratum.Category);
        var members = team.Members.Select(DrawFrameMapping.NumberOf).ToArray();
        var assign = new AssignTask(drawId, PlanOf(drawId), uscc, stratum.Category, stratum.Region, members, replaces);
        return grains.GetGrain<ISamplingTaskGrain>(taskId).ExecuteAsync(new TaskCommand(assign, TaskActor.System(By), DateTimeOffset.UtcNow));
    }

    /// <summary>The plan of a draw id <c>{planId}:R{round}</c>.</summary>
    public static string PlanOf(string drawId)
    {
        var at = drawId.LastIndexOf(":R", StringComparison.Ordinal);
        return at > 0 ? drawId[..at] : drawId;
    }
}
