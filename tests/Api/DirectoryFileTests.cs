using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Inspector, lab and batch files through the API, on a silo of its own (exports list everything).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DirectoryFileTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient http, string path, string csv)
    {
        var response = await http.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Inspector_lab_and_batch_files_import_once_and_export_what_import_reads()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("files"));
        using var admin = silo.Http(silo.AdminToken());
        var (enterprise, producer) = (Codes.NewUscc(), Codes.NewUscc());
        var inspectors = "\uFEFFnumber,name,unit,region_code,qualified_categories,on_leave,max_open_tasks,conflicts\r\n"
            + $"QH-HX-0001,马建国,海西州市场监督管理局,632800,lithium-carbonate|potash-kcl-gb6549,否,6,{enterprise}=配偶在该企业任职\r\n"
            + "QH-XN-0002,韩梅,西宁市市场监督管理局,630100,pv-module-csi,是,4,\r\n";
        var labs = "id,name,accredited_categories,accredited_items,may_retest\r\nQH-LAB-01,青海省产品质量检验检测院,lithium-carbonate|potash-kcl-gb6549,k2o|li2co3,true\r\n";
        var batches = "batch_id,enterprise_uscc,producer_uscc,category,product_name,trademark,spec_model,standard,batch_number,production_date\r\n"
            + $"2026/HX/001,{enterprise},{producer},lithium-carbonate,电池级碳酸锂,昆仑,25kg/袋,YS/T 582,20260301,2026-03-01\r\n";

        var dry = await PostAsync(admin, "/api/inspectors/import?dryRun=true", inspectors);
        (await admin.GetAsync("/api/inspectors/QH-HX-0001")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a dry run applies nothing");
        var first = await PostAsync(admin, "/api/inspectors/import", inspectors);
        var again = await PostAsync(admin, "/api/inspectors/import", inspectors);
        var lab = await PostAsync(admin, "/api/labs/import", labs);
        var batch = await PostAsync(admin, "/api/batches/import", batches);
        var contradicting = await PostAsync(admin, "/api/batches/import", batches.Replace("电池级碳酸锂", "工业级碳酸锂", StringComparison.Ordinal));

        dry.Body.GetProperty("rows").GetInt32().Should().Be(2);
        first.Body.GetProperty("changed").GetInt32().Should().Be(2);
        again.Body.GetProperty("unchanged").GetInt32().Should().Be(2, "the same file again changes nothing");
        lab.Body.GetProperty("changed").GetInt32().Should().Be(1);
        batch.Body.GetProperty("changed").GetInt32().Should().Be(1);
        contradicting.Status.Should().Be(HttpStatusCode.BadRequest);
        contradicting.Body.GetProperty("problems")[0].GetProperty("reason").GetString().Should().Contain("a recorded batch does not change");

        var inspector = await admin.GetFromJsonAsync<JsonElement>("/api/inspectors/QH-HX-0001");
        inspector.GetProperty("conflicts")[0].GetProperty("uscc").GetString().Should().Be(enterprise);
        var recorded = await admin.GetFromJsonAsync<JsonElement>("/api/batches/2026/HX/001");
        recorded.GetProperty("sameProduct").GetString().Should().Be($"{producer}|YS/T 582|昆仑|25KG/袋");

        foreach (var (directory, file) in new[] { ("inspectors", inspectors), ("labs", labs), ("batches", batches) })
        {
            var exported = await admin.GetStringAsync($"/api/{directory}/export");
            var reimported = await PostAsync(admin, $"/api/{directory}/import", exported);
            reimported.Status.Should().Be(HttpStatusCode.OK, $"{directory}: {reimported.Body}");
            reimported.Body.GetProperty("changed").GetInt32().Should().Be(0, $"{directory} export writes exactly what import reads");
        }
    }

    [Fact]
    public async Task A_bad_inspector_file_is_refused_whole()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("files-bad"));
        using var admin = silo.Http(silo.AdminToken());
        var file = "number,name,unit,region_code,qualified_categories,on_leave,max_open_tasks\r\n"
            + "QH-HX-0009,马,海西州局,632800,lithium-carbonate,no,5\r\n"
            + "QH-HX-0010,马,海西州局,999999,lithium-carbonate,no,500\r\n";

        var (status, body) = await PostAsync(admin, "/api/inspectors/import", file);

        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("row").GetInt32(), p.GetProperty("field").GetString()))
            .Should().Equal((3, "region_code"), (3, "max_open_tasks"));
        (await admin.GetAsync("/api/inspectors/QH-HX-0009")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the good row was not applied either");
    }

    [Fact]
    public async Task A_batch_is_recorded_once_and_never_changed()
    {
        await using var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("batch"));
        using var http = silo.Http(silo.AdminToken());
        var body = new { enterpriseUscc = Codes.NewUscc(), producerUscc = Codes.NewUscc(), category = "potash-kcl-gb6549", productName = "氯化钾", standard = "GB 6549-2011", batchNumber = "B-01", productionDate = "2026-02-01" };

        var created = await http.PutAsJsonAsync("/api/batches/HX-2026-01", body);
        var same = await http.PutAsJsonAsync("/api/batches/HX-2026-01", body);
        var changed = await http.PutAsJsonAsync("/api/batches/HX-2026-01", body with { batchNumber = "B-02" });
        var future = await http.PutAsJsonAsync("/api/batches/HX-2026-02", body with { productionDate = "2999-01-01" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        same.StatusCode.Should().Be(HttpStatusCode.OK);
        changed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).Should().Contain("productionDate");
    }
}
