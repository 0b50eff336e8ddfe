using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Samples.Contracts.Access;
using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Directory;
using Samples.Silo;
using Samples.Silo.Hosting;

// Drives N sampling tasks (default 20,000) through their whole life on a real silo (in this process, or with --client on
// the silos of a cluster started by ops/cluster.sh) and PostgreSQL:
// assignment, two acceptances, sampling, hand-over, receipt, results, report, notification, then conclusion and
// publication; 10 % fail without objecting, 10 % fail and object (re-test by another lab, final). Prints transitions
// per second, p50/p99 of one transition (a grain call that stores the change and publishes its event), how long the
// read models took to catch up, whether the audit trail holds every event, and the process's peak memory.
var options = Args.Parse(args);
var inv = CultureInfo.InvariantCulture;
// In process (default): this process is the silo. With --client, the silos run elsewhere (ops/cluster.sh) and this
// process is an Orleans client that finds their gateways in the membership table and spreads its calls over them.
IHost host = options.Client ? await ClientAsync(options) : await SiloAsync(options);
var grains = host.Services.GetRequiredService<IGrainFactory>();

// 1,000 enterprises and batches, each sampled in every draw of the run (1,000 tasks per draw): the batch directory's
// registry rewrites its whole list on each new batch, so a batch per task would make the set-up quadratic.
const int Targets = 1000;
var batches = Math.Min(options.Tasks, Targets);
Console.WriteLine($"Setting up {batches} batches and 3 labs");
string[] items = ["li2co3", "na", "mg", "ca", "b", "so4", "k", "fe"];
foreach (var lab in new[] { "BL-1", "BL-2", "BL-3" })
{
    await grains.GetGrain<ILabGrain>(lab).DefineAsync(new DefineLab(lab, lab, ["lithium-carbonate"], items, true, "bench"));
}

var usccs = Enumerable.Range(0, batches).Select(Uscc_).ToArray();
await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (i, _) =>
{
    var u = usccs[i];
    await grains.GetGrain<IProductBatchGrain>($"BB-{i}").DefineAsync(new DefineBatch($"BB-{i}", u, u, "lithium-carbonate", "碳酸锂", null, null, "YS/T 582", $"L{i}", null, "bench"));
});

var latencies = new double[options.Tasks * 16];
var count = 0;
var start = DateTimeOffset.UtcNow;
var t0 = DateOnly.FromDateTime(start.ToOffset(TimeSpan.FromHours(8)).DateTime);
var done = 0;
var stopwatch = Stopwatch.StartNew();

// Warm-up (not measured): rounds of 1,000 tasks, each of its own draws, at least --warmup tasks (default 1,000) and on
// until a round compiles fewer than --settled methods (default 100), at most --warmup-max tasks (default 20,000). While a
// silo is new, the JIT compiles its hot paths again and again (instrumented, then optimised with what it measured), on
// the same two cores as the workload: the first minute runs well below the silo's lasting speed. A silo serves for
// months, so the figures are of the settled silo; each round's line shows the JIT settling.
var warmTransitions = 0;
for (var round = 1; options.Warmup > 0; round++)
{
    var compiledBefore = JitInfo.GetCompiledMethodCount();
    var roundWatch = Stopwatch.StartNew();
    count = 0;
    await DriveAsync(batches, $"WARM{round}", measure: false);
    warmTransitions += count;
    var compiled = JitInfo.GetCompiledMethodCount() - compiledBefore;
    Console.WriteLine($"Warm-up round {round}: {batches} tasks, {count / roundWatch.Elapsed.TotalSeconds:F0} transitions/s, {compiled} methods compiled meanwhile");
    var warmed = round * batches;
    // With --client the silos compile in their own processes, out of this one's sight: the warm-up is --warmup tasks.
    var settled = options.Client || compiled < options.Settled;
    if ((warmed >= options.Warmup && settled) || warmed >= options.WarmupMax)
    {
        break;
    }
}

count = 0;
done = 0;
var processCpuBefore = Environment.CpuUsage.TotalTime;
var machineBusyBefore = MachineBusy();
stopwatch.Restart();
Console.WriteLine($"Driving {options.Tasks} tasks, {options.Concurrency} at a time");
await DriveAsync(options.Tasks, "BENCH", measure: true);
var elapsed = stopwatch.Elapsed.TotalSeconds;
// CPU per transition is steadier than transitions per second on a machine whose speed drifts: this process's (the
// silo's, in process), and the whole machine's (the silo, PostgreSQL and the kernel), over the measured phase.
var processCpuUs = (Environment.CpuUsage.TotalTime - processCpuBefore).TotalMicroseconds / count;
var machineCpuUs = (MachineBusy() - machineBusyBefore).TotalMicroseconds / count;

