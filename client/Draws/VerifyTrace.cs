using System.Diagnostics;

namespace Samples.Client.Draws;

/// <summary>
/// Where <c>samples verify</c> spends its wall time, on standard error when <c>SAMPLES_VERIFY_TRACE=1</c> (ops/bench-draw.sh and
/// docs/benchmarks.md read it): the runtime's start before Main, then each step, in milliseconds since the process started.
/// </summary>
internal static class VerifyTrace
{
    private static readonly bool On = Environment.GetEnvironmentVariable("SAMPLES_VERIFY_TRACE") == "1";
    private static DateTime started;
    private static double last;

    public static void Mark(string step)
    {
        if (!On)
        {
            return;
        }

        if (started == default)
        {
            started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        }

        var now = (DateTime.UtcNow - started).TotalMilliseconds;
        Console.Error.WriteLine(FormattableString.Invariant($"trace {now,7:0} ms  +{now - last,6:0} ms  {step}"));
        last = now;
    }
}
