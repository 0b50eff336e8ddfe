using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Samples.Domain.Tasks;
using Samples.Grains.Tasks;
using Samples.Silo.Audit;
using Samples.Silo.Draws;
using Samples.Silo.Hosting;
using Samples.Silo.Plans;

namespace Samples.Silo.Tasks;

public static class TasksComposition
{
    /// <summary>The sampling-task workflow: grains publish through MassTransit; tasks are issued from drawn draws.</summary>
    public static IHostApplicationBuilder AddSamplesTasks(this IHostApplicationBuilder builder)
    {
        // TryAdd: a host may put its own sink first (the workflow benchmark measures the grain without the bus that way).
        builder.Services.TryAddSingleton<ITaskEventSink, TaskEventPublisher>();
        builder.Services.AddSingleton(DeadlineChecks(builder.Configuration));
        builder.Services.AddSingleton<TaskIssuer>();
        builder.Services.AddSingleton<TaskQueries>();
        builder.Services.AddSingleton<TaskPhotos>();
        builder.Services.AddSingleton<DrawSupplements>();
        builder.Services.AddSingleton<SamplingHistoryRecorder>();
        builder.Services.AddSingleton<DeadlineRecount>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DeadlineRecount>());
        return builder;
    }

    /// <summary>
    /// One consumer per message, named after it, builds the read models in batches (one transaction each), so every event
    /// is delivered and deserialised once. Failed deliveries are retried with backoff for the retry budget, then kept
    /// (Operations.FaultComposition.AddFaultHandling). The queues keep the names they had
    /// before the consumers were named after their messages, so a deployment's queued messages are still consumed.
    /// </summary>
    public static void AddTaskConsumers(this IBusRegistrationConfigurator bus)
    {
        // Task events arrive already gathered (up to 500 a message): a few messages make a transaction.
        bus.AddConsumer<SamplingTasksChangedConsumer>((_, c) => Batched(c, messages: 20)).Endpoint(e => e.Name = "task-read-models");
        bus.AddConsumer<DrawStepRecordedConsumer>((_, c) => Batched(c, messages: 1000)).Endpoint(e => e.Name = "draw-audit");
        bus.AddConsumer<CalendarChangeRecordedConsumer>((_, c) => Batched(c, messages: 100)).Endpoint(e => e.Name = "calendar-audit");
    }

    /// <summary><c>Samples:Workflow:DeadlineCheckEvery</c>: how often an open task checks its deadlines (default a day).</summary>
    public static DeadlineCheckSchedule DeadlineChecks(IConfiguration configuration)
    {
        const string Key = "Samples:Workflow:DeadlineCheckEvery";
        if (configuration[Key] is not { } text)
        {
            return DeadlineCheckSchedule.Daily;
        }

        if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var every))
        {
            throw new SettingsException($"{Key} '{text}' is not a duration (d.hh:mm:ss, e.g. 1.00:00:00 for a day).");
        }

        return DeadlineCheckSchedule.TryCreate(every, out var problem) ?? throw new SettingsException($"{Key} '{text}' {problem}.");
    }

    private static void Batched<T>(IConsumerConfigurator<T> consumer, int messages)
        where T : class =>
        consumer.Options<BatchOptions>(o => o.SetMessageLimit(messages).SetTimeLimit(TimeSpan.FromMilliseconds(20)).SetConcurrencyLimit(2));
}