async Task DriveAsync(int tasks, string plan, bool measure) =>
await Parallel.ForEachAsync(Enumerable.Range(0, tasks), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (i, _) =>
{
    var draw = $"{plan}:R{(i / batches) + 1}";
    var uscc = usccs[i % batches];
    var id = TaskIds.Of(draw, uscc, "lithium-carbonate");
    var task = grains.GetGrain<ISamplingTaskGrain>(id);
    var fail = i % 10 == 0 || i % 10 == 5;
    var objects = i % 10 == 5;
    var i1 = new TaskActor(Role.Inspector, $"BI-{i % 500}", "i1");
    var i2 = new TaskActor(Role.Inspector, $"BI-{(i % 500) + 500}", "i2");
    var lab = new TaskActor(Role.Lab, "BL-1", "lab");
    var boss = new TaskActor(Role.Supervisor, null, "boss");
    var results = items.Select(x => new ItemResult(x, "value", x == "li2co3" ? (fail ? 99.0m : 99.7m) : 0.0001m)).ToArray();

    async Task Step(TaskActor actor, TaskAction action, int days = 0)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await task.ExecuteAsync(new TaskCommand(action, actor, start.AddDays(days)));
        var n = Interlocked.Increment(ref count) - 1;
        if (measure)
        {
            latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        if (answer.Refusal is { } r)
        {
            throw new InvalidOperationException($"{id} {action.Name}: {r.Kind} {r.Reason}");
        }
    }

    await Step(TaskActor.System("draw"), new AssignTask(draw, plan, uscc, "lithium-carbonate", "632800", [i1.Subject!, i2.Subject!]));
    await Step(i1, new AcceptTask());
    await Step(i2, new AcceptTask());
    await Step(i1, new RecordSampling($"BB-{i % batches}", 0.5m, 0.5m, "kg", ["S1", "S2"], true, null, t0, new Dictionary<string, string> { ["grade"] = "battery" }));
    await Step(i2, new HandOver("BL-1"));
    await Step(lab, new ReceiveSample(true, ["S1", "S2"]));
    await Step(lab, new PostResults(results));
    await Step(lab, new IssueReport($"R-{i}"));
    await Step(boss, new NotifyEnterprise(t0));
    if (objects)
    {
        await Step(boss, new FileObjection(t0, ["li2co3"], "method"));
        await Step(boss, new AssignRetest("BL-2"));
        await Step(new TaskActor(Role.Lab, "BL-2", "lab2"), new ReceiveSample(true, ["S2"]));
        await Step(new TaskActor(Role.Lab, "BL-2", "lab2"), new PostResults([new ItemResult("li2co3", "value", 99.1m)]));
    }
    else
    {
        await Step(boss, new ConcludeTask(), days: 20);
    }

    await Step(boss, new PublishResult(), days: 20);
    if (Interlocked.Increment(ref done) % 2000 == 0 && measure)
    {
        Console.WriteLine($"  {done} tasks published, {count} transitions, {count / stopwatch.Elapsed.TotalSeconds:F0}/s");
    }
});
var sorted = latencies.Take(count).Order().ToArray();
Console.WriteLine($"transitions: {count} in {elapsed:F1} s = {count / elapsed:F0} transitions/s");
Console.WriteLine($"latency of one transition: p50 {Percentile(sorted, 0.50):F2} ms, p99 {Percentile(sorted, 0.99):F2} ms");
Console.WriteLine($"CPU per transition: {processCpuUs:F0} µs in this process{(options.Client ? string.Empty : " (the silo)")}, {machineCpuUs:F0} µs on the whole machine");

// The read models follow the events: wait for the audit trail to hold every transition.
await using var db = NpgsqlDataSource.Create(options.ConnectionString);
var catchUp = Stopwatch.StartNew();
long audited = 0;
while (!options.NoBus && !options.NoCatchUp && catchUp.Elapsed < TimeSpan.FromMinutes(10))
{
    await using var c = db.CreateCommand("SELECT count(*) FROM audit_trail WHERE service_id = $1");
    c.Parameters.Add(new NpgsqlParameter { Value = options.ServiceId });
    audited = (long)(await c.ExecuteScalarAsync())!;
    if (audited >= warmTransitions + count)
    {
        break;
    }

    await Task.Delay(500);
}

await using (var c = db.CreateCommand("SELECT count(*) FROM task_board WHERE service_id = $1 AND stage = 'Published'"))
{
    c.Parameters.Add(new NpgsqlParameter { Value = options.ServiceId });
    Console.WriteLine($"read models: audit trail {audited} of {warmTransitions + count} events (warm-up included), {await c.ExecuteScalarAsync()} tasks published on the board, caught up {catchUp.Elapsed.TotalSeconds:F1} s after the last transition");
}

