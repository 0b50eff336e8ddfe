using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Imports larger than one batch of the import's two stages and than the vacuum threshold (issue 22): a first load goes
/// straight into the empty directory, a later one through the staging table; both all or nothing, and idempotent.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DirectoryImportAtScaleTests
{
    private const string Header = "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class";
    private const int Rows = 12_000;

    /// <summary>Random codes, all different: 12,000 drawn from 31^6 organisation codes repeat one about once in twelve runs.</summary>
    private static string[] DistinctCodes()
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < Rows)
        {
            codes.Add(Codes.NewUscc());
        }

        return [.. codes];
    }

    private static string Csv(IEnumerable<string> codes, int? badAt = null)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        var row = 1;
        foreach (var code in codes)
        {
            row++;
            var region = row == badAt ? "999999" : "632800";
            csv.Append(code).Append(",格尔木示例钾肥有限公司").Append(row).Append(',').Append(region)
                .Append(",格尔木市察尔汗,producer,potash-kcl-gb6549,XK13-001,active,否,B\r\n");
        }

        return csv.ToString();
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient http, string csv, bool dryRun = false)
    {
        var response = await http.PostAsync($"/api/enterprises/import?dryRun={dryRun}&source=large.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_bad_row_near_the_end_of_a_large_first_load_leaves_nothing_and_the_corrected_file_loads_once()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-large"));
        using var admin = silo.Http(silo.AdminToken());
        var codes = DistinctCodes();

        var bad = await ImportAsync(admin, Csv(codes, badAt: Rows));
        var firstAfterBad = await admin.GetAsync($"/api/enterprises/{codes[0]}");
        var dryOnEmpty = await ImportAsync(admin, Csv(codes), dryRun: true);
        var loaded = await ImportAsync(admin, Csv(codes));
        var again = await ImportAsync(admin, Csv(codes));
        var dryAgain = await ImportAsync(admin, Csv(codes), dryRun: true);
        var exported = await admin.GetStringAsync("/api/enterprises/export");

        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        bad.Body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString()))
            .Should().Equal([(Rows, "region_code")], "the one bad row is named with its line and field");
        bad.Body.GetProperty("detail").GetString().Should().Contain("nothing was applied");
        firstAfterBad.StatusCode.Should().Be(HttpStatusCode.NotFound, "the rows before the bad one were copied, then rolled back");
        dryOnEmpty.Body.GetProperty("inserted").GetInt64().Should().Be(Rows);
        loaded.Status.Should().Be(HttpStatusCode.OK);
        loaded.Body.GetProperty("inserted").GetInt64().Should().Be(Rows, "the dry run applied nothing");
        again.Body.GetProperty("unchanged").GetInt64().Should().Be(Rows, "the same file again changes nothing");
        again.Body.GetProperty("inserted").GetInt64().Should().Be(0);
        dryAgain.Body.GetProperty("unchanged").GetInt64().Should().Be(Rows);
        exported.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.Should().Be(Rows + 1, "each enterprise once, with the header");
    }

    [Fact]
    public async Task A_large_load_into_a_directory_that_has_enterprises_adds_the_new_and_updates_the_changed()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-large-more"));
        using var admin = silo.Http(silo.AdminToken());
        var codes = DistinctCodes();
        (await ImportAsync(admin, Csv(codes.Take(Rows / 2)))).Body.GetProperty("inserted").GetInt64().Should().Be(Rows / 2);

        var bad = await ImportAsync(admin, Csv(codes, badAt: Rows));
        var afterBad = await admin.GetAsync($"/api/enterprises/{codes[^2]}");
        var all = await ImportAsync(admin, Csv(codes));

        bad.Status.Should().Be(HttpStatusCode.BadRequest);
        afterBad.StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing of a refused file is applied, in the staging path too");
        all.Body.GetProperty("inserted").GetInt64().Should().Be(Rows - (Rows / 2));
        all.Body.GetProperty("unchanged").GetInt64().Should().Be(Rows / 2);
    }
}
