using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The lab's day in the browser, at desktop width: the handed-over sample is listed; the analyst receives it ticking
/// the seals of the sampling record; a CSV with a bad row shows the row's error and sends nothing; typed results show
/// the verdict preview (a battery-grade Li₂CO₃ of 98.0 % fails) before posting; the server's verdict is shown once
/// posted; the report is issued, and the API agrees with what the page showed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LabWebTests
{
    [Fact]
    public async Task A_lab_receives_a_sample_enters_results_with_a_verdict_preview_and_issues_the_report()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-lab");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "WEBL-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        await HandOverAsync(silo, cast, path);

        var user = await WebAppBrowser.CreateUserAsync(silo, "lab", cast.Lab, "王化验");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, user);

        // The lab's samples: the handed-over one, with its stage and deadline.
        await page.GotoAsync(new Uri(silo.Address, "/app/#/lab").ToString());
        var list = page.GetByTestId("lab-samples");
        await Expect(list).ToContainTextAsync(cast.TaskId);
        await Expect(list).ToContainTextAsync("已移交");
        await Expect(list).ToContainTextAsync("碳酸锂");
        await WebAppBrowser.CheckAndShootAsync(page, "lab-samples");

        // Receive: the seals of the sampling record, each ticked as seen.
        await list.GetByRole(AriaRole.Link, new() { Name = cast.TaskId }).ClickAsync();
        var receive = page.GetByTestId("receive-form");
        await receive.GetByLabel("封条 QH-1 已核对").CheckAsync();
        await receive.GetByLabel("封条 QH-2 已核对").CheckAsync();
        await receive.GetByLabel("封条完好").CheckAsync();
        await receive.GetByRole(AriaRole.Button, new() { Name = "确认接收" }).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已接收");

        // The result entry shows each item with its battery-grade limit.
        var form = page.GetByTestId("results-form");
        await Expect(form.GetByTestId("limit-li2co3")).ToContainTextAsync("≥ 99.5 %");
        await Expect(form.GetByTestId("limit-li2co3")).ToContainTextAsync("电池级");

        // A CSV with one bad row: the row's error is shown in place, and nothing is sent.
        await form.GetByText("从 CSV 文件导入结果").ClickAsync();
        var csv = "item,kind,value\nna,value,0.0001\nmg,value,abc\n";
        await form.GetByLabel("选择 CSV 文件").SetInputFilesAsync(new FilePayload { Name = "results.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        var errors = form.GetByTestId("csv-errors");
        await Expect(errors).ToContainTextAsync("3");
        await Expect(errors).ToContainTextAsync("value");
        await Expect(errors).ToContainTextAsync("“abc”不是数字");
        await Expect(form.GetByTestId("value-na")).ToHaveValueAsync("0.0001");
        await Expect(form.GetByTestId("value-mg")).ToHaveValueAsync(string.Empty);
        var untouched = await http.GetFromJsonAsync<JsonElement>(path);
        untouched.GetProperty("stage").GetString().Should().Be("Received", "a CSV only fills the form");
        untouched.GetProperty("results").GetArrayLength().Should().Be(0, "nothing was posted");

        // Typing: a battery-grade Li₂CO₃ of 98.0 % fails in the preview, before anything is posted.
        await form.GetByTestId("value-li2co3").FillAsync("98.0");
        foreach (var item in TaskScenario.LithiumItems.Where(i => i is not "li2co3" and not "na"))
        {
            await form.GetByTestId($"value-{item}").FillAsync("0.0001");
        }

        await Expect(form.GetByTestId("preview-li2co3")).ToContainTextAsync("不合格");
        await Expect(form.GetByTestId("preview-li2co3")).ToContainTextAsync("99.5");
        await Expect(form.GetByTestId("preview-na")).ToContainTextAsync("合格");
        await Expect(form.GetByTestId("preview-outcome")).ToHaveTextAsync("不合格");
        await WebAppBrowser.CheckAndShootAsync(page, "lab-results-preview");
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("results").GetArrayLength().Should().Be(0, "a preview posts nothing");

        // Posting: the server's verdict is shown with each item's reason.
        await form.GetByRole(AriaRole.Button, new() { Name = "提交结果" }).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已检验");
        var shown = await page.GetByTestId("verdict-outcome").TextContentAsync();
        shown.Should().Be("不合格");
        await Expect(page.GetByTestId("verdict-items")).ToContainTextAsync("98.0");

        // The report.
        var report = page.GetByTestId("report-form");
        await report.GetByLabel("报告编号").FillAsync($"{planId}-R1");
        await report.GetByRole(AriaRole.Button, new() { Name = "出具检验报告" }).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已出报告");
        await Expect(page.GetByTestId("verdict-outcome")).ToHaveTextAsync(shown!);
        await Expect(page.GetByTestId("posted-results")).ToContainTextAsync("98.0 %");
        await WebAppBrowser.CheckAndShootAsync(page, "lab-reported");

        // Reported, it leaves the samples to act on; the switch shows it again.
        await page.GetByRole(AriaRole.Link, new() { Name = "返回待检样品" }).ClickAsync();
        await Expect(page.GetByLabel("显示全部样品（含已出报告的）")).Not.ToBeCheckedAsync();
        await Expect(page.GetByText(cast.TaskId)).ToHaveCountAsync(0);
        await page.GetByLabel("显示全部样品（含已出报告的）").CheckAsync();
        await Expect(page.GetByTestId("lab-samples")).ToContainTextAsync(cast.TaskId);
        await Expect(page.GetByTestId("lab-samples")).ToContainTextAsync("已出报告");

        var reported = await http.GetFromJsonAsync<JsonElement>(path);
        reported.GetProperty("stage").GetString().Should().Be("Reported");
        reported.GetProperty("report").GetProperty("number").GetString().Should().Be($"{planId}-R1");
        reported.GetProperty("verdict").GetProperty("outcome").GetString().Should().Be("fail", "the page showed 不合格");
        reported.GetProperty("results").GetArrayLength().Should().Be(TaskScenario.LithiumItems.Length);
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    /// <summary>Both inspectors accept, the first records the sampling (battery grade, seals QH-1 and QH-2), the second hands over to the lab.</summary>
    private static async Task HandOverAsync(RunningSilo silo, TaskCast cast, string path)
    {
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1", "QH-2" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = cast.Lab });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
