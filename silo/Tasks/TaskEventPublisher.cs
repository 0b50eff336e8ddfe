using MassTransit;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Grains.Workflow;

namespace Samples.Silo.Tasks;

/// <summary>Task and draw grains' outboxes drain here, onto MassTransit (in memory on one silo, RabbitMQ in a cluster).</summary>
public sealed class TaskEventPublisher(IBus bus) : ITaskEventSink
{
    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken) =>
        events.Count == 1 ? bus.Publish(events[0], cancellationToken) : bus.PublishBatch(events, cancellationToken);

    public Task PublishAsync(IReadOnlyList<DrawStepRecorded> events, CancellationToken cancellationToken) =>
        events.Count == 1 ? bus.Publish(events[0], cancellationToken) : bus.PublishBatch(events, cancellationToken);
}
