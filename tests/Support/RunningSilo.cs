using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samples.Silo;
using Samples.Silo.Access;
using Samples.Tests.Api;

namespace Samples.Tests.Support;

/// <summary>
/// The real silo host (Orleans on PostgreSQL, MassTransit, Quartz, HTTP API) started in-process on free
/// loopback ports, exactly as ops/run.sh starts it but with its own cluster and service id.
/// </summary>
public sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplication app;

    private RunningSilo(WebApplication app, Uri address, StringWriter console, RecordingLog log)
    {
        this.app = app;
        Address = address;
        Console = console;
        Log = log;
    }

    public Uri Address { get; }

    /// <summary>What the silo printed for people (the one-time admin token).</summary>
    public StringWriter Console { get; }

    /// <summary>What the silo logged, beside its console output.</summary>
    public RecordingLog Log { get; }

    public IServiceProvider Services => app.Services;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's clock: real time, which a test may step forward instead of sleeping.</summary>
    public SteppedClock Clock => (SteppedClock)app.Services.GetRequiredService<TimeProvider>();

    /// <summary>
    /// Starts a silo of deployment <paramref name="serviceId"/>; the same id after a restart finds the same state.
    /// <paramref name="configure"/> adds to the host's set-up (services, options) before the silo's own;
    /// <paramref name="endpoints"/> maps test-only endpoints on the built silo before it starts.
    /// </summary>
    public static async Task<RunningSilo> StartAsync(
        string serviceId,
        string? connectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? endpoints = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var ports = FreePorts(3);
        var console = new StringWriter();
        var log = new RecordingLog();
        var address = new Uri($"http://127.0.0.1:{ports[0]}");
        var app = await SiloApp.BuildAsync([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = address.ToString(),
                ["Samples:Postgres:ConnectionString"] = connectionString ?? TestDatabase.ConnectionString,
                ["Samples:Cluster:ClusterId"] = serviceId,
                ["Samples:Cluster:ServiceId"] = serviceId,
                ["Samples:Cluster:SiloPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Samples:Cluster:GatewayPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging:LogLevel:Default"] = "Warning",
                // Draw tests commit with a window of a few seconds (the deployment default is 10 minutes).
                ["Samples:Draws:MinimumEntropyWindow"] = "00:00:01",
                ["Samples:Risk:MonthlyRun"] = "false",
                ["Samples:Draws:NonceKeyFile"] = NonceKeyFile,
                // Each deployment its own head log (a restart with the same id finds its lines), kept out of the user's folders.
                ["Samples:Audit:HeadLogFile"] = HeadLogFile(serviceId),
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }

            builder.Services.AddSingleton(new BootstrapOutput(console));
            builder.Services.AddSingleton<TimeProvider>(new SteppedClock());
            builder.Logging.AddProvider(log);
            configure?.Invoke(builder);
        });
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new RunningSilo(app, address, console, log);
    }

    /// <summary>The test run's draw nonce key, one for every silo of the run (a restarted silo reveals what it committed).</summary>
    public static readonly string NonceKeyFile = Path.Combine(Path.GetTempPath(), $"samples-test-nonce-{Guid.NewGuid():N}.key");

    /// <summary>Where a silo of deployment <paramref name="serviceId"/> records the audit trail's heads in this test run.</summary>
    public static string HeadLogFile(string serviceId) => Path.Combine(Path.GetTempPath(), $"samples-test-heads-{RunId}", $"{serviceId}.jsonl");

    private static readonly string RunId = Guid.NewGuid().ToString("N");

    public static string NewServiceId(string purpose) => $"test-{purpose}-{Guid.NewGuid():N}"[..36];

    /// <summary>The admin token this silo printed on the deployment's first start.</summary>
    public string AdminToken()
    {
        var line = Console.ToString().Split('\n').Single(l => l.Contains("SAMPLES_TOKEN=", StringComparison.Ordinal));
        return line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
    }

    public HttpClient Http(string? token = null)
    {
        var http = new HttpClient { BaseAddress = Address };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }
}

/// <summary>
/// Tests that start real silos on PostgreSQL run one after another (two cores, many processes). The API
/// tests' silo is the collection's fixture, started once for the whole collection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<Api.ApiFixture>
{
    public const string Name = "postgres";
}
