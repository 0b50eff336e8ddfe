using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Demo;
using Samples.Silo.Directory;

namespace Samples.Silo.Demo;

/// <summary>
/// When Samples:Demo:Seed is on (ops/run.sh turns it on) and the directory of this deployment is empty,
/// loads the synthetic Qinghai dataset once, so a new user sees a populated system. Never touches a
/// directory that has data.
/// </summary>
public sealed class DemoSeedService(
    IOptions<DemoOptions> options,
    NpgsqlDataSource database,
    IOptions<ClusterOptions> cluster,
    IGrainFactory grains,
    TimeProvider clock,
    ILogger<DemoSeedService> logger) : IHostedService
{
    public const string PlanId = "QH-2026-DEMO";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        if (!demo.Seed)
        {
            return;
        }

        // Each part is seeded only where it is missing, so a start interrupted half-way completes the next time.
        var watch = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(demo.RandomSeed);
        var seeded = new List<string>();
        if (!await DirectoryHasDataAsync(cancellationToken))
        {
            await using var writer = await EnterpriseBulkWriter.BeginAsync(database, cluster.Value.ServiceId, cancellationToken);
            foreach (var enterprise in generator.Enterprises(demo.Enterprises, clock.GetUtcNow()))
            {
                await writer.WriteAsync(enterprise, cancellationToken);
            }

            await writer.CommitAsync(cancellationToken);
            seeded.Add($"{demo.Enterprises} synthetic enterprises");
        }

        if ((await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync()).Count == 0)
        {
            foreach (var inspector in generator.Inspectors(demo.Inspectors))
            {
                await grains.GetGrain<IInspectorGrain>(inspector.Number).DefineAsync(inspector);
            }

            seeded.Add($"{demo.Inspectors} inspectors");
        }

        if ((await grains.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key).ListAsync()).Count == 0)
        {
            foreach (var lab in DemoDataGenerator.Labs())
            {
                await grains.GetGrain<ILabGrain>(lab.Id).DefineAsync(lab);
            }

            seeded.Add($"{DemoDataGenerator.Labs().Count} labs");
        }

        if (await grains.GetGrain<IPlanGrain>(PlanId).GetAsync() is null)
        {
            await grains.GetGrain<IPlanGrain>(PlanId).DefineAsync(DemoPlan(clock.GetUtcNow().Year), "demo data");
            seeded.Add($"plan {PlanId}");
        }

        if (seeded.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Demo data loaded in {Seconds} s: {Parts}", Math.Round(watch.Elapsed.TotalSeconds, 1), string.Join(", ", seeded));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static PlanDefinition DemoPlan(int year) => new(
        year,
        "青海省市场监督管理局（示例）",
        [DemoDataGenerator.Potash, DemoDataGenerator.PotashFertilizer, DemoDataGenerator.Lithium, DemoDataGenerator.PvModule,
         DemoDataGenerator.Cosmetics, DemoDataGenerator.Masks, DemoDataGenerator.Tablets],
        [],
        new QuotaRules(
            new Dictionary<RiskClass, decimal> { [RiskClass.A] = 0.03m, [RiskClass.B] = 0.05m, [RiskClass.C] = 0.20m, [RiskClass.D] = 0.61m },
            AllKeyItemsAtClassD: true,
            []),
        1000,
        "0 0 9 1 1/2 ?",
        6,
        new PacingOptions(0.3m));

    private async Task<bool> DirectoryHasDataAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT EXISTS (SELECT 1 FROM directory_enterprises WHERE service_id = $1)");
        command.Parameters.Add(new() { Value = cluster.Value.ServiceId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

/// <summary>Samples:Demo settings.</summary>
public sealed class DemoOptions
{
    public bool Seed { get; set; }

    public int Enterprises { get; set; } = 3000;

    public int Inspectors { get; set; } = 120;

    public ulong RandomSeed { get; set; } = 20260101;
}
