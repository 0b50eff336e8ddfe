using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// A risk-monitoring (风险监测) task in the supervisor's browser: the page says what it is, offers its conclusion on the
/// report with no notice, objection or publication, says where it ends; progress shows the plan's purpose and the year's
/// plans apart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MonitoringWebTests
{
    [Fact]
    public async Task A_supervisor_concludes_a_reported_monitoring_task_without_notice_objection_or_publication_in_the_browser()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-monitoring");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var stem = Guid.NewGuid().ToString("N")[..8];
        var planId = "WEBM-" + stem;
        await DrawScenario.SeedAsync(http, "WEBS-" + stem);
        var plan = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.SerializeToElement(DrawScenario.Plan(2026, "0 0 9 1 1/2 ?", 2), JsonSerializerOptions.Web))!;
        plan["purpose"] = JsonSerializer.SerializeToElement("risk-monitoring");
        (await http.PutAsJsonAsync($"/api/plans/{planId}", plan)).StatusCode.Should().Be(HttpStatusCode.Created);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using (var first = silo.Http(cast.FirstInspector))
        using (var second = silo.Http(cast.SecondInspector))
        using (var lab = silo.Http(cast.LabToken))
        {
            var today = Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow());
            async Task Step(HttpClient who, string action, object body) =>
                (await who.PostAsJsonAsync($"{path}/{action}", body)).StatusCode.Should().Be(HttpStatusCode.OK, action);
            await Step(first, "accept", new { });
            await Step(second, "accept", new { });
            await Step(first, "record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
            await Step(second, "hand-over", new { labId = cast.Lab });
            await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1" } });
            await Step(lab, "post-results", new { items = TaskScenario.LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 98.0m : 0.0001m }).ToArray() });
            await Step(lab, "issue-report", new { reportNumber = $"{stem}-R1" });
        }

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监测");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, user);

        await page.GotoAsync(new Uri(silo.Address, $"/app/#/tasks?plan={planId}").ToString());
        await Expect(page.GetByTestId("plan-tasks")).ToContainTextAsync("风险监测");
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/oversee/{Uri.EscapeDataString(cast.TaskId)}").ToString());
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已出报告");
        await Expect(page.GetByTestId("task-facts")).ToContainTextAsync("风险监测");
        await Expect(page.GetByTestId("notify-form")).ToHaveCountAsync(0);
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-monitoring-reported");
        await page.GetByTestId("conclude-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已结论");
        await Expect(page.GetByTestId("monitoring-ended")).ToContainTextAsync("风险信号");
        await Expect(page.GetByTestId("publish-form")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("objection-form")).ToHaveCountAsync(0);
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("disposal").ValueKind.Should().Be(JsonValueKind.Null);

        await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress") is var p && p.GetProperty("concluded").GetInt32() == 1 ? p : (JsonElement?)null);
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/progress?plan={planId}").ToString());
        await Expect(page.GetByTestId("purpose")).ToHaveTextAsync("风险监测");
        await Expect(page.GetByTestId("concluded")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("purpose-overview")).ToContainTextAsync(planId);
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-monitoring-progress");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
