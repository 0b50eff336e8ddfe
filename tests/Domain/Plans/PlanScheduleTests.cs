using Samples.Contracts.Plans;
using Samples.Domain.Plans;
using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Plans;

/// <summary>The plan schedule rule, with a schedule given as "the next fire after": the first of every other month at 09:00 China time.</summary>
public sealed class PlanScheduleTests
{
    private static DateTimeOffset? EveryOtherMonth(DateTimeOffset after)
    {
        var local = after.ToOffset(ChinaTime.Offset);
        var candidate = new DateTimeOffset(local.Year, local.Month, 1, 9, 0, 0, ChinaTime.Offset);
        while (candidate <= after || candidate.Month % 2 == 0)
        {
            candidate = candidate.AddMonths(1);
        }

        return candidate;
    }

    [Fact]
    public void Round_n_is_the_nth_fire_in_the_plans_year_in_china_time()
    {
        var rounds = PlanSchedule.Rounds(2026, 8, EveryOtherMonth);

        rounds.Should().HaveCount(6, "the schedule fires six times in 2026");
        rounds[0].Should().Be(new RoundTime(1, new DateTimeOffset(2026, 1, 1, 9, 0, 0, ChinaTime.Offset)));
        rounds[^1].At.Should().Be(new DateTimeOffset(2026, 11, 1, 9, 0, 0, ChinaTime.Offset));
    }

    [Fact]
    public void A_plan_with_more_rounds_than_its_schedule_fires_is_refused_naming_the_count()
    {
        var plan = new PlanDefinition(2026, "青海省市场监督管理局", ["lithium-carbonate"], [], new QuotaRules(new Dictionary<Samples.Contracts.Directory.RiskClass, decimal>(), false, []), 10, "cron", 7);

        PlanSchedule.TooFewFires(plan, EveryOtherMonth)!.Message.Should().Be("the round schedule fires 6 times in 2026 (China time); a plan of 7 rounds needs a schedule that fires as often");
        PlanSchedule.TooFewFires(plan with { Rounds = 6 }, EveryOtherMonth).Should().BeNull();
        PlanSchedule.TooFewFires(plan with { Year = 9999 }, EveryOtherMonth).Should().BeNull("the plan rules name an implausible year");
    }
}
