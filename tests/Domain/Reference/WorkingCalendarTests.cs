using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Reference;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-02-14", true)]  // Saturday worked (调休)
    [InlineData("2026-02-16", false)] // Spring Festival, a Monday
    [InlineData("2026-02-24", true)]
    [InlineData("2026-03-07", false)] // an ordinary Saturday
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]
    public void Days_off_and_worked_weekend_days_are_as_published(string day, bool working) =>
        Calendar.IsWorkingDay(D(day)).Should().Be(working);

    [Fact]
    public void Counting_from_the_last_representable_day_is_flagged_not_an_overflow()
    {
        Calendar.AddDays(DateOnly.MaxValue, 5).Flag.Should().Contain("reach 9999");
        Calendar.AddWorkingDays(DateOnly.MaxValue, 5).Flag.Should().Contain("reach 9999");
        Calendar.AddDays(D("9999-12-30"), 3650).Due.Should().BeNull();
    }

    [Fact]
    public void A_day_of_a_year_not_in_the_calendar_is_unknown_not_guessed() =>
        Calendar.IsWorkingDay(D("2027-03-01")).Should().BeNull();

    [Fact]
    public void Working_days_skip_the_spring_festival_and_count_its_worked_saturday()
    {
        // Thursday 12 Feb: 13 Fri (1), 14 Sat worked (2), 15–23 off, 24 (3), 25 (4), 26 (5).
        Calendar.AddWorkingDays(D("2026-02-12"), 5).Should().Be(Deadline.On(D("2026-02-26")));
        Calendar.AddWorkingDays(D("2026-02-12"), 0).Should().Be(Deadline.On(D("2026-02-12")));
    }

    [Fact]
    public void The_triggering_day_is_not_counted()
    {
        // Monday 2 March 2026 + 1 working day is Tuesday 3 March.
        Calendar.AddWorkingDays(D("2026-03-02"), 1).Should().Be(Deadline.On(D("2026-03-03")));
        // 15 days from 1 March end on 16 March (a Monday).
        Calendar.AddDays(D("2026-03-01"), 15).Should().Be(Deadline.On(D("2026-03-16")));
    }

    [Fact]
    public void A_period_ending_on_a_day_off_ends_on_the_next_working_day()
    {
        // 15 days from 20 September 2026 end on 5 October, in the National Day holiday: the deadline is Thursday 8 October.
        Calendar.AddDays(D("2026-09-20"), 15).Should().Be(Deadline.On(D("2026-10-08")));
        // 7 days from 26 September end on Saturday 3 October, still off.
        Calendar.AddDays(D("2026-09-26"), 7).Should().Be(Deadline.On(D("2026-10-08")));
    }

    [Fact]
    public void A_deadline_reaching_a_year_without_a_calendar_is_flagged()
    {
        var late = Calendar.AddWorkingDays(D("2026-12-20"), 20);

        late.Due.Should().BeNull();
        late.Flag.Should().Contain("2027").And.Contain("known: 2025, 2026");
        Calendar.AddDays(D("2026-12-20"), 15).Flag.Should().NotBeNull("5 January 2027 cannot be checked either");
        Calendar.AddWorkingDays(D("2026-12-20"), 5).Due.Should().Be(D("2026-12-25"), "a deadline within the known year is fine");
    }

    [Fact]
    public void An_incoherent_calendar_is_refused_with_the_day()
    {
        FluentActions.Invoking(() => new WorkingCalendar([new CalendarYear(2026, [D("2026-03-02")], [D("2026-03-02")])]))
            .Should().Throw<ArgumentException>().WithMessage("*2026-03-02*both*");
        FluentActions.Invoking(() => new WorkingCalendar([new CalendarYear(2026, [], [D("2026-03-02")])]))
            .Should().Throw<ArgumentException>().WithMessage("*2026-03-02*Monday*");
        FluentActions.Invoking(() => new WorkingCalendar([new CalendarYear(2026, [D("2025-12-31")], [])]))
            .Should().Throw<ArgumentException>().WithMessage("*listed under 2026*");
    }
}
