using Quartz;
using Samples.Silo.Hosting;

namespace Samples.Silo.Audit;

public static class AuditComposition
{
    /// <summary>The audit head log and the Quartz job that writes it (daily, and at start).</summary>
    public static IHostApplicationBuilder AddSamplesAudit(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        builder.Services.AddSingleton(new AuditHeadLog(HeadLogFile(builder.Configuration, settings.ServiceId)));
        builder.Services.AddSingleton<AuditHeadRecorder>();
        // AddQuartz adds to the scheduler SchedulingComposition set up (the same job store), it does not make another.
        builder.Services.AddQuartz(quartz =>
        {
            quartz.AddJob<AuditHeadJob>(job => job.WithIdentity(AuditHeadJob.Key).StoreDurably());
            // A day missed while no silo ran fires once when one is back (the cron's default misfire handling).
            quartz.AddTrigger(trigger => trigger.ForJob(AuditHeadJob.Key).WithIdentity(AuditHeadJob.Daily)
                .WithCronSchedule(AuditHeadJob.DailyCron, cron => cron.InTimeZone(TimeZoneInfo.Utc)));
            quartz.AddTrigger(trigger => trigger.ForJob(AuditHeadJob.Key).WithIdentity(AuditHeadJob.AtStart).StartNow());
        });
        return builder;
    }

    /// <summary>
    /// <c>Samples:Audit:HeadLogFile</c>: where the recorded heads are kept, outside the database (the ops scripts keep them
    /// beside the data, in <c>.data/audit-heads.jsonl</c>); by default one file per deployment in the user's local
    /// application data.
    /// </summary>
    public static string HeadLogFile(IConfiguration configuration, string serviceId) =>
        configuration["Samples:Audit:HeadLogFile"] is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "samples",
                $"audit-heads-{string.Concat(serviceId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}.jsonl");
}
