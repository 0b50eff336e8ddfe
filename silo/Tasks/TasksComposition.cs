using MassTransit;
using Samples.Grains.Workflow;

namespace Samples.Silo.Tasks;

public static class TasksComposition
{
    /// <summary>The sampling-task workflow: grains publish through MassTransit; tasks are issued from drawn draws.</summary>
    public static IHostApplicationBuilder AddSamplesTasks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ITaskEventSink, TaskEventPublisher>();
        builder.Services.AddSingleton<TaskIssuer>();
        builder.Services.AddSingleton<TaskQueries>();
        return builder;
    }

    /// <summary>
    /// The consumers that build the read models: batches (one transaction per batch) for the board, the audit trail and
    /// notifications; one message at a time for draw supplements. Failed deliveries are retried with backoff.
    /// </summary>
    public static void AddTaskConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<TaskBoardConsumer>(Batched);
        bus.AddConsumer<AuditTrailConsumer>(Batched);
        bus.AddConsumer<NotificationConsumer>(Batched);
        bus.AddConsumer<DrawSupplementConsumer>();
        bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            endpoint.UseMessageRetry(r => r.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200))));
    }

    private static void Batched<T>(IRegistrationContext context, IConsumerConfigurator<T> consumer)
        where T : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(500).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(1));
}
