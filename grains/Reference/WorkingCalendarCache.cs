using System.Diagnostics;
using Samples.Contracts.Reference;
using Samples.Domain.Reference;

namespace Samples.Grains.Reference;

/// <summary>
/// The working calendar in force, as this silo knows it: asked of the calendar grain again at most every
/// <see cref="Refresh"/> (so tasks do not all queue on one grain), and at once when a caller needs a newer revision than
/// the one held (the silo that stored a version, and the recount of flagged deadlines, pass the revision they know of).
/// One per silo host, so silos of different deployments in one process never share a calendar.
/// </summary>
public sealed class WorkingCalendarCache(IGrainFactory grains)
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    private Known? known;

    public async Task<WorkingCalendar> CurrentAsync(int atLeastRevision = 0)
    {
        var held = Volatile.Read(ref known);
        if (held is not null && held.Calendar.Revision >= atLeastRevision && Stopwatch.GetElapsedTime(held.AskedAt) < Refresh)
        {
            return held.Calendar;
        }

        var asked = Stopwatch.GetTimestamp();
        var snapshot = await grains.GetGrain<IWorkingCalendarGrain>(IWorkingCalendarGrain.Key).CurrentAsync();
        var calendar = held?.Calendar.Revision == snapshot.Revision
            ? held.Calendar
            : WorkingCalendar.Of(snapshot.Years.Select(y => y.Schedule), snapshot.Revision);
        Volatile.Write(ref known, new Known(calendar, asked));
        return calendar;
    }

    private sealed record Known(WorkingCalendar Calendar, long AskedAt);
}
