using System.Diagnostics.Metrics;

namespace Samples.Silo.Operations;

/// <summary>
/// How many faulted messages wait, as last counted (by <see cref="FaultRedeliveryService"/> every few seconds, and at once
/// after a fault is kept or redelivered): the gauge, the health warning and the service read it without a query each.
/// </summary>
public sealed class FaultWatch : IDisposable
{
    public const string MeterName = "Samples.Messaging";

    private readonly Meter meter = new(MeterName);
    private readonly SemaphoreSlim changed = new(0, 1);
    private volatile int waiting = -1;

    public FaultWatch() =>
        meter.CreateObservableGauge("samples.messaging.faulted.waiting", () => Math.Max(waiting, 0), "{message}",
            "Messages a consumer gave up on that wait for redelivery (samples ops errors).");

    /// <summary>The last count, or -1 before the first (the store not yet read).</summary>
    public int Waiting => waiting;

    public void Counted(int count) => waiting = count;

    /// <summary>A fault was kept or redelivered: the next count is due now.</summary>
    public void Changed()
    {
        if (changed.CurrentCount == 0)
        {
            try
            {
                changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>Waits for <see cref="Changed"/> or the period, whichever comes first.</summary>
    public Task<bool> WaitAsync(TimeSpan period, CancellationToken ct) => changed.WaitAsync(period, ct);

    /// <summary>The health warning while any wait (Chinese first): what the operator reads on /health.</summary>
    public string? Warning() => waiting > 0
        ? $"{waiting} 条消息处理失败，等待重新投递（samples ops errors）/ {waiting} faulted messages wait for redelivery (samples ops errors; docs/operations.md \"Nothing stranded\")"
        : null;

    public void Dispose()
    {
        meter.Dispose();
        changed.Dispose();
    }
}
