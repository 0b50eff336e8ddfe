using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;
using Samples.Domain.Tests.Support;
using Samples.Silo.Directory;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>
/// The directory's rows kept in the silo between builds (issue 22, 0024): a build reads only the rows written since the
/// cached snapshot and must give the frames a fresh read of the whole directory gives, byte for byte, after inserts,
/// updates of every field frames read, a re-import, a grain's write, a deletion and a write committed while a build ran.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FrameCacheTests
{
    private const string Header = "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class";
    private static readonly string[] AllCategories = ["potash-kcl-gb6549", "lithium-carbonate", "cosmetics"];

    private static readonly PlanVersion Plan = new("CACHE", 1, new PlanDefinition(
        2026, "cache", AllCategories, [],
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.A] = 0.03m, [RiskClass.B] = 0.05m, [RiskClass.C] = 0.2m, [RiskClass.D] = 0.61m }, true, [],
            IncludeAbnormalOperation: true, Weights: new SamplingWeights(KeySupervision: 2m, TouristSite: 2m, AbnormalOperation: 2m)),
        10, "0 0 9 1 1/2 ?", 6), DateTimeOffset.UnixEpoch, "sup");

    private sealed record Row(string Uscc, string Region, string Kind, string Categories, string Status, string Key, string Risk)
    {
        public string Line => $"{Uscc},示例企业{Uscc[^4..]},{Region},格尔木市察尔汗,{Kind},{Categories},XK13-001,{Status},{Key},{Risk}";
    }

    private static async Task ImportAsync(HttpClient http, IEnumerable<Row> rows, string source)
    {
        var csv = string.Join("\r\n", [Header, .. rows.Select(r => r.Line)]) + "\r\n";
        var response = await http.PostAsync($"/api/enterprises/import?source={source}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static DirectoryFrameCache Cache(NpgsqlDataSource database, string deployment) =>
        new(database, Options.Create(new ClusterOptions { ServiceId = deployment, ClusterId = "test" }), NullLogger<DirectoryFrameCache>.Instance);

    /// <summary>The frames of the cached build and of a fresh full read, both as JSON; and how the cache got there.</summary>
    private static async Task<(string Cached, string Fresh, DirectoryFrameCache.Refresh Refresh)> BuildBothAsync(DirectoryFrameCache cache, NpgsqlDataSource database, string deployment)
    {
        var (groups, refresh) = await cache.GroupsAsync(Plan.Definition, CancellationToken.None);
        using var fresh = Cache(database, deployment);
        var (freshGroups, freshRefresh) = await fresh.GroupsAsync(Plan.Definition, CancellationToken.None);
        freshRefresh.Full.Should().BeTrue("a new cache reads the directory whole");
        return (JsonSerializer.Serialize(FrameBuilder.Build(Plan, 1, groups, [])), JsonSerializer.Serialize(FrameBuilder.Build(Plan, 1, freshGroups, [])), refresh);
    }

    private static async Task ExpectSameAsync(DirectoryFrameCache cache, NpgsqlDataSource database, string deployment, int changed, string because)
    {
        var (cached, fresh, refresh) = await BuildBothAsync(cache, database, deployment);
        refresh.Full.Should().BeFalse($"{because}: the cache reads only what changed");
        refresh.Changed.Should().Be(changed, $"{because}: the rows written since the last build, no more");
        cached.Should().Be(fresh, $"{because}: the cached frames are a fresh read's, byte for byte");
    }

    [Fact]
    public async Task Frames_from_the_cache_are_those_of_a_fresh_read_after_every_kind_of_write()
    {
        var deployment = RunningSilo.NewServiceId("frame-cache");
        await using var silo = await RunningSilo.StartAsync(deployment);
        using var admin = silo.Http(silo.AdminToken());
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        var codes = Enumerable.Range(0, 60).Select(_ => Codes.NewUscc()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var rows = codes.Select((code, i) => new Row(code, i % 3 == 0 ? "630100" : "632800", i % 7 == 0 ? "tourist-site-retailer" : "producer",
            string.Join('|', AllCategories.Where((_, c) => (i + c) % 2 == 0)), i % 5 == 0 ? "abnormal" : "active", i % 4 == 0 ? "是" : "否", "ABCD"[i % 4].ToString())).ToList();
        await ImportAsync(admin, rows.Take(40), "first.csv");

        using var cache = Cache(database, deployment);
        var (first, fresh, refresh) = await BuildBothAsync(cache, database, deployment);
        refresh.Full.Should().BeTrue("the first build reads the directory whole");
        first.Should().Be(fresh);
        await ExpectSameAsync(cache, database, deployment, 0, "nothing written");

        // Inserts, and updates of each field frames read, in one re-import (the staging table and the upsert).
        var changed = rows.ToArray();
        changed[1] = changed[1] with { Categories = "cosmetics" };
        changed[2] = changed[2] with { Region = "630100" };
        changed[3] = changed[3] with { Status = "deregistered" };
        changed[4] = changed[4] with { Risk = "D" };
        changed[5] = changed[5] with { Key = changed[5].Key == "是" ? "否" : "是", Kind = "tourist-site-retailer" };
        await ImportAsync(admin, changed, "second.csv");
        await ExpectSameAsync(cache, database, deployment, 5 + 20, "five rows changed and twenty new");

        // The status back, as a third import; the same file again changes nothing.
        changed[3] = rows[3];
        await ImportAsync(admin, changed, "third.csv");
        await ImportAsync(admin, changed, "third.csv");
        await ExpectSameAsync(cache, database, deployment, 1, "one row back to active, then a re-import of the same rows");

        // A grain's write (the directory storage's UPDATE).
        var grain = silo.Grains.GetGrain<IEnterpriseGrain>(codes[6]);
        (await grain.ChangeStatusAsync(new ChangeEnterpriseStatus(EnterpriseStatus.AbnormalOperation, "列入经营异常名录", "sup"))).Status.Should().Be(EnterpriseChangeStatus.Changed);
        (await silo.Grains.GetGrain<IEnterpriseGrain>(codes[7]).SetRiskClassAsync(new SetRiskClass("2026-03", RiskClass.A, "sup"))).Status.Should().Be(EnterpriseChangeStatus.Changed);
        await ExpectSameAsync(cache, database, deployment, 2, "two grains wrote their enterprise");

        // A deletion (the silo's role may delete; 0024 records it) and a row that leaves the frames (no region).
        await ExecuteAsync("DELETE FROM directory_enterprises WHERE service_id = $1 AND uscc = $2", deployment, codes[8]);
        await ExecuteAsync("UPDATE directory_enterprises SET region_code = NULL WHERE service_id = $1 AND uscc = $2", deployment, codes[9]);
        await ExpectSameAsync(cache, database, deployment, 2, "one row deleted, one without a region");

        // A write that began before a build and committed after it: the build does not see it, the next one does.
        await using (var writer = await database.OpenConnectionAsync())
        {
            await using var transaction = await writer.BeginTransactionAsync();
            await using (var update = new NpgsqlCommand("UPDATE directory_enterprises SET risk_class = 'C', categories = ARRAY['lithium-carbonate'] WHERE service_id = $1 AND uscc = $2", writer, transaction))
            {
                update.Parameters.Add(new() { Value = deployment });
                update.Parameters.Add(new() { Value = codes[10] });
                (await update.ExecuteNonQueryAsync()).Should().Be(1);
            }

            await ExpectSameAsync(cache, database, deployment, 0, "a write not yet committed");
            await transaction.CommitAsync();
        }

        await ExpectSameAsync(cache, database, deployment, 1, "the write committed after the build before");

        // The deleted code registered again: in the frames again.
        await ImportAsync(admin, [rows[8]], "back.csv");
        await ExpectSameAsync(cache, database, deployment, 1, "a deleted enterprise imported again");
    }

    [Fact]
    public async Task A_first_load_into_an_empty_directory_is_read_whole_by_the_next_build()
    {
        var deployment = RunningSilo.NewServiceId("frame-cache-first");
        await using var silo = await RunningSilo.StartAsync(deployment);
        using var admin = silo.Http(silo.AdminToken());
        await using var database = NpgsqlDataSource.Create(TestDatabase.ConnectionString);
        var rows = Enumerable.Range(0, 30).Select(_ => Codes.NewUscc()).Distinct().Order(StringComparer.Ordinal)
            .Select((code, i) => new Row(code, i % 2 == 0 ? "630100" : "632800", "producer", AllCategories[i % 3], "active", "否", "ABCD"[i % 4].ToString())).ToList();

        using var cache = Cache(database, deployment);
        var (empty, _, refresh) = await BuildBothAsync(cache, database, deployment);
        refresh.Full.Should().BeTrue();
        refresh.Rows.Should().Be(0, "nothing is loaded yet");

        // The first load copies straight into the directory without marking its rows (0025): the cache must notice it.
        await ImportAsync(admin, rows.Take(20), "first.csv");
        await using (var connection = await database.OpenConnectionAsync())
        await using (var unmarked = new NpgsqlCommand("SELECT count(*) FROM directory_enterprises WHERE service_id = $1 AND written_xid IS NULL", connection))
        {
            unmarked.Parameters.Add(new() { Value = deployment });
            ((long)(await unmarked.ExecuteScalarAsync())!).Should().Be(20, "a first load leaves its rows out of the written_xid index");
        }

        var (cached, fresh, loaded) = await BuildBothAsync(cache, database, deployment);
        loaded.Full.Should().BeTrue("a first load since the cached snapshot is read whole");
        loaded.Rows.Should().Be(20);
        cached.Should().Be(fresh);
        cached.Should().NotBe(empty);

        // After it, changes are read as changes again: a later import goes through the staging table and marks its rows.
        await ImportAsync(admin, rows, "second.csv");
        await ExpectSameAsync(cache, database, deployment, 10, "ten new rows after the first load");
    }

    private static async Task ExecuteAsync(string sql, string deployment, string uscc)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = deployment });
        command.Parameters.Add(new() { Value = uscc });
        (await command.ExecuteNonQueryAsync()).Should().Be(1);
    }
}
