using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Domain.Tests.Support;
using Samples.Silo.Directory;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>
/// Lean directory rows (0023): an imported enterprise is stored as its fields, its line and its import, and read back as
/// the state the import built; rows stored whole (before 0023, or by their grain) read as before; a change keeps the past.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DirectoryLeanRowsTests
{
    private const string Header = "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class";

    private static string Csv(params string[] rows) => string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static string Row(string uscc, string name, string risk = "B", string licences = "XK13-001|XK13-002") =>
        $"{uscc},{name},632800,\"格尔木市察尔汗, 1号\",producer,potash-kcl-gb6549|lithium-carbonate,{licences},active,是,{risk}";

    private static async Task<JsonElement> ImportAsync(HttpClient http, string csv, string source)
    {
        var response = await http.PostAsync($"/api/enterprises/import?source={source}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Each row of the deployment: whether it is lean, its state as the silo reads it, and as the database's function rebuilds it.</summary>
    private static async Task<Dictionary<string, (bool Lean, EnterpriseState Read, EnterpriseState? Rebuilt, int Version)>> RowsAsync(string deployment)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {EnterpriseDirectoryRow.ReadColumns}, d.version,
                   CASE WHEN d.state IS NULL THEN directory_lean_state(d.uscc, d.name, d.address, d.region_code, d.kind, d.categories, d.licences,
                       d.status, d.key_supervision, d.risk_class, d.uscc_override_reason, d.uscc_override_problem, d.import_id, d.import_row)::text END
              FROM {EnterpriseDirectoryRow.ReadFrom} WHERE d.service_id = $1
            """, connection);
        command.Parameters.Add(new() { Value = deployment });
        var rows = new Dictionary<string, (bool, EnterpriseState, EnterpriseState?, int)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var state = EnterpriseDirectoryRow.Read(reader, 0);
            rows[state.Uscc] = (reader.IsDBNull(0), state, reader.IsDBNull(18) ? null : EnterpriseDirectoryRow.Deserialize(reader.GetString(18)), reader.GetInt32(17));
        }

        return rows;
    }

    private static string Json(EnterpriseState state) => JsonSerializer.Serialize(state, EnterpriseDirectoryRow.Json);

    [Fact]
    public async Task An_imported_enterprise_is_stored_lean_and_reads_as_the_state_its_import_built()
    {
        var deployment = RunningSilo.NewServiceId("lean");
        await using var silo = await RunningSilo.StartAsync(deployment);
        using var admin = silo.Http(silo.AdminToken());
        var (a, b) = (Codes.NewUscc(), Codes.NewUscc());

        await ImportAsync(admin, Csv(Row(a, "格尔木示例钾肥有限公司"), Row(b, "德令哈示例锂业有限公司", "D", licences: "")), "first.csv");
        var rows = await RowsAsync(deployment);
        var view = (await silo.Grains.GetGrain<IEnterpriseGrain>(a).GetAsync())!;

        rows.Values.Should().OnlyContain(r => r.Lean, "a first load stores no state");
        var read = rows[a].Read;
        read.Name.Should().Be("格尔木示例钾肥有限公司");
        read.Address.Should().Be("格尔木市察尔汗, 1号");
        read.Licences.Should().Equal("XK13-001", "XK13-002");
        read.Categories.Should().Equal("lithium-carbonate", "potash-kcl-gb6549");
        read.KeySupervision.Should().BeTrue();
        read.History.Should().ContainSingle().Which.What.Should().Be("imported from first.csv, row 2");
        read.RiskHistory.Should().ContainSingle().Which.Should().Be(new RiskClassEntry(read.RegisteredAt.ToString("yyyy-MM"), RiskClass.B, read.RegisteredAt, read.RegisteredBy));
        read.History[0].At.Should().Be(read.RegisteredAt);
        (DateTimeOffset.UtcNow - read.RegisteredAt).Should().BeLessThan(TimeSpan.FromMinutes(5));
        rows[b].Read.Licences.Should().BeEmpty();
        rows[b].Read.History.Should().ContainSingle().Which.What.Should().Be("imported from first.csv, row 3");
        view.History.Should().Equal(read.History, "the grain reads the lean row through its storage");
        foreach (var (_, row) in rows)
        {
            Json(row.Rebuilt!).Should().Be(Json(row.Read), "the database's rebuild (for the upsert's merge) and the silo's agree");
        }

        // Its grain changes a lean row as any other: the state it read, changed, stored whole.
        (await silo.Grains.GetGrain<IEnterpriseGrain>(b).UpdateAsync(new UpdateEnterprise("sup", Licences: ["XK13-009"]))).Status.Should().Be(EnterpriseChangeStatus.Changed);
        var updated = (await RowsAsync(deployment))[b];
        updated.Lean.Should().BeFalse();
        updated.Version.Should().Be(2);
        updated.Read.Licences.Should().Equal("XK13-009");
        updated.Read.RegisteredAt.Should().Be(rows[b].Read.RegisteredAt);
        updated.Read.History.Should().HaveCount(2).And.StartWith(rows[b].Read.History[0]);
    }

    [Fact]
    public async Task A_changed_enterprise_keeps_its_history_whether_its_row_was_whole_or_lean_and_the_same_file_again_changes_nothing()
    {
        var deployment = RunningSilo.NewServiceId("lean-change");
        await using var silo = await RunningSilo.StartAsync(deployment);
        using var admin = silo.Http(silo.AdminToken());
        var (old, a) = (Codes.NewUscc(), Codes.NewUscc());
        var before = new DateTimeOffset(2026, 5, 1, 8, 30, 0, TimeSpan.Zero);
        // A row as every row was before 0023: its whole state as jsonb.
        var whole = new EnterpriseState
        {
            IsRegistered = true, Uscc = old, Name = "旧名", Address = "旧址", RegionCode = "632800", Kind = EnterpriseKind.Producer,
            Categories = ["potash-kcl-gb6549"], Licences = ["XK13-000"], KeySupervision = true, RiskClass = RiskClass.C,
            RegisteredAt = before, RegisteredBy = "old import",
            History = [new EnterpriseChange(before, "old import", "imported from old.csv, row 7")],
            RiskHistory = [new RiskClassEntry("2026-05", RiskClass.C, before, "old import")],
        };
        await using (var writer = await EnterpriseBulkWriter.BeginAsync(silo.Services.GetRequiredService<NpgsqlDataSource>(), deployment, CancellationToken.None))
        {
            await writer.WriteAsync(whole, CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        var wholeRead = (await RowsAsync(deployment))[old];
        var first = await ImportAsync(admin, Csv(Row(old, "新名"), Row(a, "甲", "B")), "one.csv");
        var second = await ImportAsync(admin, Csv(Row(old, "新名"), Row(a, "甲二", "D")), "two.csv");
        var again = await ImportAsync(admin, Csv(Row(old, "新名"), Row(a, "甲二", "D")), "two.csv");
        var rows = await RowsAsync(deployment);
        var changedByHand = await silo.Grains.GetGrain<IEnterpriseGrain>(a).UpdateAsync(new UpdateEnterprise("sup", Address: "新址"));
        var afterHand = (await RowsAsync(deployment))[a];

        wholeRead.Lean.Should().BeFalse();
        Json(wholeRead.Read).Should().Be(Json(whole), "a row stored whole reads as before");
        first.GetProperty("updated").GetInt64().Should().Be(1);
        first.GetProperty("inserted").GetInt64().Should().Be(1);
        second.GetProperty("updated").GetInt64().Should().Be(1);
        second.GetProperty("unchanged").GetInt64().Should().Be(1);
        again.GetProperty("unchanged").GetInt64().Should().Be(2, "the same file again changes nothing");

        var o = rows[old];
        o.Lean.Should().BeFalse();
        o.Read.Name.Should().Be("新名");
        o.Read.RegisteredAt.Should().Be(before, "an import does not rewrite when the enterprise was registered");
        o.Read.RegisteredBy.Should().Be("old import");
        o.Read.History.Select(h => h.What).Should().Equal("imported from old.csv, row 7", "imported from one.csv, row 2");
        o.Read.History[0].Should().Be(whole.History[0]);
        o.Read.RiskHistory.Select(r => r.RiskClass).Should().Equal([RiskClass.C, RiskClass.B], "the class changed from C to B");
        o.Version.Should().Be(2);

        var changed = rows[a];
        changed.Lean.Should().BeFalse("two imports' history is no longer one import's");
        changed.Read.Name.Should().Be("甲二");
        changed.Read.History.Select(h => h.What).Should().Equal("imported from one.csv, row 3", "imported from two.csv, row 3");
        changed.Read.RegisteredAt.Should().Be(changed.Read.History[0].At, "registered by the first import");
        changed.Read.History[1].At.Should().BeAfter(changed.Read.History[0].At);
        changed.Read.RiskHistory.Select(r => r.RiskClass).Should().Equal(RiskClass.B, RiskClass.D);
        changed.Read.RiskHistory[0].At.Should().Be(changed.Read.History[0].At);
        changed.Read.Licences.Should().Equal("XK13-001", "XK13-002");
        changed.Version.Should().Be(2);

        changedByHand.Status.Should().Be(EnterpriseChangeStatus.Changed);
        afterHand.Read.Address.Should().Be("新址");
        afterHand.Read.History.Select(h => h.What).Should().HaveCount(3).And.StartWith("imported from one.csv, row 3");
        afterHand.Version.Should().Be(3);
    }
}
