using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The supervisor's steps on a tested task, in the browser alone: notify the enterprise, enter its objection, assign the
/// re-test, and publish the concluded result; then the overdue list and the plan's progress as the API reports them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SupervisorTasksWebTests
{
    [Fact]
    public async Task A_supervisor_takes_a_reported_task_through_objection_and_retest_to_publication_in_the_browser()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-oversight");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "WEBS-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        await ReportAsync(silo, cast, path);

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, user);

        await page.GotoAsync(new Uri(silo.Address, $"/app/#/tasks?plan={planId}").ToString());
        await Expect(page.GetByTestId("plan-tasks")).ToContainTextAsync(cast.TaskId);
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-plan-tasks");
        await page.GetByTestId("plan-tasks").GetByRole(AriaRole.Link, new() { Name = cast.TaskId }).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已出报告");
        await Expect(page.GetByTestId("verdict")).ToContainTextAsync("不合格");
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-task-reported");

        await page.GetByTestId("notify-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已告知企业");
        var objection = page.GetByTestId("objection-form");
        await objection.GetByLabel("li2co3").CheckAsync();
        await objection.GetByLabel("理由").FillAsync("企业认为检验方法有误");
        await objection.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("异议中");
        await page.GetByTestId("retest-form").GetByLabel("检验机构编号").FillAsync(cast.RetestLab);
        await page.GetByTestId("retest-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已指定复检");

        // The re-test lab works through the API here (its own pages have their own test); the result concludes the task.
        using (var lab2 = silo.Http(cast.RetestLabToken))
        {
            (await lab2.PostAsJsonAsync($"{path}/receive", new { sealsIntact = true, sealsSeen = new[] { "QH-2" } })).StatusCode.Should().Be(HttpStatusCode.OK);
            (await lab2.PostAsJsonAsync($"{path}/post-results", new { items = new[] { new { item = "li2co3", kind = "value", value = 99.60m } } })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await page.ReloadAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已结论");
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-task-concluded");
        await page.GetByTestId("publish-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已公布");
        var published = await http.GetFromJsonAsync<JsonElement>(path);
        published.GetProperty("stage").GetString().Should().Be("Published");
        published.GetProperty("objection").GetProperty("items").EnumerateArray().Select(i => i.GetString()).Should().Equal("li2co3");
        published.GetProperty("retest").GetProperty("labId").GetString().Should().Be(cast.RetestLab);

        // Progress as the API reports it.
        var progress = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress") is var p && p.GetProperty("concluded").GetInt32() == 1 ? p : (JsonElement?)null);
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/progress?plan={planId}").ToString());
        await Expect(page.GetByTestId("goal")).ToHaveTextAsync(progress.GetProperty("goal").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("concluded")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("fairness")).ToBeVisibleAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-progress");
        await page.GotoAsync(new Uri(silo.Address, "/app/#/overdue").ToString());
        await Expect(page.GetByTestId("overdue-tasks")).ToBeVisibleAsync();
        var calendar = await http.GetFromJsonAsync<JsonElement>("/api/calendar");
        if (calendar.GetProperty("notice").GetString() is { } notice)
        {
            await Expect(page.GetByTestId("calendar-notice")).ToContainTextAsync(notice);
        }
        else
        {
            await Expect(page.GetByTestId("calendar-notice")).ToHaveCountAsync(0);
        }

        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-overdue");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    /// <summary>Sampling, hand-over, a failing first test and the report, through the API as the people would.</summary>
    private static async Task ReportAsync(RunningSilo silo, TaskCast cast, string path)
    {
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        using var lab = silo.Http(cast.LabToken);
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        async Task Step(HttpClient who, string action, object body) =>
            (await who.PostAsJsonAsync($"{path}/{action}", body)).StatusCode.Should().Be(HttpStatusCode.OK, action);
        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1", "QH-2" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = cast.Lab });
        await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1", "QH-2" } });
        await Step(lab, "post-results", new { items = TaskScenario.LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.40m : 0.0001m }).ToArray() });
        await Step(lab, "issue-report", new { reportNumber = $"{cast.TaskId[..8]}-R1" });
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
