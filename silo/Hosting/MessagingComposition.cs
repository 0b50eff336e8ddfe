using MassTransit;
using Samples.Silo.Operations;
using Samples.Silo.Tasks;

namespace Samples.Silo.Hosting;

public static class MessagingComposition
{
    /// <summary>
    /// MassTransit on the in-memory transport for a single silo, or RabbitMQ when the silos form a
    /// cluster (Samples:Messaging:Transport = RabbitMq). Registered before Orleans, as MassTransit's
    /// hosted service must be running before grains publish.
    /// </summary>
    public static IHostApplicationBuilder AddSamplesMessaging(this IHostApplicationBuilder builder, SamplesSettings settings)
    {
        var retryBudget = FaultComposition.ReadRetryBudget(builder.Configuration);
        builder.AddSamplesFaults();
        builder.Services.AddMassTransit(bus =>
        {
            // MassTransit 8 reports usage telemetry to usage-tracking.masstransit.io five minutes after start; a
            // regulator's deployment calls nothing outside the machine (NoCallsOutTests watches for it).
            bus.DisableUsageTelemetry();
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddTaskConsumers();
            bus.AddFaultHandling(retryBudget);
            if (settings.Transport == MessagingTransport.RabbitMq)
            {
                bus.UsingRabbitMq((context, rabbit) =>
                {
                    var r = settings.RabbitMq;
                    rabbit.Host(r.Host, (ushort)r.Port, r.VirtualHost, h =>
                    {
                        h.Username(r.Username);
                        h.Password(r.Password);
                    });
                    rabbit.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, memory) => memory.ConfigureEndpoints(context));
            }
        });
        return builder;
    }
}
