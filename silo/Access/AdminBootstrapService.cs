using Samples.Contracts.Access;
using Samples.Contracts.Accounts;
using Samples.Domain.Accounts;
using Samples.Silo.Accounts;

namespace Samples.Silo.Access;

/// <summary>
/// On the very first start of a deployment, issues the admin credential and the admin's person account (user
/// <c>admin</c> with a first password) and shows both once: written to <c>Samples:Access:AdminCredentialFile</c>, readable
/// by its owner only, when that is set (the ops scripts set it: their silos' consoles are log files), or else printed to
/// the console of the terminal that started the silo. Runs after Orleans has started (hosted services start in
/// registration order).
/// </summary>
public sealed class AdminBootstrapService(IGrainFactory grains, BootstrapOutput output, IConfiguration configuration, ILogger<AdminBootstrapService> logger) : IHostedService
{
    /// <summary>The first person account, made with the first admin credential.</summary>
    public const string AdminUser = "admin";

    public const string CredentialFileSetting = "Samples:Access:AdminCredentialFile";

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

        var lines = new List<string> { $"export SAMPLES_TOKEN={issued.Token}" };
        if (person)
        {
            lines.Add($"# Web application (/app/): user {AdminUser}, first password {password} (changed at first login).");
        }

        var console = output.Writer;
        if (configuration[CredentialFileSetting] is { Length: > 0 } file)
        {
            // A console that is a log file (the cluster's) is read by more people than the admin: the secret goes to a file
            // only its owner can read, and the log says where.
            await WriteOwnerOnlyAsync(file, lines, cancellationToken);
            await console.WriteLineAsync($" First start: the admin credential and the admin's first password were written to {file} (readable by its owner only).");
            await console.FlushAsync(cancellationToken);
            return;
        }

        // Written to the console, not the log: it is shown once and should not travel to log stores.
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

    /// <summary>Created 0600 under a new name and moved into place, so the secret is never readable by others, not even for a moment.</summary>
    private static async Task WriteOwnerOnlyAsync(string path, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
        }

        File.Move(temporary, full, overwrite: true);
    }
}

/// <summary>Where the one-time admin token is printed: the console, unless a test captures it.</summary>
public sealed class BootstrapOutput(TextWriter writer)
{
    public TextWriter Writer { get; } = writer;
}
