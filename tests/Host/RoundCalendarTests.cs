using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Silo.Draws;

namespace Samples.Tests.Host;

public sealed class RoundCalendarTests
{
    private static PlanDefinition Plan(string schedule, int rounds) =>
        new(2026, "青海省市场监督管理局", ["cosmetics"], [], new QuotaRules(new Dictionary<RiskClass, decimal>(), false, []), 10, schedule, rounds);

    [Fact]
    public void Round_n_is_the_nth_time_the_schedule_fires_in_the_plans_year_in_China_time()
    {
        var times = RoundCalendar.Times(Plan("0 0 9 1 1/2 ?", 6));

        times.Select(t => t.Round).Should().Equal(1, 2, 3, 4, 5, 6);
        times[0].At.Should().Be(new DateTimeOffset(2026, 1, 1, 1, 0, 0, TimeSpan.Zero), "09:00 in Xining is 01:00 UTC");
        times[5].At.Should().Be(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void A_schedule_firing_fewer_times_in_the_year_than_the_plan_has_rounds_leaves_the_rest_out() =>
        RoundCalendar.Times(Plan("0 0 9 1 1/2 ?", 12)).Should().HaveCount(6);

    [Fact]
    public void A_midnight_schedule_on_new_years_day_belongs_to_the_year() =>
        RoundCalendar.Times(Plan("0 0 0 1 1 ?", 1)).Single().At.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void A_schedule_that_is_not_cron_has_no_rounds() => RoundCalendar.Times(Plan("every monday", 3)).Should().BeEmpty();
}
