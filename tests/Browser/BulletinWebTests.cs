using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The quality bulletin and the public results in Debian's Chromium: over two published results (a re-tested pass and a
/// failure), a supervisor drafts the year's provincial bulletin and reviews it; meanwhile, in another tab, the pass is
/// withdrawn with its reason and the draft computed again, so publishing what was reviewed is refused (409) until the
/// draft is reviewed again; then it is published. Anyone reads the bulletin (figures, charts, failing product, files,
/// verification code) and the results by name, the withdrawn one marked with its reason and its revisions.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulletinWebTests
{
    [Fact]
    public async Task A_supervisor_publishes_the_reviewed_bulletin_and_the_public_reads_it_and_the_results_by_name()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-bulletins");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var anonymous = silo.Http(null);
        var planId = "WEBB-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (passId, _) = await TaskScenario.PublishOneAsync(silo, http, planId);
        var failing = await TaskScenario.CastAsync(silo, http, planId, which: 1);
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, failing);
        (await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(failing.TaskId)}/record-disposal", new { step = "rectification-ordered", on = concluded })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(failing.TaskId)}/publish", new { })).EnsureSuccessStatusCode();
        var rows = await TaskScenario.WaitForAsync(async () =>
            await anonymous.GetFromJsonAsync<JsonElement>("/api/results") is var r && r.EnumerateArray().Count(x => x.GetProperty("revision").GetInt32() > 0) == 2 ? r : (JsonElement?)null);
        var pass = rows.EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == passId);
        var fail = rows.EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == failing.TaskId);
        var year = fail.GetProperty("publishedOn").GetString()![..4];
        pass.GetProperty("publishedOn").GetString().Should().StartWith(year, "both results fall in the bulletin's year");
        var passName = pass.GetProperty("enterpriseName").GetString()!;
        var failName = fail.GetProperty("enterpriseName").GetString()!;

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, user);

        // The supervisor drafts the year's provincial bulletin and reviews it: both results, one failing.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "质量公告" }).ClickAsync();
        await page.GetByTestId("new-draft").ClickAsync();
        var form = page.GetByTestId("draft-form");
        await form.GetByLabel("年度").FillAsync(year);
        await form.GetByLabel("范围").SelectOptionAsync("province");
        await form.GetByRole(AriaRole.Button, new() { Name = "计算草稿" }).ClickAsync();
        var review = page.GetByTestId("review");
        await Expect(review.GetByTestId("total-batches")).ToContainTextAsync("2");
        await Expect(review.GetByTestId("total-rate")).ToContainTextAsync("50.0 %");
        await Expect(review.GetByTestId("failing")).ToContainTextAsync(failName);
        await Expect(review.GetByTestId("failing")).ToContainTextAsync("98.0 %");
        await Expect(review.GetByTestId("chart-category").Locator("li")).ToHaveCountAsync(1);
        await Expect(review.GetByTestId("pdf")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/draft/pdf$"));
        var reviewedSha = await review.GetByTestId("figures-sha").TextContentAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "bulletin-draft");

        // Meanwhile, in another tab: the pass is withdrawn on the results page, with its reason, and the draft computed again.
        var other = await page.Context.NewPageAsync();
        await other.GotoAsync(new Uri(silo.Address, "/app/#/results").ToString());
        var passCard = other.Locator($"article[data-task='{passId}']");
        await Expect(passCard).ToContainTextAsync(passName);
        await passCard.GetByTestId("withdraw").ClickAsync();
        await passCard.GetByTestId("withdraw-form").GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        await Expect(passCard.Locator("[data-error-for=reason]")).ToContainTextAsync("is required");
        await passCard.GetByLabel("理由").FillAsync("批次信息登记有误，核实后重新公布");
        await passCard.GetByTestId("withdraw-form").GetByRole(AriaRole.Button, new() { Name = "撤回" }).ClickAsync();
        var withdrawnCard = other.Locator($"article[data-task='{passId}']");
        await Expect(withdrawnCard.GetByTestId("marker")).ToContainTextAsync("已撤回：批次信息登记有误，核实后重新公布");
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/results/{Uri.EscapeDataString(passId)}/history")).GetArrayLength().Should().Be(2);
        await other.GotoAsync(new Uri(silo.Address, "/app/#/bulletins/draft").ToString());
        await other.GetByTestId("draft-form").GetByLabel("年度").FillAsync(year);
        await other.GetByTestId("draft-form").GetByRole(AriaRole.Button, new() { Name = "计算草稿" }).ClickAsync();
        await Expect(other.GetByTestId("review").GetByTestId("total-batches")).ToContainTextAsync("1");
        await other.CloseAsync();

        // Publishing what was reviewed is refused: the draft changed. Reviewed again, it is published.
        var publish = page.GetByTestId("publish-form");
        await publish.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(publish.Locator(".form-error")).ToContainTextAsync("草稿在您审阅后已经变化");
        await WebAppBrowser.CheckAndShootAsync(page, "bulletin-changed-since-review");
        await publish.GetByTestId("reload").ClickAsync();
        await Expect(review.GetByTestId("total-batches")).ToContainTextAsync("1");
        (await review.GetByTestId("figures-sha").TextContentAsync()).Should().NotBe(reviewedSha);
        await page.GetByTestId("publish-form").GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Expect(page.GetByTestId("bulletin-number")).ToContainTextAsync("ZLGG-");

        // Anyone reads it: figures, the three charts, the failing product with its item, the files, the verification code.
        var reader = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await reader.GotoAsync(new Uri(silo.Address, "/app/#/results").ToString());
        await reader.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "质量公告" }).ClickAsync();
        await reader.GetByTestId("bulletins").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(reader.Locator("h1")).ToContainTextAsync("产品质量监督抽查质量公告");
        await Expect(reader.GetByTestId("total-batches")).ToContainTextAsync("1");
        await Expect(reader.GetByTestId("total-rate")).ToContainTextAsync("0.0 %");
        await Expect(reader.GetByText("已撤回的结果 1 条未计入。")).ToBeVisibleAsync();
        await Expect(reader.GetByTestId("chart-category").Locator("li rect.fill")).ToHaveCountAsync(1);
        await Expect(reader.GetByTestId("chart-prefecture").Locator("li")).ToHaveCountAsync(1);
        await Expect(reader.GetByTestId("chart-trend").Locator("li")).ToHaveCountAsync(3);
        await Expect(reader.GetByTestId("failing")).ToContainTextAsync(failName);
        await Expect(reader.GetByTestId("failing").GetByTestId("failed-items")).ToContainTextAsync("98.0 %");
        var code = (await reader.GetByTestId("verify-link").TextContentAsync())!;
        await Expect(reader.GetByTestId("verify-link")).ToHaveAttributeAsync("href", $"#/verify/{code}");
        var pdfHref = await reader.GetByTestId("pdf").GetAttributeAsync("href");
        (await anonymous.GetAsync(pdfHref)).EnsureSuccessStatusCode();
        var csv = await anonymous.GetStringAsync(await reader.GetByTestId("csv").GetAttributeAsync("href"));
        csv.Should().Contain("failing," + failing.TaskId);
        await WebAppBrowser.CheckAndShootAsync(reader, "bulletin-public");

        // The results by name: the failure with its items, lab and disposal; the withdrawn pass marked with its reason and revisions.
        await reader.GotoAsync(new Uri(silo.Address, "/app/#/results").ToString());
        var failCard = reader.Locator($"article[data-task='{failing.TaskId}']");
        await Expect(failCard.Locator("h2")).ToHaveTextAsync(failName);
        await Expect(failCard).ToContainTextAsync("不合格");
        await Expect(failCard.GetByTestId("failed-items")).ToContainTextAsync("98.0 %");
        await Expect(failCard).ToContainTextAsync(fail.GetProperty("disposal").GetString()!);
        await Expect(failCard).ToContainTextAsync(fail.GetProperty("lab").GetString()!);
        var withdrawn = reader.Locator($"article[data-task='{passId}']");
        await Expect(withdrawn.GetByTestId("marker")).ToContainTextAsync("已撤回：批次信息登记有误");
        await Expect(withdrawn).ToContainTextAsync(pass.GetProperty("retestLab").GetString()!);
        await Expect(reader.GetByTestId("withdraw")).ToHaveCountAsync(0);
        await WebAppBrowser.CheckAndShootAsync(reader, "results-public");
        await withdrawn.GetByRole(AriaRole.Link, new() { Name = "修订记录（第 2 版）" }).ClickAsync();
        await Expect(reader.GetByTestId("history").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(reader.GetByTestId("history")).ToContainTextAsync("批次信息登记有误，核实后重新公布");
        await WebAppBrowser.CheckAndShootAsync(reader, "result-history");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
