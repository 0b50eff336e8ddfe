using Samples.Contracts.Common;
using Samples.Contracts.Plans;
using Samples.Domain.Reference;

namespace Samples.Domain.Plans;

/// <summary>A round and its time: round n is the n-th time the plan's schedule fires in the plan's year.</summary>
public sealed record RoundTime(int Round, DateTimeOffset At);

/// <summary>
/// The plan schedule rule: a plan's rounds are the times its schedule fires in the plan's year, in China time, and a plan
/// cannot have more rounds than that (pacing divides what remains of the goal by the rounds left). The schedule's
/// syntax (a Quartz cron expression) is the host's: it gives the next fire after an instant.
/// </summary>
public static class PlanSchedule
{
    /// <summary>The rounds that have a time in the year, in order; a schedule that fires fewer times than <paramref name="rounds"/> leaves the rest out.</summary>
    public static IReadOnlyList<RoundTime> Rounds(int year, int rounds, Func<DateTimeOffset, DateTimeOffset?> nextFireAfter)
    {
        var end = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, ChinaTime.Offset);
        var after = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaTime.Offset).AddSeconds(-1);
        var times = new List<RoundTime>();
        while (times.Count < rounds && nextFireAfter(after) is { } next && next < end)
        {
            times.Add(new RoundTime(times.Count + 1, next));
            after = next;
        }

        return times;
    }

    /// <summary>
    /// Null when the schedule fires at least as often as the plan has rounds in its year. Only for a year the plan rules
    /// may accept (2000 on): the round times of year 1 or 9999 are not representable, and the plan rules name that year.
    /// </summary>
    public static FieldProblem? TooFewFires(PlanDefinition plan, Func<DateTimeOffset, DateTimeOffset?> nextFireAfter) =>
        plan.Year is >= 2000 and < 9999 && Rounds(plan.Year, plan.Rounds, nextFireAfter).Count is var fires && fires < plan.Rounds
            ? new FieldProblem("rounds", $"the round schedule fires {fires} times in {plan.Year} (China time); a plan of {plan.Rounds} rounds needs a schedule that fires as often")
            : null;
}
