using System.Diagnostics.Metrics;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;

namespace Samples.Silo.Telemetry;

/// <summary>
/// The workflow's own meter, "Samples.Workflow": what an operator asks of the system (are tasks moving, are draws made,
/// are read models keeping up). Static, as .NET meters are: a listener subscribes by name, so whoever has no listener
/// pays one branch per measurement. Counted once an event is published (the change is stored and on its way), so a
/// refused or failed write is never counted.
/// </summary>
public static class WorkflowMetrics
{
    public const string MeterName = "Samples.Workflow";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Transitions = Meter.CreateCounter<long>(
        "samples.workflow.transitions", "{transition}", "Task transitions published, by step (the action's name)");

    private static readonly Counter<long> DrawSteps = Meter.CreateCounter<long>(
        "samples.draws.steps", "{step}", "Draw steps published: committed (frames frozen) and revealed (drawn)");

    private static readonly Histogram<double> ConsumerLag = Meter.CreateHistogram<double>(
        "samples.workflow.consumer_lag", "s", "Time from an event's occurrence to its consumption by a read-model consumer",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] });

    public static void Published(IReadOnlyList<SamplingTaskChanged> events)
    {
        if (!Transitions.Enabled)
        {
            return;
        }

        foreach (var e in events)
        {
            Transitions.Add(1, new KeyValuePair<string, object?>("step", e.Entry.Action));
        }
    }

    public static void Published(IReadOnlyList<DrawStepRecorded> events)
    {
        foreach (var e in events)
        {
            // A repeated commit or draw is recorded in the audit chain too, but nothing new happened.
            if (DrawStep(e) is { } step)
            {
                DrawSteps.Add(1, new KeyValuePair<string, object?>("step", step));
            }
        }
    }

    /// <summary>"committed" for a commit, "revealed" for the draw; null for contributions and repeats.</summary>
    public static string? DrawStep(DrawStepRecorded e) => e.Entry.Detail == DrawStepRecord.Repeat ? null : e.Entry.Action switch
    {
        "commit" => "committed",
        "draw" => "revealed",
        _ => null,
    };

    /// <summary>
    /// One lag per event consumed. An event dated later than now (a caller-supplied time, as the benchmark and tests give)
    /// has no meaningful lag and is left out.
    /// </summary>
    public static void Consumed(string consumer, IEnumerable<DateTimeOffset> occurredAt, DateTimeOffset now)
    {
        if (!ConsumerLag.Enabled)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("consumer", consumer);
        foreach (var at in occurredAt)
        {
            var lag = (now - at).TotalSeconds;
            if (lag >= 0)
            {
                ConsumerLag.Record(lag, tag);
            }
        }
    }
}
