using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samples.Client;
using Samples.Client.Http;
using Samples.Contracts.Directory;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>CSV import and export through the API and the command line, on a silo of their own (they count the whole directory).</summary>
[Collection(PostgresCollection.Name)]
public sealed class ImportTests
{
    private const string Header = "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class";

    private static string Csv(params string[] rows) => "\uFEFF" + string.Join("\r\n", [Header, .. rows]) + "\r\n";

    private static string Row(string uscc, string name = "格尔木示例钾肥有限公司", string region = "632800", string categories = "potash-kcl-gb6549|potash-kcl-gb-t37918", string risk = "B") =>
        $"{uscc},{name},{region},\"格尔木市察尔汗, 1号\",producer,{categories},XK13-001,active,是,{risk}";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient http, string csv, bool dryRun = false)
    {
        var response = await http.PostAsync($"/api/enterprises/import?dryRun={dryRun}&source=test.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task A_file_is_imported_once_reimporting_it_changes_nothing_and_export_round_trips()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import"));
        using var admin = silo.Http(silo.AdminToken());
        var (a, b) = (Codes.NewUscc(), Codes.NewUscc());
        var file = Csv(Row(a), Row(b, name: "德令哈示例锂业有限公司", categories: "lithium-carbonate", risk: "d"));

        var dry = await ImportAsync(admin, file, dryRun: true);
        var first = await ImportAsync(admin, file);
        var again = await ImportAsync(admin, file);
        var changed = await ImportAsync(admin, Csv(Row(a, risk: "C"), Row(b, name: "德令哈示例锂业有限公司", categories: "lithium-carbonate", risk: "d")));
        var exported = await admin.GetStringAsync("/api/enterprises/export");
        var reimported = await ImportAsync(admin, exported);

        dry.Body.GetProperty("inserted").GetInt64().Should().Be(2);
        dry.Body.GetProperty("dryRun").GetBoolean().Should().BeTrue();
        first.Status.Should().Be(HttpStatusCode.OK);
        first.Body.GetProperty("inserted").GetInt64().Should().Be(2, "the dry run applied nothing");
        again.Body.GetProperty("unchanged").GetInt64().Should().Be(2);
        changed.Body.GetProperty("updated").GetInt64().Should().Be(1);
        reimported.Body.GetProperty("unchanged").GetInt64().Should().Be(2, "export writes exactly what import reads");
        var view = await admin.GetFromJsonAsync<EnterpriseView>($"/api/enterprises/{a}", ApiClient.Json);
        view!.Address.Should().Be("格尔木市察尔汗, 1号");
        view.KeySupervision.Should().BeTrue();
        view.RiskClass.Should().Be(RiskClass.C);
        view.History.Select(h => h.What).Should().Equal("imported from test.csv, row 2", "imported from test.csv, row 2");
    }

    [Fact]
    public async Task An_export_cannot_run_as_a_spreadsheet_formula_and_imports_back_unchanged()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-formula"));
        using var admin = silo.Http(silo.AdminToken());
        var uscc = Codes.NewUscc();
        (await ImportAsync(admin, Csv(Row(uscc, name: "-青海示例公司")))).Status.Should().Be(HttpStatusCode.OK);

        var exported = await admin.GetStringAsync("/api/enterprises/export");
        var reimported = await ImportAsync(admin, exported);

        exported.Should().Contain($"{uscc},'-青海示例公司,", "a cell starting with '-' is written after an apostrophe");
        reimported.Body.GetProperty("unchanged").GetInt64().Should().Be(1, "import removes the apostrophe export added");
        (await admin.GetFromJsonAsync<EnterpriseView>($"/api/enterprises/{uscc}", ApiClient.Json))!.Name.Should().Be("-青海示例公司");
    }

    [Fact]
    public async Task A_file_with_bad_rows_is_refused_whole_naming_row_field_and_reason()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-bad"));
        using var admin = silo.Http(silo.AdminToken());
        var good = Codes.NewUscc();

        var (status, body) = await ImportAsync(admin, Csv(
            Row(good),
            Row("91350100M000100Y44"),
            Row(good),
            Row(Codes.NewUscc(), region: "632100"),
            Row(Codes.NewUscc(), categories: "potash")));
        var header = await ImportAsync(admin, "uscc,name,region\r\n" + Codes.NewUscc() + ",x,632800\r\n");
        var garbage = new byte[10 * 1024 * 1024];
        new Random(5).NextBytes(garbage);
        var noise = await admin.PostAsync("/api/enterprises/import", new ByteArrayContent(garbage));

        status.Should().Be(HttpStatusCode.BadRequest);
        var problems = body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString())).ToList();
        problems.Should().Equal((3, "uscc"), (4, "uscc"), (5, "region_code"), (6, "categories"));
        body.GetProperty("detail").GetString().Should().Contain("nothing was applied").And.Contain("duplicate of row 2");
        (await admin.GetAsync($"/api/enterprises/{good}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no row of a refused file is applied");
        header.Status.Should().Be(HttpStatusCode.BadRequest);
        header.Body.GetProperty("problems")[0].GetProperty("field").GetString().Should().Be("header");
        noise.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noise.Content.ReadAsStringAsync()).Should().Contain("UTF-8");
    }

    [Fact]
    public async Task The_command_line_imports_with_a_dry_run_and_lists_every_problem()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-cli"));
        var token = silo.AdminToken();
        var directory = System.IO.Directory.CreateTempSubdirectory("samples-import-");
        try
        {
            var good = Path.Combine(directory.FullName, "good.csv");
            var bad = Path.Combine(directory.FullName, "bad.csv");
            await File.WriteAllTextAsync(good, Csv(Row(Codes.NewUscc()), Row(Codes.NewUscc())));
            await File.WriteAllTextAsync(bad, Csv(Row("91350100M000100Y44")));

            var dry = await RunAsync(silo, token, "enterprise", "import", good, "--dry-run");
            var real = await RunAsync(silo, token, "enterprise", "import", good);
            var refused = await RunAsync(silo, token, "enterprise", "import", bad);
            var missing = await RunAsync(silo, token, "enterprise", "import", Path.Combine(directory.FullName, "nope.csv"));
            var export = await RunAsync(silo, token, "enterprise", "export");

            dry.Output.Trim().Should().Be("2 行：新增 2，修改 0，未变 0（将会应用）");
            dry.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(["上传 good.csv …", "上传 good.csv [#########################] 100% 0.0/0.0 MB"],
                "standard error is not a terminal: a start line and a final line, no line per step");
            real.Output.Trim().Should().Be("2 行：新增 2，修改 0，未变 0（已应用）");
            refused.Code.Should().Be(ExitCodes.Refused);
            refused.Error.Should().Contain("samples: 文件未导入，没有应用任何更改；1 个问题 / the file was not imported, nothing was applied; 1 problem(s):")
                .And.Contain("  第 2 行，uscc：'91350100M000100Y44': position 18: check character is '4', expected '3'");
            missing.Code.Should().Be(ExitCodes.Usage);
            missing.Error.Should().Contain("no such file");
            export.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3, "a header and two rows");

            var labs = Path.Combine(directory.FullName, "labs.csv");
            await File.WriteAllTextAsync(labs, "id,name,accredited_categories,accredited_items,may_retest\r\nQH-LAB-09,示例实验室,cosmetics,,false\r\n");
            (await RunAsync(silo, token, "lab", "import", labs, "--dry-run")).Output.Trim().Should().Be("已检查 1 行：没有问题（未应用任何更改）");
            (await RunAsync(silo, token, "lab", "import", labs)).Output.Trim().Should().Be("1 行：新增或修改 1，未变 0（已应用）");
            (await RunAsync(silo, token, "lab", "import", labs, "--lang", "en")).Output.Trim().Should().Be("1 rows: 0 new or changed, 1 unchanged (were applied)");
            (await RunAsync(silo, token, "lab", "export")).Output.Should().Contain("QH-LAB-09,示例实验室,cosmetics,,false");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_directory_and_an_enterprise_registered_without_categories_export_to_a_file_import_accepts()
    {
        // As the quick start does: the demo directory, then one enterprise registered before its categories are known.
        var demo = new Dictionary<string, string?> { ["Samples:Demo:Seed"] = "true", ["Samples:Demo:Enterprises"] = "3000", ["Samples:Demo:Inspectors"] = "30" };
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("import-demo"), settings: demo);
        var token = silo.AdminToken();
        var uscc = Codes.NewUscc();
        var directory = System.IO.Directory.CreateTempSubdirectory("samples-round-trip-");
        try
        {
            var file = Path.Combine(directory.FullName, "enterprises.csv");
            var registered = await RunAsync(silo, token, "enterprise", "register", "--uscc", uscc, "--name", "青海示例钾肥有限公司", "--region", "632800");
            var export = await RunAsync(silo, token, "enterprise", "export", "--out", file);
            var dry = await RunAsync(silo, token, "enterprise", "import", file, "--dry-run");

            registered.Code.Should().Be(ExitCodes.Ok, registered.Error);
            export.Code.Should().Be(ExitCodes.Ok, export.Error);
            (await File.ReadAllLinesAsync(file)).Should().HaveCount(3002, "a header, the 3000 demo enterprises and the registered one")
                .And.ContainSingle(l => l.StartsWith(uscc + ",", StringComparison.Ordinal)).Which.Split(',')[5].Should().BeEmpty("its categories are not known yet");
            dry.Code.Should().Be(ExitCodes.Ok, dry.Error);
            dry.Output.Trim().Should().StartWith("3001 行：新增 0，").And.EndWith("（将会应用）");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(RunningSilo silo, string token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SamplesCli.RunAsync([.. args, "--api", silo.Address.ToString(), "--token", token], output, error);
        return (code, output.ToString(), error.ToString());
    }
}
