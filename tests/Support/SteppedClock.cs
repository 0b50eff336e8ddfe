namespace Samples.Tests.Support;

/// <summary>
/// A running silo's clock for tests: the real time plus an offset a test moves forward (<see cref="Advance"/>), so a test
/// that waits for an entropy deadline steps past it instead of sleeping. Only the wall clock moves: timestamps and timers
/// stay the system's (Orleans, MassTransit and Quartz keep running as they do), and time never goes back.
/// </summary>
public sealed class SteppedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref offsetTicks, by.Ticks);
    }

    /// <summary>Moves the clock just past <paramref name="instant"/> (nothing when it has passed).</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        var left = instant - GetUtcNow() + TimeSpan.FromMilliseconds(1);
        if (left > TimeSpan.Zero)
        {
            Advance(left);
        }
    }
}
