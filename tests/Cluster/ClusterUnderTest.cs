using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Samples.Domain.Tests.Support;

namespace Samples.Tests.Cluster;

/// <summary>
/// A real cluster of its own for the fault tests, run by the same script an operator uses (<c>ops/cluster.sh</c>):
/// its own PostgreSQL and RabbitMQ (a data folder under the temp folder, ports beside the defaults) and two silo
/// processes that the tests kill, restart and cut off from their stores. The silos talk over mutual TLS with the
/// certificates the script makes, and to RabbitMQ as the cluster's own user, as an operator's cluster does.
/// </summary>
public sealed partial class ClusterUnderTest : IAsyncLifetime
{
    public const int Silos = 2;
    private const int PostgresPort = 25442;
    private const int RabbitPort = 26682;
    private const int HttpPort = 5180;

    /// <summary>Silo 1's silo-to-silo port (silo I listens on this + I - 1).</summary>
    public const int SiloPort = 11211;

    // One fixed folder (as the ports are fixed): a run that crashed left its servers running there, and the next run's
    // "down" finds and stops them before starting afresh.
    private readonly string data = Path.Combine(Path.GetTempPath(), "samples-cluster-test");

    public IReadOnlyList<Uri> Addresses { get; } = Enumerable.Range(0, Silos).Select(i => new Uri($"http://127.0.0.1:{HttpPort + i}")).ToArray();

    public string ConnectionString { get; } = $"Host=127.0.0.1;Port={PostgresPort};Database=samples;Username=samples;Password=samples;No Reset On Close=true";

    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>The cluster's data folder (SAMPLES_DATA): its logs, secrets and admin credential file.</summary>
    public string DataFolder => data;

    public async Task InitializeAsync()
    {
        if (Directory.Exists(data))
        {
            await RunAsync("down");
            Directory.Delete(data, recursive: true);
        }

        try
        {
            await RunAsync("up", Silos.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            // xunit does not dispose a fixture that failed to start: stop what did start.
            await RunAsync("down");
            throw;
        }

        // The first silo of a new deployment writes the admin credential to an owner-only file; its log says only where.
        var credentials = await File.ReadAllTextAsync(Path.Combine(data, "admin-token"));
        AdminToken = TokenLine().Match(credentials).Groups[1].Value;
        AdminToken.Should().NotBeEmpty("the first silo of a new deployment writes the admin credential once");
    }

    public async Task DisposeAsync()
    {
        await RunAsync("down");

        // The silos' logs are kept with the test results (what happened in a drill is read there); the rest goes.
        var logs = Path.Combine(RepoPaths.Root, "TestResults", "cluster");
        Directory.CreateDirectory(logs);
        foreach (var log in Directory.EnumerateFiles(Path.Combine(data, "cluster"), "*.log"))
        {
            File.Copy(log, Path.Combine(logs, Path.GetFileName(log)), overwrite: true);
        }

        Directory.Delete(data, recursive: true);
    }

    /// <summary>Runs <c>ops/cluster.sh</c> with this cluster's folder and ports; fails with its output if it fails.</summary>
    /// <summary>Stops a service of the cluster (<c>postgres</c> or <c>rabbitmq</c>), runs <paramref name="meanwhile"/>, and starts it again whatever happened.</summary>
    public async Task WhileStoppedAsync(string service, Func<Task> meanwhile)
    {
        ArgumentNullException.ThrowIfNull(meanwhile);
        await RunAsync(service, "stop");
        try
        {
            await meanwhile();
        }
        finally
        {
            await RunAsync(service, "start");
        }
    }

    public async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "ops", "cluster.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SAMPLES_DATA"] = data;
        start.Environment["SAMPLES_PG_PORT"] = PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SAMPLES_RABBIT_PORT"] = RabbitPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SAMPLES_HTTP_PORT"] = HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["SAMPLES_SILO_PORT"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // No gateway, TLS on: the script's defaults, which these drills prove a cluster runs with.
        start.Environment.Remove("SAMPLES_GATEWAY_PORT");
        start.Environment.Remove("SAMPLES_CLUSTER_TLS");
        start.Environment.Remove("SAMPLES_TOKEN");
        start.Environment["SAMPLES_NO_BUILD"] = "1";
        start.Environment["SAMPLES_SILO_DLL"] = SiloDll();
        start.Environment["Samples__Demo__Seed"] = "false";
        // Rounds commit two seconds before their time and a trigger two seconds late counts as missed, so a scheduled
        // draw happens within the drill.
        start.Environment["Samples__Draws__CommitLead"] = "00:00:02";
        start.Environment["Samples__Draws__MinimumEntropyWindow"] = "00:00:01";
        start.Environment["Samples__Scheduling__MisfireThreshold"] = "00:00:02";
        // Open tasks check their deadlines (and publish what their outbox holds) every minute rather than daily, so a
        // reminder's work is seen within the drill.
        start.Environment["Samples__Workflow__DeadlineCheckEvery"] = "00:01:00";
        // Consumers give a message up after 20 s rather than 6 minutes, so the long-outage drill outlasts the budget.
        start.Environment["Samples__Messaging__RetryBudget"] = "00:00:20";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await errors;
        // The reason a script gives is in its last lines (die's message), and a failure's summary shows a message's first
        // lines only: those come first, then everything it printed.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var last = string.Join('\n', lines[Math.Max(0, lines.Length - 5)..]);
        process.ExitCode.Should().Be(0, $"ops/cluster.sh {string.Join(' ', arguments)} should succeed; it ended with:\n{last}\n\nall it printed:\n{text}");
        return text;
    }

    /// <summary>What silo <paramref name="silo"/> has logged so far (all its runs: a restarted silo appends).</summary>
    public async Task<string> LogAsync(int silo)
    {
        await using var file = new FileStream(Path.Combine(data, "cluster", $"silo-{silo}.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    public HttpClient Http(int silo, string? token = null)
    {
        var http = new HttpClient { BaseAddress = Addresses[silo - 1], Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>The silo this test run built (Release under ops/test.sh), beside its appsettings.json.</summary>
    private static string SiloDll()
    {
#if DEBUG
        const string Configuration = "Debug";
#else
        const string Configuration = "Release";
#endif
        var dll = Path.Combine(RepoPaths.Root, "silo", "bin", Configuration, "net10.0", "Samples.Silo.dll");
        File.Exists(dll).Should().BeTrue($"the silo is built with the tests ({dll})");
        return dll;
    }

    [GeneratedRegex(@"SAMPLES_TOKEN=(smp_\S+)")]
    private static partial Regex TokenLine();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterUnderTest>
{
    public const string Name = "cluster";
}
