using Samples.Contracts.Access;
using Samples.Contracts.Accounts;
using Samples.Domain.Accounts;
using Samples.Silo.Accounts;

namespace Samples.Silo.Access;

/// <summary>
/// On the very first start of a deployment, issues the admin credential and the admin's person account (user
/// <c>admin</c> with a first password) and prints both once to the console. Runs after Orleans has started (hosted
/// services start in registration order).
/// </summary>
public sealed class AdminBootstrapService(IGrainFactory grains, BootstrapOutput output, ILogger<AdminBootstrapService> logger) : IHostedService
{
    /// <summary>The first person account, made with the first admin credential.</summary>
    public const string AdminUser = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var issued = await grains.GetGrain<IAccessBootstrapGrain>(IAccessBootstrapGrain.Key).EnsureAdminAsync();
        if (issued is null)
        {
            logger.LogInformation("Admin credential already issued on an earlier start; not shown again.");
            return;
        }

        // A person account for the web application too, so a new user starts in the browser (/app/) without a token.
        var password = AccountRules.NewFirstPassword();
        var person = await grains.GetGrain<IUserAccountGrain>(AdminUser).CreateAsync(
            new CreateAccount("管理员 Administrator", Role.Admin, null, Sessions.Hash(password), "system: first start"));

        // Written to the console, not the log: it is shown once and should not travel to log stores.
        var console = output.Writer;
        await console.WriteLineAsync();
        await console.WriteLineAsync("============================================================================");
        await console.WriteLineAsync(" First start: an admin credential was created. It is shown only this once.");
        await console.WriteLineAsync($"   export SAMPLES_TOKEN={issued.Token}");
        await console.WriteLineAsync(" Keep it safe; use it to create credentials for inspectors, labs, supervisors.");
        if (person)
        {
            await console.WriteLineAsync($" Web application (/app/): user {AdminUser}, first password {password} (changed at first login).");
        }

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
