using System.Globalization;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Reference;

namespace Samples.Domain.Tasks;

/// <summary>
/// Deadlines that could not be counted when they began, because the working calendar did not yet hold the year they
/// reach, are counted once it does: the running deadline, the objection window and the publication deadline, each
/// from the day it was counted from then. The task's history records that the deadline was set late and why; a result
/// published after the deadline now known is marked late. Nothing else changes.
/// </summary>
public static class FlaggedDeadlines
{
    public const string Actor = "system: working calendar";
    public const string Action = "deadline-set-late";

    public static bool Any(TaskView t) => t.Due?.Flag is not null || t.ObjectionDeadline?.Flag is not null || t.PublicationDeadline?.Flag is not null;

    public static WorkflowOutcome Recount(TaskView t, WorkingCalendar calendar, DateTimeOffset now)
    {
        if (!Any(t))
        {
            return new(t, null, false);
        }

        var why = new[] { t.Due?.Flag, t.ObjectionDeadline?.Flag, t.PublicationDeadline?.Flag }.First(f => f is not null)!;
        var counted = new List<string>();
        var next = t;
        if (t.ObjectionDeadline is { Flag: not null } objection && t.NotifiedOn is { } notified
            && RegimeRules.For(Enum.Parse<Regime>(t.Regime)).ObjectionDeadline(notified, calendar).Due is { } closes)
        {
            next = next with
            {
                ObjectionDeadline = objection with { On = closes, Flag = null },
                NextStep = t.Stage == TaskStage.Notified ? $"the enterprise may object until {Day(closes)}" : t.NextStep,
            };
            counted.Add($"{objection.What} until {Day(closes)}");
        }

        if (t.PublicationDeadline is { Flag: not null } publication && t.ConcludedOn is { } concluded
            && RegimeRules.PublicationDeadline(concluded, calendar).Due is { } publishBy)
        {
            var late = t.PublishedOn is { } published && published > publishBy;
            next = next with { PublicationDeadline = publication with { On = publishBy, Flag = null }, PublishedLate = t.PublishedLate || late };
            counted.Add($"{publication.What} by {Day(publishBy)}" + (late ? $": published on {Day(t.PublishedOn!.Value)}, late" : string.Empty));
        }

        if (t.Due is { Flag: not null } && TaskDeadlines.For(next, calendar) is { On: { } on } due)
        {
            next = next with { Due = due };
            counted.Add($"{due.What} by {Day(on)} ({due.Owner})");
        }

        if (counted.Count == 0)
        {
            return new(t, null, false);
        }

        var cause = why.Split(';')[0];
        var detail = $"deadline set late: {string.Join("; ", counted)}. It was not counted when it began ({cause}); " +
            $"counted now with working calendar revision {calendar.Revision} (years {string.Join(", ", calendar.KnownYears)})";
        return new(TaskWorkflow.Record(next, now, Actor, Action, detail), null, true);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
