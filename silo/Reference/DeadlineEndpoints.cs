using Samples.Contracts.Common;
using Samples.Domain.Reference;
using Samples.Grains.Reference;
using Samples.Silo.Api;

namespace Samples.Silo.Reference;

/// <summary>Legal deadlines from the working calendar (docs/domain.md section 7), for people and for the workflow's screens.</summary>
public static class DeadlineEndpoints
{
    public static void MapDeadlineEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/reference/deadline", Deadline).RequireAuthorization(Roles.Anyone).Produces<DeadlineAnswer>();

    /// <summary>From a triggering day: N working days, or N calendar days (moved off a day off); a flag instead of a date when the calendar lacks a year.</summary>
    private static async Task<IResult> Deadline(DateOnly? from, int? workingDays, int? days, WorkingCalendarCache calendars)
    {
        if (from is null)
        {
            return Problems.Validation("No deadline was computed.", new FieldProblem("from", "is required: the triggering day, yyyy-MM-dd"));
        }

        if (from.Value.Year is < YearScheduleRules.FirstYear or > YearScheduleRules.LastYear)
        {
            return Problems.Validation("No deadline was computed.", new FieldProblem("from",
                $"{from.Value:yyyy-MM-dd} is outside the years the working calendar can hold ({YearScheduleRules.FirstYear} to {YearScheduleRules.LastYear})"));
        }

        if ((workingDays is null) == (days is null))
        {
            return Problems.Validation("No deadline was computed.", new FieldProblem("workingDays", "give workingDays or days (one of them)"));
        }

        if (workingDays is < 0 or > 3650 || days is < 0 or > 3650)
        {
            return Problems.Validation("No deadline was computed.", new FieldProblem(workingDays is null ? "days" : "workingDays", "must be between 0 and 3650"));
        }

        var calendar = await calendars.CurrentAsync();
        var deadline = workingDays is { } n ? calendar.AddWorkingDays(from.Value, n) : calendar.AddDays(from.Value, days!.Value);
        return Results.Ok(new DeadlineAnswer(from.Value, workingDays, days, deadline.Due, deadline.Flag, calendar.KnownYears));
    }
}

public sealed record DeadlineAnswer(DateOnly From, int? WorkingDays, int? Days, DateOnly? Due, string? Flag, IReadOnlyList<int> CalendarYears);
