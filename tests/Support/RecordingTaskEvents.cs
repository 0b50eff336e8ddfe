using System.Collections.Concurrent;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Domain.Draws;
using Samples.Grains.Tasks;

namespace Samples.Tests.Support;

/// <summary>A task event sink for grain tests: records what was published, and fails while <see cref="Down"/> is set (a bus outage).</summary>
public sealed class RecordingTaskEvents : ITaskEventSink
{
    public ConcurrentQueue<SamplingTaskChanged> Published { get; } = new();

    private volatile bool down;

    public bool Down { get => down; set => down = value; }

    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken) => RecordAsync(Published, events);

    public ConcurrentQueue<DrawStepRecorded> DrawSteps { get; } = new();

    public Task PublishAsync(IReadOnlyList<DrawStepRecorded> events, CancellationToken cancellationToken) => RecordAsync(DrawSteps, events);

    public ConcurrentQueue<CalendarChangeRecorded> CalendarChanges { get; } = new();

    public Task PublishAsync(IReadOnlyList<CalendarChangeRecorded> events, CancellationToken cancellationToken) => RecordAsync(CalendarChanges, events);

    private Task RecordAsync<T>(ConcurrentQueue<T> into, IReadOnlyList<T> events)
    {
        if (down)
        {
            throw new InvalidOperationException("the bus is down (test)");
        }

        foreach (var e in events)
        {
            into.Enqueue(e);
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<SamplingTaskChanged> Of(string taskId) => Published.Where(e => e.Task.TaskId == taskId).ToArray();
}
