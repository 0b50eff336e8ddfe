using Samples.Contracts.Tasks;

namespace Samples.Contracts.Reference;

/// <summary>
/// Event: a version of a year's schedule was stored, as an entry of the calendar's own hash chain (stream
/// <see cref="Stream"/>), so the audit trail holds every calendar change next to task changes and draw steps.
/// <see cref="EventId"/> is <c>working-calendar#{n}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.reference.calendar-change-recorded.v1")]
public sealed record CalendarChangeRecorded(
    [property: Id(0)] string EventId,
    [property: Id(1)] TaskHistoryEntry Entry)
{
    public const string Stream = "working-calendar";
}
