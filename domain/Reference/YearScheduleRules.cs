using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samples.Contracts.Reference;

namespace Samples.Domain.Reference;

/// <summary>
/// What makes a year's official schedule acceptable before it is stored (docs/domain.md section 7), and whether storing it is
/// a new year, a correction (a new version, with its reason) or the same schedule again. Every problem names the field
/// and, where there is one, the date.
/// </summary>
public static class YearScheduleRules
{
    /// <summary>The years a schedule may be given for: the system's deadlines run within them.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2099;
    public const int MaxTitleLength = 300;

    public static IReadOnlyList<CalendarProblem> Check(YearSchedule s)
    {
        var problems = new List<CalendarProblem>();
        void Problem(string field, string reason) => problems.Add(new CalendarProblem(field, reason));

        if (s.Year is < FirstYear or > LastYear)
        {
            Problem("year", $"must be between {FirstYear} and {LastYear}");
            return problems;
        }

        if (string.IsNullOrWhiteSpace(s.SourceTitle))
        {
            Problem("sourceTitle", "is required: the title of the State Council's notice the schedule is taken from");
        }
        else if (s.SourceTitle.Trim().Length > MaxTitleLength)
        {
            Problem("sourceTitle", $"is longer than {MaxTitleLength} characters");
        }

        if (s.SourceDate.Year < s.Year - 2 || s.SourceDate.Year > s.Year)
        {
            Problem("sourceDate", $"{Day(s.SourceDate)} is not a plausible date for the notice of {s.Year} (between {s.Year - 2} and {s.Year})");
        }

        var holidays = s.Holidays ?? [];
        if (holidays.Count == 0)
        {
            Problem("holidays", "is required: every official schedule names its holidays");
        }

        var offBy = new Dictionary<DateOnly, string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < holidays.Count; i++)
        {
            var field = $"holidays[{i}]";
            var h = holidays[i];
            var name = h.Name?.Trim() ?? string.Empty;
            if (name.Length == 0)
            {
                Problem($"{field}.name", "is required: each holiday block is named (元旦, 春节 …)");
            }
            else if (!names.Add(name))
            {
                Problem($"{field}.name", $"'{name}' is named twice");
            }

            var days = (h.DaysOff ?? []).ToList();
            if (days.Count == 0)
            {
                Problem($"{field}.daysOff", "is required: the block's days off");
                continue;
            }

            foreach (var day in days)
            {
                if (day.Year != s.Year)
                {
                    Problem($"{field}.daysOff", $"{Day(day)} is not in {s.Year}");
                }
                else if (!offBy.TryAdd(day, name))
                {
                    Problem($"{field}.daysOff", $"{Day(day)} is listed twice (also under '{offBy[day]}')");
                }
            }

            var ordered = days.Distinct().Order().ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                if (ordered[k].DayNumber != ordered[k - 1].DayNumber + 1)
                {
                    Problem($"{field}.daysOff", $"a block is consecutive days, but {Day(ordered[k - 1])} is followed by {Day(ordered[k])}");
                    break;
                }
            }

            if (ordered.All(IsWeekend))
            {
                Problem($"{field}.daysOff", $"'{name}' has only weekend days ({string.Join(", ", ordered.Select(Day))}), which are off anyway");
            }
        }

        var worked = new HashSet<DateOnly>();
        foreach (var day in s.WorkingWeekendDays ?? [])
        {
            if (day.Year != s.Year)
            {
                Problem("workingWeekendDays", $"{Day(day)} is not in {s.Year}");
            }
            else if (!IsWeekend(day))
            {
                Problem("workingWeekendDays", $"{Day(day)} is a {day.DayOfWeek}, not a weekend day: only a Saturday or Sunday can be a worked weekend day");
            }
            else if (!worked.Add(day))
            {
                Problem("workingWeekendDays", $"{Day(day)} is listed twice");
            }
            else if (offBy.TryGetValue(day, out var holiday))
            {
                Problem("workingWeekendDays", $"{Day(day)} is both a day off (under '{holiday}') and a worked day");
            }
        }

        return problems;
    }

    /// <summary>The schedule with names and title trimmed and every list in date order, as it is stored.</summary>
    public static YearSchedule Normalised(YearSchedule s) => s with
    {
        SourceTitle = s.SourceTitle.Trim(),
        Holidays = [.. s.Holidays.Select(h => new Holiday(h.Name.Trim(), [.. h.DaysOff.Distinct().Order()])).OrderBy(h => h.DaysOff[0])],
        WorkingWeekendDays = [.. (s.WorkingWeekendDays ?? []).Distinct().Order()],
    };

    /// <summary>
    /// What adding <paramref name="schedule"/> means given the year's versions so far (shipped or added): refused, the same
    /// schedule again, a first version, or a correction, which needs a reason.
    /// </summary>
    public static CalendarChangeResult Decide(YearSchedule schedule, string? reason, IReadOnlyList<YearScheduleVersion> versionsOfYear)
    {
        var problems = Check(schedule);
        if (problems.Count > 0)
        {
            return new CalendarChangeResult(null, false, problems, null);
        }

        var newest = versionsOfYear.Count == 0 ? null : versionsOfYear[^1];
        var sha = Sha256(Normalised(schedule));
        if (newest is not null && newest.Sha256 == sha)
        {
            return new CalendarChangeResult(newest, true, [], null);
        }

        if (newest is not null && string.IsNullOrWhiteSpace(reason))
        {
            return new CalendarChangeResult(null, false, [], $"{schedule.Year} already has version {newest.Version} ({newest.Schedule.SourceTitle}, " +
                $"{Day(newest.Schedule.SourceDate)}); a correction is stored as a new version and needs a reason");
        }

        return new CalendarChangeResult(null, false, [], null);
    }

    /// <summary>The SHA-256 of a schedule's canonical text: one line per holiday and one for the worked days.</summary>
    public static string Sha256(YearSchedule s)
    {
        var text = new StringBuilder()
            .Append(s.Year.ToString(CultureInfo.InvariantCulture)).Append('|').Append(s.SourceTitle).Append('|').Append(Day(s.SourceDate)).Append('\n');
        foreach (var h in s.Holidays)
        {
            text.Append(h.Name).Append(':').AppendJoin(',', h.DaysOff.Select(Day)).Append('\n');
        }

        text.Append("worked:").AppendJoin(',', s.WorkingWeekendDays.Select(Day));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>How people read a schedule in one line: its days off in named blocks and the weekend days worked.</summary>
    public static string Summary(YearSchedule s) =>
        $"{s.Year}: {s.Holidays.Sum(h => h.DaysOff.Count)} days off in {s.Holidays.Count} holidays " +
        $"({string.Join("; ", s.Holidays.Select(h => $"{h.Name} {Span(h.DaysOff)}"))}), " +
        $"worked weekend days {(s.WorkingWeekendDays.Count == 0 ? "none" : string.Join(", ", s.WorkingWeekendDays.Select(Day)))}";

    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static string Span(IReadOnlyList<DateOnly> days) => days.Count == 1 ? Day(days[0]) : $"{Day(days[0])}–{Day(days[^1])}";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
