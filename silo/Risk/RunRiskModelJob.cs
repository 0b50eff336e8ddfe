using System.Globalization;
using Quartz;
using Samples.Domain.Reference;

namespace Samples.Silo.Risk;

/// <summary>
/// The monthly run of the evaluation model, at 02:00 China time on the 1st, from Quartz's job store (in cluster mode
/// one silo runs it). A month that already has a run is left alone, so a repeated or late fire makes no second run;
/// a supervisor may still run a month again by hand.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RunRiskModelJob(RiskRunner runner, RiskStore store, TimeProvider clock, ILogger<RunRiskModelJob> logger) : IJob
{
    public const string Group = "risk";

    public static readonly JobKey Key = new("risk-monthly-run", Group);

    public static readonly TriggerKey Monthly = new("risk-monthly", Group);

    /// <summary>18:00 UTC on a month's last day is 02:00 on the 1st in China (the job store keeps UTC on every machine).</summary>
    public const string MonthlyCron = "0 0 18 L * ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var month = ChinaTime.DateOf(clock.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (await store.RunAsync(month, cancellationToken) is not null || runner.AsOf(month) is not { } asOf)
        {
            return;
        }

        var (run, warnings) = await runner.RunAsync(month, asOf, "scheduled monthly run", cancellationToken);
        LogRun(logger, month, run.Enterprises, run.Changed, warnings.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Risk model run for {Month}: {Enterprises} enterprises classified, {Changed} classes changed, {Warnings} early warnings")]
    private static partial void LogRun(ILogger logger, string month, int enterprises, int changed, int warnings);
}
