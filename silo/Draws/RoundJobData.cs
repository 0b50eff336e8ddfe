using System.Globalization;
using Quartz;

namespace Samples.Silo.Draws;

/// <summary>What a round trigger carries (plan, round, round time) and how its keys are named: <c>{drawId}|commit</c>, <c>{drawId}|draw</c>.</summary>
public static class RoundJobData
{
    public const string PlanId = "planId";
    public const string Round = "round";
    public const string RoundTime = "roundTime";

    public static TriggerKey CommitKey(string drawId) => new($"{drawId}|commit", RoundScheduler.Group);

    public static TriggerKey DrawKey(string drawId) => new($"{drawId}|draw", RoundScheduler.Group);

    /// <summary>A deferred draw's trigger, named by when it fires so that two silos deferring the same draw make one trigger.</summary>
    public static TriggerKey DrawKey(string drawId, DateTimeOffset at) =>
        new($"{drawId}|draw|{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}", RoundScheduler.Group);

    /// <summary>The draw id a trigger key belongs to, or null for a key that is not a round's.</summary>
    public static string? DrawIdOf(TriggerKey key) => key.Group == RoundScheduler.Group && key.Name.IndexOf('|', StringComparison.Ordinal) is > 0 and var bar
        ? key.Name[..bar]
        : null;

    public static (string PlanId, RoundTime Time) Read(JobDataMap data) => (
        data.GetString(PlanId) ?? throw new JobExecutionException("the trigger has no plan id"),
        new RoundTime(
            data.GetInt(Round),
            DateTimeOffset.Parse(data.GetString(RoundTime) ?? throw new JobExecutionException("the trigger has no round time"), CultureInfo.InvariantCulture)));
}
