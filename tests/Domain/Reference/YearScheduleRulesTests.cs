using Samples.Contracts.Reference;
using Samples.Domain.Reference;
using static Samples.Domain.Tests.Support.SyntheticCalendar;

namespace Samples.Domain.Tests.Reference;

public sealed class YearScheduleRulesTests
{
    [Fact]
    public void The_shipped_years_and_the_synthetic_2027_are_acceptable()
    {
        WorkingCalendar.ShippedSchedules.Select(s => s.Year).Should().Equal(2025, 2026);
        WorkingCalendar.ShippedSchedules.Should().AllSatisfy(s => YearScheduleRules.Check(s).Should().BeEmpty());
        YearScheduleRules.Check(Year2027()).Should().BeEmpty();
    }

    [Fact]
    public void A_date_outside_its_year_is_refused_with_the_date_named()
    {
        var s = Year2027() with { Holidays = [.. Year2027().Holidays, new Holiday("元旦2028", [D("2027-12-31"), D("2028-01-01")])] };
        YearScheduleRules.Check(s).Should().ContainSingle().Which.Should().Be(new CalendarProblem("holidays[3].daysOff", "2028-01-01 is not in 2027"));
        var worked = Year2027() with { WorkingWeekendDays = [D("2026-12-26")] };
        YearScheduleRules.Check(worked).Should().ContainSingle().Which.Reason.Should().Be("2026-12-26 is not in 2027");
    }

    [Fact]
    public void A_day_both_off_and_worked_is_refused_with_the_date_named()
    {
        var s = Year2027() with { WorkingWeekendDays = [D("2027-02-06")] };
        YearScheduleRules.Check(s).Should().ContainSingle().Which.Should().Be(
            new CalendarProblem("workingWeekendDays", "2027-02-06 is both a day off (under '春节') and a worked day"));
    }

    [Fact]
    public void Weekdays_and_weekends_are_as_the_rules_allow_and_every_block_is_named_and_whole()
    {
        Reasons(Year2027() with { WorkingWeekendDays = [D("2027-01-05")] }).Should().ContainSingle().Which.Should().Contain("2027-01-05 is a Tuesday");
        Reasons(Year2027() with { Holidays = [new Holiday(" ", [D("2027-01-01")])] }).Should().ContainSingle().Which.Should().Contain("named");
        Reasons(Year2027() with { Holidays = [new Holiday("元旦", [D("2027-01-01"), D("2027-01-04")])] }).Should().ContainSingle()
            .Which.Should().Contain("2027-01-01 is followed by 2027-01-04");
        Reasons(Year2027() with { Holidays = [new Holiday("周末", [D("2027-01-02"), D("2027-01-03")])] }).Should().ContainSingle()
            .Which.Should().Contain("only weekend days");
        Reasons(Year2027() with { Holidays = [new Holiday("元旦", [D("2027-01-01")]), new Holiday("元旦", [D("2027-10-01")])] }).Should().ContainSingle()
            .Which.Should().Contain("named twice");
        Reasons(Year2027() with { Holidays = [new Holiday("元旦", [D("2027-01-01")]), new Holiday("又一个", [D("2027-01-01")])] }).Should().ContainSingle()
            .Which.Should().Contain("2027-01-01 is listed twice");
        Reasons(Year2027() with { Holidays = [] }).Should().ContainSingle().Which.Should().Contain("names its holidays");
        Reasons(Year2027() with { SourceTitle = "" }).Should().ContainSingle().Which.Should().Contain("State Council");
        Reasons(Year2027() with { Year = 1999 }).Should().ContainSingle().Which.Should().Contain("between 2000 and 2099");
    }

    [Fact]
    public void A_year_is_never_silently_replaced_a_correction_needs_its_reason_and_the_same_schedule_again_is_a_repeat()
    {
        var first = YearScheduleRules.Decide(Year2027(), null, []);
        first.Should().Be(new CalendarChangeResult(null, false, [], null), "a first version needs no reason");
        var stored = new YearScheduleVersion(Year2027(), 1, 1, YearScheduleVersion.Added, null, "admin", null, YearScheduleRules.Sha256(Year2027()));

        YearScheduleRules.Decide(Year2027(), null, [stored]).Repeat.Should().BeTrue();
        var corrected = Year2027() with { WorkingWeekendDays = [D("2027-02-20")] };
        YearScheduleRules.Decide(corrected, "  ", [stored]).Conflict.Should().Contain("2027 already has version 1").And.Contain("needs a reason");
        YearScheduleRules.Decide(corrected, "国务院更正通知", [stored]).Should().Be(new CalendarChangeResult(null, false, [], null));
    }

    [Fact]
    public void The_fingerprint_is_of_the_normalised_schedule_so_order_and_spaces_do_not_make_a_new_version()
    {
        var shuffled = Year2027() with
        {
            SourceTitle = " " + Title + " ",
            Holidays = [.. Year2027().Holidays.Reverse().Select(h => h with { DaysOff = [.. h.DaysOff.Reverse()] })],
        };
        YearScheduleRules.Sha256(YearScheduleRules.Normalised(shuffled)).Should().Be(YearScheduleRules.Sha256(YearScheduleRules.Normalised(Year2027())));
        YearScheduleRules.Sha256(Year2027() with { WorkingWeekendDays = [] }).Should().NotBe(YearScheduleRules.Sha256(Year2027()));
    }

    [Fact]
    public void The_calendar_of_the_shipped_years_and_an_added_2027_counts_into_2027()
    {
        var calendar = WorkingCalendar.Of([.. WorkingCalendar.ShippedSchedules, Year2027()], 1);
        calendar.KnownYears.Should().Equal(2025, 2026, 2027);
        calendar.Revision.Should().Be(1);
        // Monday 28 Dec 2026: 29, 30, 31 (3), 1–3 Jan off, 4 (4), 5 (5).
        calendar.AddWorkingDays(D("2026-12-28"), 5).Should().Be(Deadline.On(D("2027-01-05")));
        WorkingCalendar.Shipped.AddWorkingDays(D("2026-12-28"), 5).Flag.Should().Contain("reach 2027");
    }

    [Theory]
    [InlineData("2026-09-30", null)]
    [InlineData("2026-10-01", "2027")]
    [InlineData("2027-03-01", "2027, the current year")]
    public void From_1_October_a_missing_next_year_is_announced_and_a_missing_current_year_always(string today, string? mentions)
    {
        var notice = CalendarCoverage.Notice([2025, 2026], D(today));
        if (mentions is null)
        {
            notice.Should().BeNull();
        }
        else
        {
            notice.Should().Contain(mentions);
        }

        CalendarCoverage.Notice([2025, 2026, 2027], D("2026-12-05")).Should().BeNull();
    }

    private static IEnumerable<string> Reasons(YearSchedule s) => YearScheduleRules.Check(s).Select(p => p.Reason);
}
