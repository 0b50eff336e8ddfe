using Samples.Contracts.Reference;

namespace Samples.Domain.Tests.Support;

/// <summary>
/// A synthetic 2027 schedule for tests (not the State Council's: the real one is entered by operators when published):
/// New Year 1–3 January, Spring Festival 6–14 February with Saturday 20 February worked, National Day 1–7 October with
/// Sunday 26 September and Saturday 9 October worked.
/// </summary>
public static class SyntheticCalendar
{
    public const string Title = "测试用2027年节假日安排（合成数据）";

    public static YearSchedule Year2027() => new(
        2027, Title, new DateOnly(2026, 11, 10),
        [
            new Holiday("元旦", Days("2027-01-01", 3)),
            new Holiday("春节", Days("2027-02-06", 9)),
            new Holiday("国庆节", Days("2027-10-01", 7)),
        ],
        [D("2027-02-20"), D("2027-09-26"), D("2027-10-09")]);

    /// <summary>A plainer synthetic schedule for any year: New Year 1–3 January and National Day 1–7 October, no weekend day worked.</summary>
    public static YearSchedule For(int year) => new(
        year, $"测试用{year}年节假日安排（合成数据）", new DateOnly(year - 1, 11, 10),
        [new Holiday("元旦", Days($"{year}-01-01", 3)), new Holiday("国庆节", Days($"{year}-10-01", 7))],
        []);

    /// <summary>The same schedule as the body of <c>POST /api/calendar/2027</c> and of <c>samples calendar add --file</c>.</summary>
    public static object Body2027(string? reason = null) => Body(Year2027(), reason);

    public static object Body(YearSchedule s, string? reason = null) => new
    {
        year = s.Year,
        sourceTitle = s.SourceTitle,
        sourceDate = s.SourceDate,
        holidays = s.Holidays.Select(h => new { name = h.Name, daysOff = h.DaysOff }).ToArray(),
        workingWeekendDays = s.WorkingWeekendDays,
        reason,
    };

    public static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly[] Days(string first, int count) => [.. Enumerable.Range(0, count).Select(i => D(first).AddDays(i))];
}
