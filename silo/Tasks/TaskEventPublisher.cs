using System.Threading.Channels;
using MassTransit;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Grains.Tasks;
using Samples.Silo.Telemetry;

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

    /// <summary>
    /// How long a publish may wait for the broker. MassTransit waits for a lost RabbitMQ connection to come back; a grain
    /// must not wait with it (its calls would queue behind it and time out), so the publish gives up, the events stay in
    /// the grain's outbox and its retry timer publishes them once the broker is back.
    /// </summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    private readonly IBusControl bus;
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task pump;

    public TaskEventPublisher(IBusControl bus)
    {
        this.bus = bus;
        pump = Task.Run(PumpAsync);
    }

    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken)
    {
        var pending = new Pending(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new InvalidOperationException("the event publisher has stopped"));
    }

    public Task PublishAsync(IReadOnlyList<DrawStepRecorded> events, CancellationToken cancellationToken) => PublishNowAsync(events, cancellationToken);

    public Task PublishAsync(IReadOnlyList<CalendarChangeRecorded> events, CancellationToken cancellationToken) => PublishNowAsync(events, cancellationToken);

    /// <summary>Draw steps and calendar changes are rare: each goes out at once, not gathered.</summary>
    private async Task PublishNowAsync<T>(IReadOnlyList<T> events, CancellationToken cancellationToken)
        where T : class
    {
        if (events.Count == 0)
        {
            return;
        }

        EnsureBrokerReachable();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PublishTimeout);
        try
        {
            await (events.Count == 1 ? bus.Publish(events[0], timeout.Token) : bus.PublishBatch(events, timeout.Token));
            if (events is IReadOnlyList<DrawStepRecorded> steps)
            {
                WorkflowMetrics.Published(steps);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut();
        }
    }

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
                EnsureBrokerReachable();
                using var timeout = new CancellationTokenSource(PublishTimeout);
                await bus.Publish(new SamplingTasksChanged(gathered.SelectMany(p => p.Events).ToArray()), timeout.Token);
                gathered.ForEach(p => WorkflowMetrics.Published(p.Events));
                gathered.ForEach(p => p.Done.TrySetResult());
            }
            catch (OperationCanceledException)
            {
                var timedOut = TimedOut();
                gathered.ForEach(p => p.Done.TrySetException(timedOut));
            }
            catch (Exception ex)
            {
                gathered.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    /// <summary>
    /// While the bus is not healthy (with RabbitMQ stopped or unreachable it reports its endpoints degraded), publishing
    /// fails at once rather than after <see cref="PublishTimeout"/>: the change is stored either way, and its events
    /// wait in the outbox until a retry finds the bus healthy again.
    /// </summary>
    private void EnsureBrokerReachable()
    {
        var health = bus.CheckHealth();
        if (health.Status != BusHealthStatus.Healthy)
        {
            throw new BrokerUnavailableException(health.Description);
        }
    }

    /// <summary>A publish that gave up is the broker's failure, not a cancellation: callers keep the events and carry on.</summary>
    private static BrokerUnavailableException TimedOut() => new($"no answer within {PublishTimeout.TotalSeconds:F0} s");

    private sealed record Pending(IReadOnlyList<SamplingTaskChanged> Events, TaskCompletionSource Done);
}

/// <summary>The bus cannot reach its message broker; events stay in their grains' outboxes until it can.</summary>
public sealed class BrokerUnavailableException(string detail) : Exception($"the message broker is unreachable: {detail}");
