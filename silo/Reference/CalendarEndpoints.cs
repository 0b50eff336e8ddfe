using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Reference;
using Samples.Domain.Reference;
using Samples.Grains.Reference;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Reference;

/// <summary>
/// The working calendar as operators keep it: each year's official schedule, its versions, and adding a year or a
/// correction. A stored version is in force on this silo at once and on the others within
/// <see cref="WorkingCalendarCache.Refresh"/>; tasks whose deadlines were flagged for lack of the year are counted again.
/// </summary>
public static class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var calendar = app.MapGroup("/api/calendar");
        calendar.MapGet("/", CurrentAsync).RequireAuthorization(Roles.Anyone).Produces<CalendarAnswer>()
            .WithDescription("The years the working calendar holds (the version in force of each) and, from 1 October, a notice when next year is missing.");
        calendar.MapGet("/{year:int}", VersionsAsync).RequireAuthorization(Roles.Anyone).Produces<List<YearScheduleVersion>>()
            .WithDescription("Every version of one year's schedule, oldest first; the last is in force.");
        calendar.MapPost("/{year:int}", AddAsync).RequireAuthorization(Roles.Admins)
            .Produces<CalendarAdded>(StatusCodes.Status201Created).Produces<CalendarAdded>()
            .WithDescription("Adds a year's official schedule (201), or a correction of it as a new version with its reason (201); the same schedule again answers 200 and changes nothing. Deadlines flagged for lack of the year are then counted.");
    }

    private static IWorkingCalendarGrain Grain(IGrainFactory grains) => grains.GetGrain<IWorkingCalendarGrain>(IWorkingCalendarGrain.Key);

    private static async Task<IResult> CurrentAsync(IGrainFactory grains, TimeProvider clock)
    {
        var snapshot = await Grain(grains).CurrentAsync();
        var known = snapshot.Years.Select(y => y.Schedule.Year).ToArray();
        return Results.Ok(new CalendarAnswer(snapshot.Revision, snapshot.Years, CalendarCoverage.Notice(known, ChinaTime.DateOf(clock.GetUtcNow()))));
    }

    private static async Task<IResult> VersionsAsync(int year, IGrainFactory grains)
    {
        var versions = await Grain(grains).VersionsAsync(year);
        return versions.Count == 0 ? Problems.NotFound($"The working calendar has never held {year}.") : Results.Ok(versions);
    }

    private static async Task<IResult> AddAsync(
        int year, CalendarYearRequest body, ClaimsPrincipal user, IGrainFactory grains, WorkingCalendarCache calendars, DeadlineRecount recount)
    {
        if (Shape(year, body) is { Length: > 0 } missing)
        {
            return Problems.Validation("The schedule was not stored.", missing);
        }

        var schedule = new YearSchedule(
            year, body.SourceTitle!, body.SourceDate!.Value,
            [.. body.Holidays!.Select(h => new Holiday(h?.Name ?? string.Empty, h?.DaysOff ?? []))], body.WorkingWeekendDays ?? []);
        var result = await Grain(grains).AddAsync(schedule, body.Reason, Caller.Describe(user));
        if (result.Problems.Count > 0)
        {
            return Problems.Validation("The schedule was not stored.", [.. result.Problems.Select(p => new FieldProblem(p.Field, p.Reason))]);
        }

        if (result.Conflict is { } conflict)
        {
            return Problems.Conflict(conflict);
        }

        var stored = result.Stored!;
        await calendars.CurrentAsync(stored.Revision);
        recount.Request(stored.Revision);
        var answer = new CalendarAdded(stored, result.Repeat, "tasks whose deadlines were flagged for lack of a calendar year are being counted again");
        return result.Repeat ? Results.Ok(answer) : Results.Created($"/api/calendar/{year}", answer);
    }

    /// <summary>What the body must carry before the schedule's own rules can judge it.</summary>
    private static FieldProblem[] Shape(int year, CalendarYearRequest body)
    {
        var problems = new List<FieldProblem>();
        if (body.Year is { } given && given != year)
        {
            problems.Add(new FieldProblem("year", $"{given} in the body differs from {year} in the path"));
        }

        if (body.SourceTitle is null)
        {
            problems.Add(new FieldProblem("sourceTitle", "is required: the title of the State Council's notice"));
        }

        if (body.SourceDate is null)
        {
            problems.Add(new FieldProblem("sourceDate", "is required: the notice's date, yyyy-MM-dd"));
        }

        if (body.Holidays is null)
        {
            problems.Add(new FieldProblem("holidays", "is required: the named blocks of days off, [{name, daysOff: [yyyy-MM-dd …]}]"));
        }

        return [.. problems];
    }
}

/// <summary>A year's schedule as an admin sends it (the year is in the path; the body may repeat it).</summary>
public sealed record CalendarYearRequest(
    int? Year, string? SourceTitle, DateOnly? SourceDate, IReadOnlyList<HolidayRequest?>? Holidays, IReadOnlyList<DateOnly>? WorkingWeekendDays, string? Reason);

public sealed record HolidayRequest(string? Name, IReadOnlyList<DateOnly>? DaysOff);

/// <summary>The calendar in force: its revision, the version in force of each year, and the notice people should see, if any.</summary>
public sealed record CalendarAnswer(int Revision, IReadOnlyList<YearScheduleVersion> Years, string? Notice);

/// <summary>The version stored (or found again, <see cref="Repeat"/>), and what follows.</summary>
public sealed record CalendarAdded(YearScheduleVersion Version, bool Repeat, string Then);
