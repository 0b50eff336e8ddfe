using Quartz;
using Samples.Silo.Draws;

namespace Samples.Silo.Hosting;

public static class SchedulingComposition
{
    /// <summary>
    /// Quartz with its ADO.NET job store on the same PostgreSQL, so scheduled draws survive restarts.
    /// Its tables (qrtz_*) come from the migrations (0010): the silo's role may create no table, and Quartz only checks
    /// at start that they are there (SchemaProvisioning.Validate, its default). Clustering is
    /// switched on in cluster mode so each trigger fires on one silo only. The scheduler is named after the deployment
    /// (service id), so deployments sharing a database never fire each other's triggers. The round jobs are durable: the
    /// plans' triggers (see <see cref="RoundScheduler"/>) point at them.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesScheduling(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = settings.ServiceId;
                scheduler.GenerateInstanceId = true;
            });
            quartz.AddJob<CommitRoundJob>(job => job.WithIdentity(RoundScheduler.CommitJob).StoreDurably());
            quartz.AddJob<DrawRoundJob>(job => job.WithIdentity(RoundScheduler.DrawJob).StoreDurably());
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(settings.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(options => options.MisfireThreshold = DrawSettings.Read(builder.Configuration).MisfireThreshold);
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
