using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Frames read the directory as code ranges at once on one snapshot once the table has statistics (issue 22): the strata
/// must hold every active enterprise once, in code order, as one read gives.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FrameRangesTests
{
    private const int Rows = 3000;
    private static readonly string[] Statuses = ["active", "active", "active", "abnormal", "deregistered"];

    [Fact]
    public async Task Frames_read_in_ranges_hold_each_active_enterprise_once_in_code_order()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("frame-ranges"));
        using var admin = silo.Http(silo.AdminToken());
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Rows)
        {
            codes.Add(Codes.NewUscc());
        }

        var rows = codes.Select((code, i) => (Code: code, Region: i % 3 == 0 ? "630100" : "632800", Class: "ABCD"[i % 4], Status: Statuses[i % Statuses.Length])).ToArray();
        var csv = new StringBuilder("uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class\r\n");
        foreach (var row in rows)
        {
            csv.Append(row.Code).Append(",格尔木示例钾肥有限公司,").Append(row.Region).Append(",格尔木市察尔汗,producer,potash-kcl-gb6549,XK13-001,")
                .Append(row.Status).Append(",否,").Append(row.Class).Append("\r\n");
        }

        var imported = await admin.PostAsync("/api/enterprises/import?source=ranges.csv", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        imported.IsSuccessStatusCode.Should().BeTrue(await imported.Content.ReadAsStringAsync());
        // The statistics the ranges are cut by (the silo's role may not analyze; autovacuum would, later).
        await using (var owner = new NpgsqlConnection(TestDatabase.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE directory_enterprises", owner);
            await analyze.ExecuteNonQueryAsync();
        }

        var sorted = codes.Order(StringComparer.Ordinal).ToArray();
        var bounds = await HistogramAsync();
        bounds.Should().NotBeEmpty();
        var cut = bounds[bounds.Length / 2];
        (string.CompareOrdinal(cut, sorted[0]) > 0 && string.CompareOrdinal(cut, sorted[^1]) < 0).Should().BeTrue("the cut falls inside this directory, so it is read in two ranges");

        (await admin.PutAsJsonAsync("/api/plans/RANGES", new
        {
            year = 2026, department = "ranges", categories = new[] { "potash-kcl-gb6549" }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["A"] = 0.03m, ["B"] = 0.05m, ["C"] = 0.2m, ["D"] = 0.61m } },
            goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 6,
        })).EnsureSuccessStatusCode();
        var frames = (await admin.GetFromJsonAsync<JsonElement>("/api/plans/RANGES/frames?round=1&members=true")).GetProperty("frames");

        var strata = frames.GetProperty("strata").EnumerateArray()
            .ToDictionary(s => s.GetProperty("key").GetString()!, s => s.GetProperty("members").EnumerateArray().Select(m => m.GetString()!).ToArray());
        var expected = rows.Where(r => r.Status == "active").GroupBy(r => $"{r.Region}|potash-kcl-gb6549|{r.Class}")
            .ToDictionary(g => g.Key, g => g.Select(r => r.Code).Order(StringComparer.Ordinal).ToArray());
        strata.Keys.Should().BeEquivalentTo(expected.Keys);
        foreach (var (key, members) in expected)
        {
            strata[key].Should().Equal(members, $"{key} is its active enterprises, each once, in code order");
        }

        frames.GetProperty("excludedTargets").GetArrayLength().Should().Be(rows.Count(r => r.Status != "active"));
    }

    private static async Task<string[]> HistogramAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT histogram_bounds::text::text[] FROM pg_stats WHERE tablename = 'directory_enterprises' AND attname = 'uscc' AND schemaname = current_schema()", connection);
        return await command.ExecuteScalarAsync() as string[] ?? [];
    }
}
