using Npgsql;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Silo.Demo;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class DemoSeedTests
{
    private static readonly Dictionary<string, string?> Demo = new()
    {
        ["Samples:Demo:Seed"] = "true",
        ["Samples:Demo:Enterprises"] = "500",
        ["Samples:Demo:Inspectors"] = "30",
    };

    [Fact]
    public async Task Demo_data_is_loaded_into_an_empty_directory_once()
    {
        var deployment = RunningSilo.NewServiceId("demo");
        await using (var silo = await RunningSilo.StartAsync(deployment, settings: Demo))
        {
            (await CountAsync(deployment)).Should().Be(500);
            (await silo.Grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync()).Should().HaveCount(30);
            (await silo.Grains.GetGrain<IPlanGrain>(DemoSeedService.PlanId).GetAsync())!.Definition.GoalBatches.Should().Be(1000);
        }

        await using (var again = await RunningSilo.StartAsync(deployment, settings: new Dictionary<string, string?>(Demo) { ["Samples:Demo:Enterprises"] = "900" }))
        {
            (await CountAsync(deployment)).Should().Be(500, "a directory that has data is never seeded again");
        }
    }

    private static async Task<long> CountAsync(string deployment)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM directory_enterprises WHERE service_id = $1", connection);
        count.Parameters.Add(new() { Value = deployment });
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
