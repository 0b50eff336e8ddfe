using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// A task's documents in the browser: a supervisor issues them from the task page (a correction asks for its reason),
/// then anyone opens the verify page by the code and sees the figures the system holds; the issued PDF chosen there
/// matches, a copy with one changed byte is shown as changed or not issued here, and a replaced version warns.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentWebTests
{
    [Fact]
    public async Task A_supervisor_issues_documents_on_the_task_page_and_anyone_verifies_them_by_code_and_by_file()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-documents");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "WEBD-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, cast);
        (await http.PostAsJsonAsync($"{path}/record-disposal", new { step = "rectification-ordered", on = concluded })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{path}/publish", new { })).EnsureSuccessStatusCode();

        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(page, silo, user);

        // The task page: no documents yet, a button for each of the five kinds (a supervisor issues every kind).
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/oversee/{Uri.EscapeDataString(cast.TaskId)}").ToString());
        var section = page.GetByTestId("documents");
        await Expect(section.GetByTestId("issue-documents").GetByRole(AriaRole.Button)).ToHaveCountAsync(5);
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync("无");
        await section.GetByRole(AriaRole.Button, new() { Name = "签发检验报告" }).ClickAsync();
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync($"JYBG-{cast.TaskId}-v1");
        await section.GetByRole(AriaRole.Button, new() { Name = "签发结果公开单" }).ClickAsync();
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync($"GKJG-{cast.TaskId}-v1");
        var report = await DocumentAsync(http, path, "test-report", 1);
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync(report.GetProperty("code").GetString()!);
        await WebAppBrowser.CheckAndShootAsync(page, "documents-task");

        // A changed fact: the same button now asks for a reason (the server's 400 on "reason"), then issues version 2.
        var enterprise = await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}");
        (await http.PatchAsJsonAsync($"/api/enterprises/{cast.Uscc}", new { name = enterprise.GetProperty("name").GetString() + "（更名）" })).EnsureSuccessStatusCode();
        await section.GetByRole(AriaRole.Button, new() { Name = "签发结果公开单" }).ClickAsync();
        var reason = section.GetByLabel("更正理由");
        await Expect(reason).ToBeVisibleAsync();
        await Expect(section.Locator("[data-error-for=reason]")).Not.ToBeEmptyAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "documents-reason");
        await reason.FillAsync("企业名称变更");
        await section.GetByRole(AriaRole.Button, new() { Name = "签发结果公开单" }).ClickAsync();
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync($"GKJG-{cast.TaskId}-v2");
        await Expect(section.GetByTestId("documents-list")).ToContainTextAsync($"已被 GKJG-{cast.TaskId}-v2 替代");
        var sheet = await DocumentAsync(http, path, "result-sheet", 1);

        // Anyone, not logged in: the public menu links the verify page; the report's code shows its figures.
        var visitor = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await visitor.GotoAsync(new Uri(silo.Address, "/app/#/results").ToString());
        await visitor.GetByRole(AriaRole.Link, new() { Name = "文书核验" }).ClickAsync();
        var code = report.GetProperty("code").GetString()!;
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "验证码" }).FillAsync(code.ToLowerInvariant());
        await visitor.GetByRole(AriaRole.Button, new() { Name = "核验", Exact = true }).ClickAsync();
        var verified = visitor.GetByTestId("verified");
        await Expect(verified).ToContainTextAsync(report.GetProperty("number").GetString()!);
        await Expect(verified).ToContainTextAsync("检验报告");
        await Expect(verified).ToContainTextAsync("98.0");
        await Expect(verified).ToContainTextAsync(cast.Lab);
        await Expect(visitor.GetByTestId("pdf-sha")).ToHaveTextAsync(report.GetProperty("pdfSha256").GetString()!);
        await Expect(visitor.GetByTestId("content-sha")).ToHaveTextAsync(report.GetProperty("contentSha256").GetString()!);
        await Expect(visitor.GetByTestId("verdict")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("good"));
        await Expect(visitor.GetByTestId("replaced")).ToHaveCountAsync(0);
        (await visitor.GetByTestId("original-pdf").GetAttributeAsync("href")).Should().Be($"/api/verify/{Uri.EscapeDataString(code.ToLowerInvariant())}/pdf");
        await WebAppBrowser.CheckAndShootAsync(visitor, "documents-verify-code");

        // The issued PDF, hashed in the browser, matches; one changed byte does not.
        var pdf = await http.GetByteArrayAsync(report.GetProperty("pdfUrl").GetString());
        var folder = Directory.CreateTempSubdirectory("documents-web-");
        var original = Path.Combine(folder.FullName, "report.pdf");
        await File.WriteAllBytesAsync(original, pdf);
        await visitor.GetByTestId("verify-file").SetInputFilesAsync(original);
        await Expect(visitor.GetByTestId("verdict")).ToHaveTextAsync("✓ 与系统记录一致：此文件正是本系统签发的文书");
        await Expect(visitor.GetByTestId("verified")).ToContainTextAsync("98.0");
        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 2] ^= 0x20;
        var changed = Path.Combine(folder.FullName, "report-changed.pdf");
        await File.WriteAllBytesAsync(changed, tampered);
        await visitor.GetByTestId("verify-file").SetInputFilesAsync(changed);
        await Expect(visitor.GetByTestId("verdict")).ToHaveTextAsync("✗ 文件已被改动或非本系统签发");
        await Expect(visitor.GetByTestId("verify-result")).ToContainTextAsync(Convert.ToHexStringLower(SHA256.HashData(tampered)));
        await Expect(visitor.GetByTestId("verified")).ToHaveCountAsync(0);
        await WebAppBrowser.CheckAndShootAsync(visitor, "documents-verify-tampered");

        // The QR code's address of the replaced sheet: a prominent warning names the version in force.
        var sheetCode = sheet.GetProperty("code").GetString()!;
        await visitor.GotoAsync(new Uri(silo.Address, $"/verify/{sheetCode}").ToString());
        await Expect(visitor.GetByTestId("replaced")).ToContainTextAsync($"GKJG-{cast.TaskId}-v2");
        await Expect(visitor.GetByTestId("verified")).ToContainTextAsync(enterprise.GetProperty("name").GetString()!);
        await WebAppBrowser.CheckAndShootAsync(visitor, "documents-verify-replaced");
        await visitor.GetByRole(AriaRole.Textbox, new() { Name = "验证码" }).FillAsync("AAAA-BBBB-CCCC");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "核验", Exact = true }).ClickAsync();
        await Expect(visitor.GetByTestId("verdict")).ToContainTextAsync("没有验证码为 AAAA-BBBB-CCCC 的文书");
        folder.Delete(recursive: true);
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    private static async Task<JsonElement> DocumentAsync(HttpClient http, string path, string kind, int version)
    {
        var list = await http.GetFromJsonAsync<JsonElement>($"{path}/documents");
        list.ValueKind.Should().Be(JsonValueKind.Array);
        return list.EnumerateArray().Single(d => d.GetProperty("kind").GetString() == kind && d.GetProperty("version").GetInt32() == version);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
