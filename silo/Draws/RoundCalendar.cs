using Quartz;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;
using Samples.Domain.Reference;

namespace Samples.Silo.Draws;

/// <summary>
/// A plan's cron schedule read by Quartz, for the plan schedule rule (<see cref="PlanSchedule"/>): in China Standard Time
/// (UTC+8, no daylight saving, so a fixed offset needs no time-zone database on the machine).
/// </summary>
public static class RoundCalendar
{
    public static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone("China Standard Time", ChinaTime.Offset, "China Standard Time", "China Standard Time");

    /// <summary>The rounds that have a time in the plan's year (<see cref="PlanSchedule.Rounds"/>); none for a schedule that is not a cron expression.</summary>
    public static IReadOnlyList<RoundTime> Times(PlanDefinition plan) =>
        NextFire(plan.RoundSchedule) is { } next ? PlanSchedule.Rounds(plan.Year, plan.Rounds, next) : [];

    /// <summary>The schedule's next fire after an instant, in China time, or null when it is not a Quartz cron expression.</summary>
    public static Func<DateTimeOffset, DateTimeOffset?>? NextFire(string schedule)
    {
        if (!CronExpression.TryParse(schedule.Trim(), out _))
        {
            return null;
        }

        var cron = new CronExpression(schedule.Trim(), ChinaStandardTime);
        return after => cron.GetNextValidTimeAfter(after);
    }
}
