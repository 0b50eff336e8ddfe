using System.Diagnostics.Metrics;

namespace Samples.Grains.Tasks;

/// <summary>
/// "samples.workflow.outbox.waiting": task activations holding events not yet published (normally for the moment of a
/// publish; for longer when the bus is away). Each activation adds itself once when its outbox fills and takes itself
/// off when it empties or the activation ends, so the sum over silos is the tasks waiting to publish right now.
/// </summary>
public static class OutboxGauge
{
    private static readonly Meter Meter = new("Samples.Workflow");

    private static readonly UpDownCounter<int> Waiting = Meter.CreateUpDownCounter<int>(
        "samples.workflow.outbox.waiting", "{task}", "Tasks whose outbox holds events not yet published");

    /// <summary>Counts the activation in or out as its outbox now holds <paramref name="pending"/> events.</summary>
    public static void Update(ref bool counted, int pending)
    {
        var waiting = pending > 0;
        if (waiting != counted)
        {
            Waiting.Add(waiting ? 1 : -1);
            counted = waiting;
        }
    }
}
