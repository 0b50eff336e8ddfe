using System.Threading.Channels;
using MassTransit;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Grains.Workflow;

namespace Samples.Silo.Tasks;

/// <summary>
/// Task and draw grains' outboxes drain here, onto MassTransit (in memory on one silo, RabbitMQ in a cluster). Task
/// events are gathered: whatever grains hand over while a publish is under way goes out in the next message
/// (<see cref="SamplingTasksChanged"/>, at most <see cref="MaxEvents"/> events), so under load the bus carries far fewer
/// messages, and a lone change still goes out at once. A grain's call completes only when its events are published, and
/// fails when their message could not be: the events then stay in the grain's outbox.
/// </summary>
public sealed class TaskEventPublisher : ITaskEventSink, IAsyncDisposable
{
    public const int MaxEvents = 500;

    private readonly IBus bus;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;

    public TaskEventPublisher(IBus bus)
    {
        this.bus = bus;
        pump = Task.Run(PumpAsync);
    }

    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken)
    {
        var pending = new Pending(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new InvalidOperationException("the event publisher has stopped"));
    }

    public Task PublishAsync(IReadOnlyList<DrawStepRecorded> events, CancellationToken cancellationToken) =>
        events.Count == 1 ? bus.Publish(events[0], cancellationToken) : bus.PublishBatch(events, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await pump;
    }

    private async Task PumpAsync()
    {
        var gathered = new List<Pending>();
        while (await queue.Reader.WaitToReadAsync())
        {
            gathered.Clear();
            var count = 0;
            while (count < MaxEvents && queue.Reader.TryRead(out var next))
            {
                gathered.Add(next);
                count += next.Events.Count;
            }

            try
            {
                await bus.Publish(new SamplingTasksChanged(gathered.SelectMany(p => p.Events).ToArray()));
                gathered.ForEach(p => p.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                gathered.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private sealed record Pending(IReadOnlyList<SamplingTaskChanged> Events, TaskCompletionSource Done);
}
