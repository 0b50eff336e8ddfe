using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
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

    /// <summary>Rows for new codes in code order (the directory's order), each made from its code and its place.</summary>
    private static List<Row> NewRows(int count, Func<string, int, Row> row) =>
        Enumerable.Range(0, count).Select(_ => Codes.NewUscc()).Distinct().Order(StringComparer.Ordinal).Select(row).ToList();

    /// <summary>A deployment of its own: its silo (whose API imports), the silo's admin client, a data source on the test database.</summary>
    private sealed record Deployment(string Name, RunningSilo Silo, HttpClient Admin, NpgsqlDataSource Database) : IAsyncDisposable
    {
        public static async Task<Deployment> StartAsync(string purpose)
        {
            var name = RunningSilo.NewServiceId(purpose);
            var silo = await RunningSilo.StartAsync(name);
            return new Deployment(name, silo, silo.Http(silo.AdminToken()), NpgsqlDataSource.Create(TestDatabase.ConnectionString));
        }

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            await Database.DisposeAsync();
            await Silo.DisposeAsync();
        }
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
        await using var started = await Deployment.StartAsync("frame-cache");
        var (deployment, silo, admin, database) = started;
        var rows = NewRows(60, (code, i) => new Row(code, i % 3 == 0 ? "630100" : "632800", i % 7 == 0 ? "tourist-site-retailer" : "producer",
            string.Join('|', AllCategories.Where((_, c) => (i + c) % 2 == 0)), i % 5 == 0 ? "abnormal" : "active", i % 4 == 0 ? "是" : "否", "ABCD"[i % 4].ToString()));
        var codes = rows.Select(r => r.Uscc).ToArray();
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
        await using var started = await Deployment.StartAsync("frame-cache-first");
        var (deployment, silo, admin, database) = started;
        var rows = NewRows(30, (code, i) => new Row(code, i % 2 == 0 ? "630100" : "632800", "producer", AllCategories[i % 3], "active", "否", "ABCD"[i % 4].ToString()));

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

    [Fact]
    public async Task A_silo_warms_the_cache_at_start_unless_told_not_to_and_a_warm_up_that_fails_only_warns()
    {
        await using var started = await Deployment.StartAsync("frame-cache-warm");
        var (deployment, silo, admin, database) = started;
        await ImportAsync(admin, NewRows(12, (code, i) => new Row(code, "630100", "producer", AllCategories[i % 3], "active", "否", "ABCD"[i % 4].ToString())), "warm.csv");

        // What the first build after the warm-up (or none) had to read: everything, or only what changed since (nothing).
        async Task<DirectoryFrameCache.Refresh> FirstBuildAfter(string? setting, DirectoryFrameCache cache, RecordingLog log)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(setting is null ? [] : [new(FrameCacheWarmup.Setting, setting)]).Build();
            using var loggers = new LoggerFactory([log]);
            using var warmup = new FrameCacheWarmup(cache, configuration, loggers.CreateLogger<FrameCacheWarmup>());
            await warmup.StartAsync(CancellationToken.None);
            await warmup.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
            await warmup.StopAsync(CancellationToken.None);
            return (await cache.GroupsAsync(Plan.Definition, CancellationToken.None)).Refresh;
        }

        foreach (var (setting, warmed) in new (string?, bool)[] { (null, true), ("true", true), ("not a boolean", true), ("false", false), ("False", false) })
        {
            using var cache = Cache(database, deployment);
            var log = new RecordingLog();
            var refresh = await FirstBuildAfter(setting, cache, log);
            refresh.Full.Should().Be(!warmed, $"{FrameCacheWarmup.Setting}={setting ?? "(not set)"}");
            refresh.Rows.Should().Be(12);
            log.Entries.Should().NotContain(e => e.Level >= LogLevel.Warning);
        }

        // A database that cannot be reached: the silo starts all the same, with a warning; the first build reads whole.
        await using var nowhere = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString);
        using var unreachable = Cache(nowhere, deployment);
        var failed = new RecordingLog();
        var build = () => FirstBuildAfter(null, unreachable, failed);
        await build.Should().ThrowAsync<NpgsqlException>("the build itself cannot read either");
        failed.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning && e.Message.Contains("not read into the frame cache", StringComparison.Ordinal));
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
