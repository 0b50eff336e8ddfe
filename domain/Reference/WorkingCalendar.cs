using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Samples.Contracts.Reference;

namespace Samples.Domain.Reference;

/// <summary>
/// China's working days as yearly reference data (docs/domain.md section 7): weekends and official days off are not
/// worked, adjusted weekend days (调休) are. Deadlines are counted as the law counts them: the triggering day is not
/// counted; "N working days" ends on the N-th working day after it; "N days" ends N calendar days after it, moved to the
/// first working day after when that day is a day off. A deadline that needs a year the calendar does not hold is
/// flagged, never guessed. <see cref="Shipped"/> is Reference/Data/working-calendar.json, embedded in this assembly: the
/// seed data. The calendar in force adds the years admins stored since (<c>IWorkingCalendarGrain</c>), numbered by
/// <see cref="Revision"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private static readonly Lazy<IReadOnlyList<YearSchedule>> LazyShippedSchedules = new(LoadShipped);
    private static readonly Lazy<WorkingCalendar> LazyShipped = new(() => Of(ShippedSchedules, 0));

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private readonly Dictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Worked)> years;

    /// <exception cref="ArgumentException">A day listed under the wrong year, both off and worked, or a worked day that is not a weekend.</exception>
    public WorkingCalendar(IEnumerable<CalendarYear> calendarYears, int revision = 0)
    {
        Revision = revision;
        years = [];
        foreach (var year in calendarYears)
        {
            if (!years.TryAdd(year.Year, (year.DaysOff.ToHashSet(), year.WorkingWeekendDays.ToHashSet())))
            {
                throw new ArgumentException($"year {year.Year} is listed twice");
            }

            foreach (var day in year.DaysOff.Concat(year.WorkingWeekendDays).Where(d => d.Year != year.Year))
            {
                throw new ArgumentException($"{Text(day)} is listed under {year.Year}");
            }

            if (year.DaysOff.Intersect(year.WorkingWeekendDays).FirstOrDefault() is var both && both != default)
            {
                throw new ArgumentException($"{Text(both)} is both a day off and a working day");
            }

            if (year.WorkingWeekendDays.FirstOrDefault(d => !IsWeekend(d)) is var weekday && weekday != default)
            {
                throw new ArgumentException($"{Text(weekday)} is listed as a worked weekend day but is a {weekday.DayOfWeek}");
            }
        }

        KnownYears = [.. years.Keys.Order()];
    }

    public static WorkingCalendar Shipped => LazyShipped.Value;

    /// <summary>The schedules shipped with the product, as the calendar grain seeds itself with them.</summary>
    public static IReadOnlyList<YearSchedule> ShippedSchedules => LazyShippedSchedules.Value;

    /// <summary>Which stored state of the calendar this is: 0 for the shipped years alone, one more with every version an admin added.</summary>
    public int Revision { get; }

    /// <summary>The calendar of these schedules (one per year).</summary>
    public static WorkingCalendar Of(IEnumerable<YearSchedule> schedules, int revision) =>
        new(schedules.Select(s => new CalendarYear(s.Year, [.. s.Holidays.SelectMany(h => h.DaysOff)], s.WorkingWeekendDays)), revision);

    /// <summary>The years the calendar holds, in order.</summary>
    public IReadOnlyList<int> KnownYears { get; }

    /// <summary>Whether the day is worked; null when its year is not in the calendar.</summary>
    public bool? IsWorkingDay(DateOnly day)
    {
        if (!years.TryGetValue(day.Year, out var year))
        {
            return null;
        }

        return year.Worked.Contains(day) || (!IsWeekend(day) && !year.Off.Contains(day));
    }

    /// <summary>The N-th working day after <paramref name="trigger"/> (the triggering day is not counted).</summary>
    public Deadline AddWorkingDays(DateOnly trigger, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = trigger;
        var counted = 0;
        while (counted < workingDays)
        {
            if (day == DateOnly.MaxValue)
            {
                return Unknown(trigger, day, $"{workingDays} working days");
            }

            day = day.AddDays(1);
            switch (IsWorkingDay(day))
            {
                case null:
                    return Unknown(trigger, day, $"{workingDays} working days");
                case true:
                    counted++;
                    break;
            }
        }

        return Deadline.On(day);
    }

    /// <summary>N calendar days after <paramref name="trigger"/>, moved to the first working day after it when that day is off.</summary>
    public Deadline AddDays(DateOnly trigger, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (trigger.DayNumber > DateOnly.MaxValue.DayNumber - days)
        {
            return Unknown(trigger, DateOnly.MaxValue, $"{days} days");
        }

        var day = trigger.AddDays(days);
        while (true)
        {
            switch (IsWorkingDay(day))
            {
                case true:
                    return Deadline.On(day);
                case null:
                    return Unknown(trigger, day, $"{days} days");
                default:
                    day = day.AddDays(1); // a known year ends on 31 December, never on DateOnly.MaxValue
                    break;
            }
        }
    }

    /// <summary>Reads the schedules of a file in the format of Reference/Data/working-calendar.json, each checked as an admin's would be.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed or a schedule is not acceptable.</exception>
    public static IReadOnlyList<YearSchedule> LoadSchedules(Stream utf8Json)
    {
        CalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(utf8Json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"working calendar is not valid: {e.Message}", nameof(utf8Json), e);
        }

        var years = file?.Years ?? throw new ArgumentException("working calendar is not valid: it has no 'years' array", nameof(utf8Json));
        foreach (var year in years)
        {
            if (YearScheduleRules.Check(year) is [var first, ..])
            {
                throw new ArgumentException($"working calendar is not valid: {year.Year} {first.Field}: {first.Reason}", nameof(utf8Json));
            }
        }

        var schedules = years.Select(YearScheduleRules.Normalised).ToList();
        _ = Of(schedules, 0); // a year listed twice is refused here
        return schedules;
    }

    private Deadline Unknown(DateOnly trigger, DateOnly reached, string period) => Deadline.Flagged(
        $"{period} from {Text(trigger)} reach {reached.Year}, which the working calendar does not hold (known: {string.Join(", ", KnownYears)}); " +
        "an admin adds that year's official schedule (samples calendar add), and the deadline is counted then");

    private static bool IsWeekend(DateOnly day) => YearScheduleRules.IsWeekend(day);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IReadOnlyList<YearSchedule> LoadShipped() => ShippedData.Load("working-calendar.json", LoadSchedules);

    private sealed record CalendarFile(string? Meaning, IReadOnlyList<YearSchedule> Years);
}

/// <summary>One year of the official calendar.</summary>
public sealed record CalendarYear(int Year, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> WorkingWeekendDays);

/// <summary>A deadline: the last day (inclusive), or why it cannot be known yet.</summary>
public sealed record Deadline(DateOnly? Due, string? Flag)
{
    public static Deadline On(DateOnly due) => new(due, null);

    public static Deadline Flagged(string why) => new(null, why);
}
