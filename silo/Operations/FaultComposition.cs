using MassTransit;
using Samples.Domain.Operations;
using Samples.Silo.Hosting;

namespace Samples.Silo.Operations;

public static class FaultComposition
{
    public const string RetryBudgetKey = "Samples:Messaging:RetryBudget";

    /// <summary>Faulted messages kept (messaging_faults), counted, and redelivered by command or after a recovery.</summary>
    public static IHostApplicationBuilder AddSamplesFaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FaultStore>();
        builder.Services.AddSingleton<FaultWatch>();
        builder.Services.AddSingleton<FaultRedelivery>();
        builder.Services.AddHostedService<FaultRedeliveryService>();
        return builder;
    }

    /// <summary>
    /// Every endpoint retries a failed message for the retry budget, then its error pipe keeps it in messaging_faults
    /// (<see cref="FaultKeepingFilter"/>), with MassTransit's error queue behind it for what cannot be kept.
    /// </summary>
    public static void AddFaultHandling(this IBusRegistrationConfigurator bus, TimeSpan retryBudget)
    {
        var waits = RetryBudget.Intervals(retryBudget).ToArray();
        bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
        {
            if (waits.Length > 0)
            {
                endpoint.UseMessageRetry(r => r.Intervals(waits));
            }

            var filter = new FaultKeepingFilter(context.GetRequiredService<FaultStore>(), context.GetRequiredService<FaultWatch>(), retryBudget,
                context.GetRequiredService<IHostApplicationLifetime>(), context.GetRequiredService<ILogger<FaultKeepingFilter>>());
            endpoint.ConfigureError(error =>
            {
                error.UseFilter(filter);
                error.UseFilter(new MassTransit.Middleware.ErrorTransportFilter());
            });
        });
    }

    /// <summary><c>Samples:Messaging:RetryBudget</c>: how long a consumer retries a message before giving up on it (default 6 minutes).</summary>
    public static TimeSpan ReadRetryBudget(IConfiguration configuration)
    {
        if (configuration[RetryBudgetKey] is not { } text)
        {
            return RetryBudget.Default;
        }

        if (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var budget))
        {
            throw new SettingsException($"{RetryBudgetKey} '{text}' is not a duration (hh:mm:ss, e.g. 00:06:00 for 6 minutes).");
        }

        return RetryBudget.Problem(budget) is { } problem ? throw new SettingsException($"{RetryBudgetKey} '{text}' {problem}.") : budget;
    }
}
