using MassTransit;
using Samples.Contracts.Tasks;
using Samples.Grains.Workflow;

namespace Samples.Silo.Tasks;

/// <summary>Task grains' outbox drains here, onto MassTransit (in memory on one silo, RabbitMQ in a cluster).</summary>
public sealed class TaskEventPublisher(IBus bus) : ITaskEventSink
{
    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken) =>
        events.Count == 1 ? bus.Publish(events[0], cancellationToken) : bus.PublishBatch(events, cancellationToken);
}
