using Quartz;

namespace Samples.Silo.Hosting;

public static class SchedulingComposition
{
    /// <summary>
    /// Quartz with its ADO.NET job store on the same PostgreSQL, so scheduled draws survive restarts.
    /// Quartz provisions its own tables (qrtz_*) from the schema embedded in Quartz.dll. Clustering is
    /// switched on in cluster mode so each trigger fires on one silo only.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesScheduling(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "samples";
                scheduler.GenerateInstanceId = true;
            });
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(settings.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (settings.ClusteredScheduler)
                {
                    store.UseClustering();
                }
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
