using Quartz;

namespace Samples.Silo.Risk;

public static class RiskComposition
{
    /// <summary>
    /// Risk-based supervision: the evaluation model's store and its run, monthly by Quartz unless
    /// <c>Samples:Risk:MonthlyRun</c> is false (the tests' silos, whose deployments must not be reclassified under them).
    /// </summary>
    public static IHostApplicationBuilder AddSamplesRisk(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RiskStore>();
        builder.Services.AddSingleton<RiskRunner>();
        if (builder.Configuration.GetValue("Samples:Risk:MonthlyRun", true))
        {
            // AddQuartz adds to the scheduler SchedulingComposition set up (the same job store), it does not make another.
            builder.Services.AddQuartz(quartz =>
            {
                quartz.AddJob<RunRiskModelJob>(job => job.WithIdentity(RunRiskModelJob.Key).StoreDurably());
                quartz.AddTrigger(trigger => trigger.ForJob(RunRiskModelJob.Key).WithIdentity(RunRiskModelJob.Monthly)
                    .WithCronSchedule(RunRiskModelJob.MonthlyCron, cron => cron.InTimeZone(TimeZoneInfo.Utc)));
            });
        }

        return builder;
    }
}
