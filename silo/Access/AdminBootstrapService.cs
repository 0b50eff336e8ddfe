using Samples.Contracts.Access;

namespace Samples.Silo.Access;

/// <summary>
/// On the very first start of a deployment, issues the admin credential and prints it once to the
/// console. Runs after Orleans has started (hosted services start in registration order).
/// </summary>
public sealed class AdminBootstrapService(IGrainFactory grains, BootstrapOutput output, ILogger<AdminBootstrapService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var issued = await grains.GetGrain<IAccessBootstrapGrain>(IAccessBootstrapGrain.Key).EnsureAdminAsync();
        if (issued is null)
        {
            logger.LogInformation("Admin credential already issued on an earlier start; not shown again.");
            return;
        }

        // Written to the console, not the log: it is shown once and should not travel to log stores.
        var console = output.Writer;
        await console.WriteLineAsync();
        await console.WriteLineAsync("============================================================================");
        await console.WriteLineAsync(" First start: an admin credential was created. It is shown only this once.");
        await console.WriteLineAsync($"   export SAMPLES_TOKEN={issued.Token}");
        await console.WriteLineAsync(" Keep it safe; use it to create credentials for inspectors, labs, supervisors.");
        await console.WriteLineAsync("============================================================================");
        await console.WriteLineAsync();
        await console.FlushAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the one-time admin token is printed: the console, unless a test captures it.</summary>
public sealed class BootstrapOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}
