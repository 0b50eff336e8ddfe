using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Domain.Tests.Support;
using Samples.Silo.Directory;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class BulkWriterTests
{
    private static EnterpriseState State(string uscc, string name, RiskClass risk = RiskClass.B) => new()
    {
        IsRegistered = true,
        Uscc = uscc,
        Name = name,
        RegionCode = "632800",
        Kind = EnterpriseKind.Producer,
        Categories = ["lithium-carbonate"],
        RiskClass = risk,
        RegisteredAt = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero),
        RegisteredBy = "import test.csv",
        History = [new EnterpriseChange(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), "admin", $"imported: {name}")],
        RiskHistory = [new RiskClassEntry("2026-05", risk, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), "admin")],
    };

    private static async Task<BulkWriteCounts> WriteAsync(RunningSilo silo, string deployment, bool commit, params EnterpriseState[] states)
    {
        await using var writer = await EnterpriseBulkWriter.BeginAsync(silo.Services.GetRequiredService<NpgsqlDataSource>(), deployment, CancellationToken.None);
        foreach (var state in states)
        {
            await writer.WriteAsync(state, CancellationToken.None);
        }

        return commit ? await writer.CommitAsync(CancellationToken.None) : await writer.CountAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Importing_inserts_new_rows_skips_identical_ones_and_updates_changed_ones_keeping_their_past()
    {
        var deployment = RunningSilo.NewServiceId("bulk");
        await using var silo = await RunningSilo.StartAsync(deployment);
        var (a, b, c) = (Codes.NewUscc(), Codes.NewUscc(), Codes.NewUscc());
        await silo.Grains.GetGrain<IEnterpriseGrain>(c).RegisterAsync(new RegisterEnterprise(c, "registered by hand", null, "632800", null, "sup") { Categories = ["lithium-carbonate"] });

        var dryRun = await WriteAsync(silo, deployment, commit: false, State(a, "甲"), State(b, "乙"), State(c, "丙", RiskClass.D));
        (await silo.Grains.GetGrain<IEnterpriseGrain>(a).GetAsync()).Should().BeNull("a dry run writes nothing");
        var first = await WriteAsync(silo, deployment, commit: true, State(a, "甲"), State(b, "乙"), State(c, "丙", RiskClass.D));
        var again = await WriteAsync(silo, deployment, commit: true, State(a, "甲"), State(b, "乙"), State(c, "丙", RiskClass.D));
        var changed = await WriteAsync(silo, deployment, commit: true, State(a, "甲"), State(b, "乙二"), State(c, "丙", RiskClass.D));

        dryRun.Should().Be(new BulkWriteCounts(3, 2, 1, 0));
        first.Should().Be(new BulkWriteCounts(3, 2, 1, 0));
        again.Should().Be(new BulkWriteCounts(3, 0, 0, 3), "the same data again changes nothing");
        changed.Should().Be(new BulkWriteCounts(3, 0, 1, 2));

        var byHand = (await silo.Grains.GetGrain<IEnterpriseGrain>(c).GetAsync())!;
        byHand.Name.Should().Be("丙");
        byHand.RegisteredBy.Should().Be("sup", "an import does not rewrite who registered the enterprise");
        byHand.History.Select(h => h.What).Should().Equal("registered", "imported: 丙");
        byHand.RiskClass.Should().Be(RiskClass.D);
        byHand.RiskHistory.Should().ContainSingle().Which.RiskClass.Should().Be(RiskClass.D);
        (await silo.Grains.GetGrain<IEnterpriseGrain>(b).GetAsync())!.History.Select(h => h.What).Should().Equal("imported: 乙", "imported: 乙二");

        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var versions = new NpgsqlCommand("SELECT uscc, version FROM directory_enterprises WHERE service_id = $1", connection);
        versions.Parameters.Add(new() { Value = deployment });
        var rows = new Dictionary<string, int>();
        await using (var reader = await versions.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        rows.Should().BeEquivalentTo(new Dictionary<string, int> { [a] = 1, [b] = 2, [c] = 2 }, "only real changes bump the version");
    }

    [Fact]
    public async Task Disposing_without_commit_leaves_nothing_behind()
    {
        var deployment = RunningSilo.NewServiceId("bulk-abort");
        await using var silo = await RunningSilo.StartAsync(deployment);
        var uscc = Codes.NewUscc();

        await using (var writer = await EnterpriseBulkWriter.BeginAsync(silo.Services.GetRequiredService<NpgsqlDataSource>(), deployment, CancellationToken.None))
        {
            await writer.WriteAsync(State(uscc, "half-written"), CancellationToken.None);
        }

        (await silo.Grains.GetGrain<IEnterpriseGrain>(uscc).GetAsync()).Should().BeNull();
    }
}
