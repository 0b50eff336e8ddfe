using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// A supervisor opens a targeted inspection (重点检查) from the plan's task page: a team member who is not in the
/// directory is refused beside the field and nothing is opened; corrected, the task opens with its basis, the board
/// names its reason, and the progress page shows the drawn and targeted tasks apart.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TargetedWebTests
{
    [Fact]
    public async Task A_supervisor_opens_a_targeted_inspection_in_the_browser_and_progress_shows_it_apart()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-targeted");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "WTGT-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(http, planId);
        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var bundle = Samples.Draw.DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        var drawn = bundle.Teams.Count(t => t.Status != Samples.Draw.TeamRule.TargetReplaced);
        await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() == drawn ? b : (JsonElement?)null);

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, user);
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/tasks?plan={planId}").ToString());
        await page.GetByTestId("targeted").Locator("summary").ClickAsync();
        var form = page.GetByTestId("targeted-form");
        await form.GetByLabel("统一社会信用代码").FillAsync(usccs[0]);
        await form.GetByLabel("依据类型").SelectOptionAsync("complaint");
        await form.GetByLabel("依据编号").FillAsync("12315-2026-0077");
        await form.GetByLabel("证据说明").FillAsync("消费者投诉：碳酸锂主含量不足");
        await form.GetByLabel("证据文件（可选）").SetInputFilesAsync(new FilePayload { Name = "投诉.txt", MimeType = "text/plain", Buffer = "投诉原件"u8.ToArray() });
        await form.GetByLabel("检查人员编号").FillAsync($"{planId}-I0 NOBODY-9");
        await form.GetByRole(AriaRole.Button, new() { Name = "开启重点检查任务" }).ClickAsync();
        await Expect(form.Locator("[data-error-for=team]")).ToContainTextAsync("NOBODY-9");
        (await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).GetArrayLength().Should().Be(drawn, "a refused opening opens nothing");
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-targeted-refused");

        await form.GetByLabel("检查人员编号").FillAsync($"{planId}-I0, {planId}-I1");
        await form.GetByRole(AriaRole.Button, new() { Name = "开启重点检查任务" }).ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已分派");
        var taskId = Uri.UnescapeDataString(page.Url.Split("#/oversee/")[1]);
        var task = await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}");
        task.GetProperty("targeted").GetProperty("reference").GetString().Should().Be("12315-2026-0077");
        task.GetProperty("targeted").GetProperty("evidenceSha256").EnumerateArray().Select(x => x.GetString()).Should()
            .Equal([Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("投诉原件"u8.ToArray()))], "the browser sends the file's fingerprint, not the file");
        task.GetProperty("team").EnumerateArray().Select(m => m.GetProperty("inspectorId").GetString()).Should().Equal($"{planId}-I0", $"{planId}-I1");

        // A member declines: no draw stands behind the task, so the supervisor names the replacement on the task's page.
        using (var declining = silo.Http(await TaskScenario.CredentialAsync(silo, "检查员甲", Samples.Contracts.Access.Role.Inspector, $"{planId}-I0")))
        {
            (await declining.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/decline", new { reason = "申请回避" })).EnsureSuccessStatusCode();
        }

        await page.ReloadAsync();
        var replace = page.GetByTestId("replace-form");
        await replace.GetByLabel("接替的检查人员编号").FillAsync("NOBODY-9");
        await replace.GetByRole(AriaRole.Button, new() { Name = "指定接替人员" }).ClickAsync();
        await Expect(replace.Locator("[data-error-for=replacer]")).ToContainTextAsync("NOBODY-9");
        await replace.GetByLabel("接替的检查人员编号").FillAsync($"{planId}-I2");
        await replace.GetByRole(AriaRole.Button, new() { Name = "指定接替人员" }).ClickAsync();
        await Expect(page.GetByTestId("replace-form")).ToHaveCountAsync(0);
        (await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}")).GetProperty("team").EnumerateArray()
            .Select(m => m.GetProperty("inspectorId").GetString()).Should().Equal($"{planId}-I0", $"{planId}-I1", $"{planId}-I2");

        await page.GotoAsync(new Uri(silo.Address, $"/app/#/tasks?plan={planId}").ToString());
        await Expect(page.GetByTestId("plan-tasks").Locator("tr", new() { HasText = taskId })).ToContainTextAsync("重点检查 · 投诉举报");
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/progress?plan={planId}").ToString());
        await Expect(page.GetByTestId("basis")).ToContainTextAsync($"随机抽取 {drawn} 个任务，重点检查 1 个");
        await Expect(page.GetByTestId("by-reason")).ToContainTextAsync("投诉举报");
        await WebAppBrowser.CheckAndShootAsync(page, "supervisor-progress-basis");
        browser.RefusedByPolicy.Should().BeEmpty();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
