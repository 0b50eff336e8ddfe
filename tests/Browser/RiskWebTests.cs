using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Domain.Risk;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// Risk classification in Debian's Chromium: over a failed task and a never-sampled enterprise, a supervisor opens
/// 风险分类, sees the model in force, imports the month's complaints (a wrong row first, shown on its row), runs the
/// month and sees the counts per class, the model version and both digests; uploads a stricter version (a wrong one
/// first, its problem named by field), runs again and sees the failed enterprise by name on the early-warning list
/// (C → D, the failures rising), filters the classes to D and opens its explanation; then its class history.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RiskWebTests
{
    [Fact]
    public async Task A_supervisor_imports_runs_and_reads_the_classes_with_their_explanation_and_the_early_warnings()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-risk");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var (planId, cast, month, other, failedName) = await RiskScenario.FailedEnterpriseAsync(silo, http, "WEBR-");

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "赵风险");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(page, silo, user);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "菜单" }).GetByRole(AriaRole.Link, new() { Name = "风险分类" }).ClickAsync();
        await Expect(page.GetByTestId("model-version")).ToContainTextAsync("salt-lake-chemicals v1");
        await Expect(page.GetByTestId("indicators")).ToContainTextAsync("近24个月监督抽查不合格批次");
        await Expect(page.GetByTestId("indicators")).ToContainTextAsync("每月导入（CSV）");

        // The month's complaints: a wrong indicator is shown on its row and nothing is imported; corrected, it is.
        var import = page.GetByTestId("import-form");
        await import.GetByLabel("月份").FillAsync(month);
        await import.GetByLabel("CSV 文件").SetInputFilesAsync(Csv($"uscc,indicator,value\n{other},complaints,3\n{other},sunshine,1\n"));
        await import.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(import.GetByTestId("import-problems")).ToContainTextAsync("sunshine");
        await Expect(import.GetByTestId("import-problems").Locator("tbody tr").First).ToContainTextAsync("3");
        await WebAppBrowser.CheckAndShootAsync(page, "risk-import-refused");
        await import.GetByLabel("CSV 文件").SetInputFilesAsync(Csv($"uscc,indicator,value\n{other},complaints,3\n"));
        await import.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(import.GetByTestId("imported")).ToContainTextAsync($"已导入 {month} 的 1 行指标");

        // The run: the failed enterprise and the complained-of one are in C; the model and the digests are shown.
        var run = page.GetByTestId("run-form");
        await run.GetByLabel("月份").FillAsync(month);
        await run.GetByRole(AriaRole.Button, new() { Name = "运行分类" }).ClickAsync();
        var result = page.GetByTestId("run-result");
        await Expect(result).ToContainTextAsync($"{month} 第 1 次分类完成");
        await Expect(result.GetByTestId("count-C")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^2 \("));
        await Expect(result.GetByTestId("run-model")).ToHaveTextAsync("salt-lake-chemicals v1");
        await Expect(result.GetByTestId("inputs-sha")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await Expect(result.GetByTestId("model-sha")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));
        await WebAppBrowser.CheckAndShootAsync(page, "risk-run");

        // A new version: one whose version is not above the stored ones is refused by field; a stricter one is stored.
        var upload = page.GetByTestId("upload-form");
        await upload.GetByLabel("模型 JSON").FillAsync(RiskModel.Shipped.ToJson());
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(upload.GetByTestId("upload-problems")).ToContainTextAsync("version");
        await Expect(upload.GetByTestId("upload-problems")).ToContainTextAsync("must be above 1");
        var shipped = RiskModel.Shipped;
        var stricter = shipped with { Version = 2, Indicators = [.. shipped.Indicators.Select(i => i.Code == "failures" ? i with { PointsPerUnit = 60 } : i)] };
        await upload.GetByLabel("模型 JSON").FillAsync(stricter.ToJson());
        await upload.GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Expect(page.GetByText("已保存第 2 版，下次运行即采用。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("model-version")).ToContainTextAsync("salt-lake-chemicals v2");
        await Expect(page.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(2);

        // Run again: the failed enterprise worsens to D and is warned of, by name, with the indicator that rose.
        await page.GetByTestId("run-form").GetByLabel("月份").FillAsync(month);
        await page.GetByTestId("run-form").GetByRole(AriaRole.Button, new() { Name = "运行分类" }).ClickAsync();
        await Expect(result).ToContainTextAsync($"{month} 第 2 次分类完成");
        await Expect(result.GetByTestId("run-model")).ToHaveTextAsync("salt-lake-chemicals v2");
        var warning = result.GetByTestId("warnings").Locator("tbody tr").Filter(new() { HasText = failedName });
        await Expect(warning.GetByTestId("class-change")).ToHaveTextAsync("C 类 → D 类");
        var history = (await http.GetFromJsonAsync<JsonElement>($"/api/risk/enterprises/{cast.Uscc}")).EnumerateArray().Select(h => h.GetProperty("score").GetDecimal()).ToList();
        history.Should().HaveCount(2);
        await Expect(warning).ToContainTextAsync($"{history[1]:0.##} → {history[0]:0.##}");
        await Expect(warning).ToContainTextAsync("近24个月监督抽查不合格批次");
        await Expect(result.GetByTestId("changed")).ToHaveTextAsync("1");

        // The classes filtered to D: the failed enterprise, opened to its explanation.
        await result.GetByLabel("按类别筛选").SelectOptionAsync("D");
        var item = page.GetByTestId("classifications").Locator($"li[data-uscc='{cast.Uscc}']");
        await Expect(page.GetByTestId("classifications").Locator("ol.risk-list > li")).ToHaveCountAsync(1);
        await item.Locator("summary").ClickAsync();
        var failures = item.GetByTestId("explanation").Locator("tbody tr").Filter(new() { HasText = "近24个月监督抽查不合格批次" });
        await Expect(failures.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(failures.Locator("td").Nth(2)).ToHaveTextAsync("60");
        await WebAppBrowser.CheckAndShootAsync(page, "risk-warnings-and-explanation");
        await result.ScreenshotAsync(new() { Path = Path.Combine(Samples.Domain.Tests.Support.RepoPaths.Root, "TestResults", "screenshots", "web", "risk-result-part-phone.png") });

        // The enterprise's class history: D now, C before.
        await item.GetByRole(AriaRole.Link, new() { Name = failedName }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(failedName);
        await Expect(page.GetByTestId("class-now")).ToHaveTextAsync("D 类");
        await Expect(page.GetByTestId("history").Locator("summary")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("history").Locator("summary").Nth(1)).ToContainTextAsync("C 类");
        await WebAppBrowser.CheckAndShootAsync(page, "risk-enterprise-history");

        // The next round froze the last run's classes: its public page names that run, its weights and digests.
        var round2 = await DrawScenario.CommitAndDrawAsync(http, planId, round: 2, clock: silo.Clock);
        var inEffect = await silo.Http().GetFromJsonAsync<JsonElement>($"/api/public/risk/draws/{Uri.EscapeDataString(round2)}");
        var visitor = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await visitor.GotoAsync(new Uri(silo.Address, $"/app/#/draws/public/{Uri.EscapeDataString(round2)}").ToString());
        var weighting = visitor.GetByTestId("draw-risk-run");
        await Expect(weighting).ToContainTextAsync($"{month} 第 2 次运行");
        await Expect(weighting).ToContainTextAsync(inEffect.GetProperty("inputsSha256").GetString()!);
        await Expect(weighting).ToContainTextAsync("近24个月监督抽查不合格批次 60/");
        await WebAppBrowser.CheckAndShootAsync(visitor, "public-draw-risk-run");
        browser.RefusedByPolicy.Should().BeEmpty();
    }

    private static FilePayload Csv(string text) => new() { Name = "indicators.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(text) };

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
