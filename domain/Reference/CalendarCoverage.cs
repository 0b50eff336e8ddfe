namespace Samples.Domain.Reference;

/// <summary>
/// Whether the working calendar holds the years deadlines will soon reach. The State Council publishes next year's
/// schedule in the autumn; from 1 October (China time) a missing next year is announced, so that an admin adds it before
/// December's deadlines reach it. A missing current year is announced all year.
/// </summary>
public static class CalendarCoverage
{
    public const int NoticeFromMonth = 10;

    /// <summary>The notice to show on <paramref name="today"/> (China's date), or null when nothing is missing yet.</summary>
    public static string? Notice(IReadOnlyList<int> knownYears, DateOnly today)
    {
        if (!knownYears.Contains(today.Year))
        {
            return $"工作日历缺少{today.Year}年（本年度）的节假日安排，期限无法计算，请管理员尽快录入。 " +
                $"The working calendar does not hold {today.Year}, the current year: deadlines are flagged instead of counted. " +
                $"An admin adds the State Council's schedule for {today.Year} (samples calendar add {today.Year} --file …).";
        }

        var next = today.Year + 1;
        if (today.Month >= NoticeFromMonth && !knownYears.Contains(next))
        {
            return $"工作日历尚无{next}年的节假日安排，跨入{next}年的期限暂无法计算，请在国务院通知发布后录入。 " +
                $"The working calendar does not yet hold {next}: deadlines that reach {next} are flagged until an admin adds " +
                $"the State Council's schedule for {next} (samples calendar add {next} --file …).";
        }

        return null;
    }
}
