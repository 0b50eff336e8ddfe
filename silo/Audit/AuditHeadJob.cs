using Quartz;

namespace Samples.Silo.Audit;

/// <summary>
/// Records the audit trail's head in the head log once a day and once at every start, from Quartz's job store (so in
/// cluster mode the daily run happens on one silo). A failed run (the database or the file not there) is tried again
/// after <see cref="RetryAfter"/> rather than a day later.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class AuditHeadJob(AuditHeadRecorder recorder, TimeProvider clock, ILogger<AuditHeadJob> logger) : IJob
{
    public const string Group = "audit";

    public static readonly JobKey Key = new("audit-head", Group);

    public static readonly TriggerKey Daily = new("audit-head-daily", Group);

    public static readonly TriggerKey AtStart = new("audit-head-at-start", Group);

    /// <summary>00:05 in China (UTC+8), written in UTC: the job store keeps a trigger's zone by its id, and every machine knows UTC.</summary>
    public const string DailyCron = "0 5 16 * * ?";

    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await recorder.RecordAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var at = clock.GetUtcNow() + RetryAfter;
            await context.Scheduler.ScheduleJob(
                TriggerBuilder.Create().ForJob(Key).WithIdentity($"audit-head-retry-{Guid.NewGuid():N}", Group).StartAt(at).Build(), default, cancellationToken);
            LogFailed(logger, ex, at);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording the audit head failed; tried again at {At:O}")]
    private static partial void LogFailed(ILogger logger, Exception ex, DateTimeOffset at);
}
