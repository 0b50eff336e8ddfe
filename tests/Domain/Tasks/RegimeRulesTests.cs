using Samples.Domain.Catalogue;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;

namespace Samples.Domain.Tests.Tasks;

public sealed class RegimeRulesTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Shipped;

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(Regime.Order18Industrial, "2026-09-20", "2026-10-08")] // 15 days end 5 Oct, in the holiday: next working day
    [InlineData(Regime.Cosmetics, "2026-09-20", "2026-09-30")]         // 7 working days: 21, 22, 23, 24, (25–27 off) 28, 29, 30 Sep
    [InlineData(Regime.MedicalDevices, "2026-03-02", "2026-03-11")]    // 3, 4, 5, 6, 9, 10, 11 March
    [InlineData(Regime.Drugs, "2026-04-28", "2026-05-06")]             // 7 days end 5 May, a holiday: 6 May
    public void The_objection_window_is_the_regimes_counted_on_the_working_calendar(Regime regime, string notified, string due) =>
        RegimeRules.For(regime).ObjectionDeadline(D(notified), Calendar).Due.Should().Be(D(due));

    [Fact]
    public void Cosmetics_and_devices_draw_the_retest_lab_at_random_and_devices_pay_nothing()
    {
        RegimeRules.For(Regime.Cosmetics).RetestLabDrawnAtRandom.Should().BeTrue();
        RegimeRules.For(Regime.MedicalDevices).SamplesPaidFor.Should().BeFalse();
        RegimeRules.For(Regime.Order18Industrial).RetestLabDrawnAtRandom.Should().BeFalse();
        RegimeRules.For(Regime.Drugs).Objection.Should().Be(new Period(7, WorkingDays: false));
    }

    [Fact]
    public void A_result_is_published_within_20_working_days_of_its_conclusion_and_a_deadline_past_the_calendar_is_flagged()
    {
        // From Thursday 12 Feb 2026: 13, 14 (a worked Saturday), 24–27, 28 (worked), 2–6, 9–13, 16–18 March: the 20th is 18 March.
        RegimeRules.PublicationDeadline(D("2026-02-12"), Calendar).Due.Should().Be(D("2026-03-18"));
        RegimeRules.PublicationDeadline(D("2026-12-15"), Calendar).Flag.Should().Contain("2027");
    }
}
