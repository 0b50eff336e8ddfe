namespace Samples.Contracts.Reference;

/// <summary>
/// The working calendar as data operators keep: the State Council's schedule of each year (days off and worked weekend
/// days), the years shipped with the product as seed data plus the versions an admin added since. A year's schedule is
/// never replaced in place: a correction is a new version with its reason, and the newest version of each year is in
/// force. Every change is a step of the calendar's own hash chain in the audit trail.
/// </summary>
[Alias("samples.reference.working-calendar")]
public interface IWorkingCalendarGrain : IGrainWithStringKey
{
    public const string Key = "working-calendar";

    /// <summary>Checks and stores a year's schedule: a new year, or a correction of one (then <paramref name="reason"/> is required).</summary>
    [Alias("AddAsync")]
    Task<CalendarChangeResult> AddAsync(YearSchedule schedule, string? reason, string addedBy);

    /// <summary>The version in force of every year, and the calendar's revision (it grows with every stored version).</summary>
    [Alias("CurrentAsync")]
    Task<CalendarSnapshot> CurrentAsync();

    /// <summary>Every version of one year, oldest first (none when the calendar has never held the year).</summary>
    [Alias("VersionsAsync")]
    Task<IReadOnlyList<YearScheduleVersion>> VersionsAsync(int year);
}

/// <summary>A named block of official days off (a holiday with the weekend days joined to it), consecutive days.</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.holiday.v1")]
public sealed record Holiday(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<DateOnly> DaysOff);

/// <summary>One year's official schedule as the State Council's notice gives it, with that notice's title and date.</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.year-schedule.v1")]
public sealed record YearSchedule(
    [property: Id(0)] int Year,
    [property: Id(1)] string SourceTitle,
    [property: Id(2)] DateOnly SourceDate,
    [property: Id(3)] IReadOnlyList<Holiday> Holidays,
    [property: Id(4)] IReadOnlyList<DateOnly> WorkingWeekendDays);

/// <summary>A stored version of a year's schedule: its number within the year, the calendar revision it made, who and why.</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.year-schedule-version.v1")]
public sealed record YearScheduleVersion(
    [property: Id(0)] YearSchedule Schedule,
    [property: Id(1)] int Version,
    [property: Id(2)] int Revision,
    [property: Id(3)] string Origin,
    [property: Id(4)] DateTimeOffset? AddedAt,
    [property: Id(5)] string? AddedBy,
    [property: Id(6)] string? Reason,
    [property: Id(7)] string Sha256)
{
    public const string Shipped = "shipped";
    public const string Added = "added";
}

/// <summary>The calendar in force: the newest version of each year, and the revision (0: only the shipped years).</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.calendar-snapshot.v1")]
public sealed record CalendarSnapshot(
    [property: Id(0)] int Revision,
    [property: Id(1)] IReadOnlyList<YearScheduleVersion> Years);

/// <summary>What an add did: the version stored (or the same one again), or why nothing was stored.</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.calendar-change-result.v1")]
public sealed record CalendarChangeResult(
    [property: Id(0)] YearScheduleVersion? Stored,
    [property: Id(1)] bool Repeat,
    [property: Id(2)] IReadOnlyList<CalendarProblem> Problems,
    [property: Id(3)] string? Conflict);

/// <summary>One reason a schedule was refused, with the field (and the date) it is about.</summary>
[GenerateSerializer, Immutable, Alias("samples.reference.calendar-problem.v1")]
public sealed record CalendarProblem(
    [property: Id(0)] string Field,
    [property: Id(1)] string Reason);
