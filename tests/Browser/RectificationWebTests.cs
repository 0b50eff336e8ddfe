using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// A failed product's rectification: the supervisor orders it in the browser, the enterprise uploads its evidence (a PDF)
/// and says what it did on its phone, and the supervisor sees the evidence on the task and records the rectification.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RectificationWebTests
{
    [Fact]
    public async Task The_enterprise_submits_rectification_evidence_and_the_supervisor_records_it()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-rectification");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "RECW-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        // The silo's clock is 20 days ahead of the browser's after this: the steps' dates are typed as the silo's days.
        var concluded = (await TaskScenario.FailAndConcludeAsync(silo, http, cast)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        var supervisorUser = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");
        var enterpriseUser = await WebAppBrowser.CreateUserAsync(silo, "enterprise", cast.Uscc, "示例锂盐质量部");
        await using var browser = await WebAppBrowser.LaunchAsync();

        // The supervisor orders rectification on the task's page.
        var supervisor = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(supervisor, silo, supervisorUser);
        await supervisor.GotoAsync(new Uri(silo.Address, $"/app/#/oversee/{Uri.EscapeDataString(cast.TaskId)}").ToString());
        var disposal = supervisor.GetByTestId("disposal-form");
        await disposal.GetByLabel("处置步骤").SelectOptionAsync("rectification-ordered");
        await disposal.GetByLabel("日期").FillAsync(concluded);
        await disposal.GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(supervisor.GetByTestId("disposal-form")).ToContainTextAsync("ordered: rectify within 60 days");

        // The enterprise, on its phone, uploads a PDF and says what it did.
        var enterprise = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(enterprise, silo, enterpriseUser);
        // Its credit record from sampling shows the failure, dated, with its task.
        await Expect(enterprise.GetByTestId("credit")).ToContainTextAsync("监督抽查不合格");
        await Expect(enterprise.GetByTestId("credit")).ToContainTextAsync(cast.TaskId);
        var card = enterprise.Locator($"[data-testid=enterprise-task][data-task='{cast.TaskId}']");
        var form = card.GetByTestId("rectification-form");
        await form.GetByLabel("整改材料文件").SetInputFilesAsync(new FilePayload { Name = "整改报告.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("%PDF-1.4 整改报告") });
        await form.GetByRole(AriaRole.Button, new() { Name = "提交整改材料" }).ClickAsync();
        await Expect(form.Locator("[data-error-for=note]")).ToContainTextAsync("必填");
        await form.GetByLabel("整改措施").FillAsync("更换干燥设备，重新检验合格");
        await WebAppBrowser.CheckAndShootAsync(enterprise, "enterprise-rectification");
        await form.GetByRole(AriaRole.Button, new() { Name = "提交整改材料" }).ClickAsync();
        await Expect(enterprise.GetByTestId("evidence")).ToContainTextAsync("SHA-256");
        var task = await http.GetFromJsonAsync<JsonElement>(path);
        var sha = task.GetProperty("disposal").GetProperty("evidence")[0].GetProperty("sha256").GetString()!;
        sha.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("%PDF-1.4 整改报告"))), "the file is named by the SHA-256 of the bytes sent");

        // The supervisor sees the evidence beside the disposal and records the rectification.
        await supervisor.ReloadAsync();
        await Expect(supervisor.GetByTestId("disposal-form").GetByTestId("evidence")).ToContainTextAsync(sha[..16]);
        await supervisor.GetByTestId("disposal-form").GetByLabel("处置步骤").SelectOptionAsync("rectified");
        await supervisor.GetByTestId("disposal-form").GetByLabel("日期").FillAsync(concluded);
        await supervisor.GetByTestId("disposal-form").GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();
        await Expect(supervisor.GetByTestId("disposal-form")).ToContainTextAsync("rectified: re-inspection due");
        await WebAppBrowser.CheckAndShootAsync(supervisor, "supervisor-disposal-evidence");
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("disposal").GetProperty("rectifiedOn").ValueKind.Should().Be(JsonValueKind.String);
        browser.RefusedByPolicy.Should().BeEmpty();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
