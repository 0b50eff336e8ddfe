using System.Globalization;
using Quartz;
using Samples.Domain.Plans;

namespace Samples.Silo.Draws;

/// <summary>
/// What a round trigger carries: plan, round, round time, when the step was due (lateness is measured against it) and
/// which retry this is. Keys: <c>{drawId}|commit</c>, <c>{drawId}|draw</c>, and for a deferral or a retry
/// <c>{drawId}|{step}|{ticks}</c>, named by when it fires so that two silos doing the same make one trigger.
/// </summary>
public static class RoundJobData
{
    public const string PlanId = "planId";
    public const string Round = "round";
    public const string RoundTime = "roundTime";
    public const string Due = "due";
    public const string Attempt = "attempt";

    public static TriggerKey CommitKey(string drawId) => new($"{drawId}|commit", RoundScheduler.Group);

    public static TriggerKey DrawKey(string drawId) => new($"{drawId}|draw", RoundScheduler.Group);

    public static TriggerKey LaterKey(string drawId, JobKey job, DateTimeOffset at) =>
        new($"{drawId}|{(job.Equals(RoundScheduler.CommitJob) ? "commit" : "draw")}|{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}", RoundScheduler.Group);

    /// <summary>The draw id a trigger key belongs to, or null for a key that is not a round's.</summary>
    public static string? DrawIdOf(TriggerKey key) => key.Group == RoundScheduler.Group && key.Name.IndexOf('|', StringComparison.Ordinal) is > 0 and var bar
        ? key.Name[..bar]
        : null;

    public static RoundJob Read(JobDataMap data)
    {
        var planId = data.GetString(PlanId) ?? throw new JobExecutionException("the trigger has no plan id");
        var time = new RoundTime(data.GetInt(Round), Instant(data, RoundTime) ?? throw new JobExecutionException("the trigger has no round time"));
        return new RoundJob(planId, time, Instant(data, Due), data.ContainsKey(Attempt) ? data.GetInt(Attempt) : 0);
    }

    public static string Text(DateTimeOffset instant) => instant.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Instant(JobDataMap data, string key) =>
        data.GetString(key) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}

/// <summary>A fired round trigger: the plan, the round and its time, when this step was due (null: as the round's schedule says), and the retry count.</summary>
public sealed record RoundJob(string PlanId, RoundTime Time, DateTimeOffset? Due, int Attempt)
{
    public string DrawId => RoundCommitter.DrawId(PlanId, Time.Round);
}