// In client mode the silos' memory is read by the script from their own processes; this is the caller's.
var peak = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
var peakMib = long.Parse(peak.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], inv) / 1024;
Console.WriteLine(options.Client ? $"peak memory of this client process: {peakMib} MiB" : $"peak memory of the silo process: {peakMib} MiB");
Console.WriteLine(string.Create(inv, $"RESULT telemetry={(options.Telemetry is null ? "default" : options.Telemetry.Value ? "on" : "off")} transitions_per_s={count / elapsed:F0} p50_ms={Percentile(sorted, 0.50):F2} p99_ms={Percentile(sorted, 0.99):F2} peak_mib={peakMib} audited={audited - warmTransitions} transitions={count} process_cpu_us={processCpuUs:F0} machine_cpu_us={machineCpuUs:F0}"));
if (options.NoCatchUp)
{
    // A graceful stop waits for the consumers to work through the read models' backlog (minutes on a busy machine):
    // the figures are printed, so the process ends here (a return would still wait for the host's threads).
    Console.Out.Flush();
    Environment.Exit(0);
}

await host.StopAsync();
return 0;

static async Task<IHost> SiloAsync(Args options)
{
    var app = await SiloApp.BuildAsync([], builder =>
    {
        if (options.NoBus)
        {
            builder.Services.AddSingleton<Samples.Grains.Tasks.ITaskEventSink>(new NoBus());
        }

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:5098",
            ["Samples:Postgres:ConnectionString"] = options.ConnectionString,
            ["Samples:Cluster:ClusterId"] = options.ServiceId,
            ["Samples:Cluster:ServiceId"] = options.ServiceId,
            ["Samples:Cluster:SiloPort"] = "11198",
            ["Samples:Cluster:GatewayPort"] = "30098",
            ["Samples:Demo:Seed"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        // --telemetry on: every meter and trace source recorded (spans included, with no exporter: what a collector
        // receives is built, the sending is left out); off: no OpenTelemetry and no dashboard at all. Unset: the defaults.
        if (options.Telemetry is { } telemetry)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Samples:Telemetry:Enabled"] = telemetry ? "true" : "false",
                ["Samples:Telemetry:Traces"] = telemetry ? "true" : "false",
            });
        }
    });
    await app.StartAsync();
    return app;
}

static async Task<IHost> ClientAsync(Args options)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.UseOrleansClient(client =>
    {
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = Samples.Silo.Hosting.OrleansComposition.Invariant;
            o.ConnectionString = options.ConnectionString;
        });
    });
    var host = builder.Build();
    await host.StartAsync();
    return host;
}

// Busy time of all cores since boot, from /proc/stat (user, nice, system, irq, softirq, steal; in clock ticks of 10 ms).
static TimeSpan MachineBusy()
{
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
    return TimeSpan.FromMilliseconds(10.0 * (fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static string Uscc_(int i)
{
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    var organisation = "MB" + string.Concat(Enumerable.Range(0, 6).Select(k => Alphabet[(i / (int)Math.Pow(31, k)) % 31]));
    var first17 = "91632800" + organisation + Uscc.OrganisationCheckCharacter(organisation);
    return first17 + Uscc.CheckCharacter(first17);
}

/// <summary>--no-bus: events are dropped instead of published (to see what the bus and its consumers cost; no read models).</summary>
internal sealed class NoBus : Samples.Grains.Tasks.ITaskEventSink
{
    public Task PublishAsync(IReadOnlyList<SamplingTaskChanged> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(IReadOnlyList<Samples.Contracts.Draws.DrawStepRecorded> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishAsync(IReadOnlyList<Samples.Contracts.Reference.CalendarChangeRecorded> events, CancellationToken cancellationToken) => Task.CompletedTask;
}

internal sealed record Args(string ConnectionString, string ServiceId, int Tasks, int Concurrency, bool NoBus, int Warmup, bool Client, string ClusterId, int Settled, int WarmupMax, bool? Telemetry, bool NoCatchUp)
{
    public static Args Parse(string[] args)
    {
        string Get(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;
        return new Args(
            Get("--connection", string.Empty),
            Get("--service", "bench-workflow"),
            int.Parse(Get("--tasks", "20000"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency", "32"), CultureInfo.InvariantCulture),
            args.Contains("--no-bus"),
            int.Parse(Get("--warmup", "1000"), CultureInfo.InvariantCulture),
            args.Contains("--client"),
            Get("--cluster", "samples-local"),
            int.Parse(Get("--settled", "100"), CultureInfo.InvariantCulture),
            int.Parse(Get("--warmup-max", "20000"), CultureInfo.InvariantCulture),
            Get("--telemetry", string.Empty) switch { "on" => true, "off" => false, "" => null, var t => throw new ArgumentException($"--telemetry '{t}' is not on or off") },
            // --no-catch-up: the run ends with the measured phase, without waiting for the read models (the telemetry comparison).
            args.Contains("--no-catch-up"));
    }
}
