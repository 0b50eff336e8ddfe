using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;

namespace Samples.Grains.Tasks;

/// <summary>
/// Where task and draw grains publish their events. The silo adapts it to MassTransit; grain tests record. A failure throws: the
/// events stay in the grain's outbox and are published again later.
/// </summary>
public interface ITaskEventSink
{
    Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken);

    /// <summary>Draw steps, for the audit trail (the draw grain's outbox drains here).</summary>
    Task PublishAsync(IReadOnlyList<DrawStepRecorded> events, CancellationToken cancellationToken);

    /// <summary>Working-calendar changes, for the audit trail (the calendar grain's outbox drains here).</summary>
    Task PublishAsync(IReadOnlyList<CalendarChangeRecorded> events, CancellationToken cancellationToken);
}
