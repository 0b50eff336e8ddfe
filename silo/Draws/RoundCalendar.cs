using Quartz;
using Samples.Contracts.Plans;
using Samples.Domain.Reference;

namespace Samples.Silo.Draws;

/// <summary>
/// When a plan's rounds are: round n is the n-th time the plan's cron schedule fires in the plan's year, in China
/// Standard Time (UTC+8, no daylight saving, so a fixed offset needs no time-zone database on the machine).
/// </summary>
public static class RoundCalendar
{
    public static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("China Standard Time", ChinaTime.Offset, "China Standard Time", "China Standard Time");

    /// <summary>The rounds that have a time in the plan's year, in order; a schedule that fires fewer times than the plan has rounds leaves the rest out.</summary>
    public static IReadOnlyList<RoundTime> Times(PlanDefinition plan)
    {
        if (!CronExpression.TryParse(plan.RoundSchedule, out _))
        {
            return [];
        }

        var cron = new CronExpression(plan.RoundSchedule, ChinaStandardTime);
        var offset = ChinaTime.Offset;
        var end = new DateTimeOffset(plan.Year + 1, 1, 1, 0, 0, 0, offset);
        var after = new DateTimeOffset(plan.Year, 1, 1, 0, 0, 0, offset).AddSeconds(-1);
        var times = new List<RoundTime>();
        while (times.Count < plan.Rounds && cron.GetNextValidTimeAfter(after) is { } next && next < end)
        {
            times.Add(new RoundTime(times.Count + 1, next));
            after = next;
        }

        return times;
    }
}

public sealed record RoundTime(int Round, DateTimeOffset At);
