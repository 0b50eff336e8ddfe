using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The supervisor's draw ceremony in Debian's Chromium, on one screen: open the plan's round from the draws page, commit,
/// watch the entropy window count down while a witness's contribution (sent with the witness's own credential) arrives,
/// let the window pass (the silo's clock and the page's are stepped together), draw, read the picks and teams by name,
/// and verify the published draw in the browser. Then an anonymous visitor verifies the same draw on the public page, and
/// a bundle changed on its way to the browser fails the check. Axe finds no serious violation; screenshots at both widths.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CeremonyWebTests
{
    [Fact]
    public async Task A_supervisor_runs_the_draw_ceremony_in_the_browser_and_anyone_can_verify_the_draw()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-ceremony");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "CERE-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        var drawId = $"{planId}:R1";
        var user = await WebAppBrowser.CreateUserAsync(silo, "supervisor", null, "王监管");

        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        // The page's clock is the test's to step, as the silo's is: the countdown and the silo agree when the window passes.
        await page.Clock.InstallAsync();
        await WebAppBrowser.LogInAsync(page, silo, user);

        // The draws page opens the plan and lists its rounds; round 1 leads to its ceremony.
        await Expect(page.Locator("#who")).ToContainTextAsync("王监管");
        var open = page.GetByTestId("open-plan");
        await open.GetByLabel("计划编号").FillAsync(planId);
        await open.GetByRole(AriaRole.Button, new() { Name = "打开" }).ClickAsync();
        await Expect(page.GetByTestId("rounds")).ToContainTextAsync("未承诺");
        await page.GetByRole(AriaRole.Link, new() { Name = "第 1 轮抽签仪式" }).ClickAsync();

        // ① The commitment.
        await Expect(page.Locator("h1")).ToHaveTextAsync($"抽签仪式：{planId} 第 1 轮");
        var commit = page.GetByTestId("commit-form");
        await Expect(commit.GetByLabel("外部熵窗口（分钟）")).ToHaveValueAsync("10");
        await WebAppBrowser.CheckAndShootAsync(page, "ceremony-commit");
        await commit.GetByRole(AriaRole.Button, new() { Name = "发布承诺", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("countdown")).ToContainTextAsync("距截止还剩 0");
        var status = await http.GetFromJsonAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(drawId)}");
        status.GetProperty("step").GetString().Should().Be("committed");
        await Expect(page.GetByTestId("commitment-sha")).ToHaveTextAsync(status.GetProperty("commitmentSha256").GetString()!);
        await Expect(page.GetByTestId("quotas")).ToContainTextAsync(DrawScenario.Category);

        // ② A witness adds outside entropy with the witness's own credential: it arrives on the screen.
        using (var admin = silo.Http(silo.AdminToken()))
        {
            var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "企业代表李见证", role = "witness" });
            using var witness = silo.Http((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
            (await witness.PostAsJsonAsync($"/api/draws/{Uri.EscapeDataString(drawId)}/contributions", new { source = "李见证", value = "李见证:0420" })).EnsureSuccessStatusCode();
        }

        var contributions = page.GetByTestId("contributions");
        await Expect(contributions.GetByTestId("contribution-count")).ToHaveTextAsync("已收到 1 份外部熵", new() { Timeout = 20_000 });
        await Expect(contributions.GetByTestId("contribution-list")).ToContainTextAsync("李见证:0420", new() { Timeout = 20_000 });
        await Expect(contributions.GetByTestId("contribution-list")).ToContainTextAsync("witness 企业代表李见证");

        // The supervisor enters a number a witness without a credential says aloud.
        var contribute = page.GetByTestId("contribution-form");
        await contribute.GetByLabel("来源").FillAsync("见证人张三");
        await contribute.GetByLabel("值").FillAsync("3141");
        await contribute.GetByRole(AriaRole.Button, new() { Name = "加入" }).ClickAsync();
        await Expect(contributions.GetByTestId("contribution-count")).ToHaveTextAsync("已收到 2 份外部熵", new() { Timeout = 20_000 });
        await Expect(contributions.GetByTestId("contribution-list")).ToContainTextAsync("见证人张三 (entered by 王监管", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("draw")).ToBeDisabledAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "ceremony-countdown");

        // The window passes: the silo's clock and the page's are stepped past the deadline.
        var deadline = status.GetProperty("entropyDeadline").GetDateTimeOffset();
        var step = deadline - silo.Clock.GetUtcNow() + TimeSpan.FromSeconds(2);
        await DrawScenario.PassAsync(deadline.AddSeconds(1), silo.Clock);
        await page.Clock.FastForwardAsync((long)step.TotalMilliseconds);
        await Expect(page.GetByTestId("countdown")).ToHaveTextAsync("外部熵窗口已结束，可以抽取。");

        // ③ The reveal and draw, ④ the picks and teams by name.
        await page.GetByTestId("draw").ClickAsync();
        await Expect(page.GetByTestId("draw-state")).ToHaveTextAsync("已抽取", new() { Timeout = 20_000 });
        var bundle = await silo.Http().GetFromJsonAsync<JsonElement>($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle");
        var picks = bundle.GetProperty("picks").EnumerateArray().ToList();
        picks.Should().NotBeEmpty();
        await Expect(page.GetByTestId("picks").Locator("tbody tr")).ToHaveCountAsync(picks.Count);
        await Expect(page.GetByTestId("picks")).ToContainTextAsync(picks[0].GetProperty("id").GetString()!.Split('|')[1]);
        await Expect(page.GetByTestId("picks")).ToContainTextAsync("示例锂盐");
        await Expect(page.GetByTestId("teams")).ToContainTextAsync("检查员");
        await Expect(page.GetByTestId("teams")).ToContainTextAsync("市场监督管理局");
        await Expect(contributions.GetByTestId("contribution-list")).ToContainTextAsync("李见证:0420");
        await Expect(page.GetByTestId("steps-table")).ToContainTextAsync("揭示并抽取");
        await WebAppBrowser.CheckAndShootAsync(page, "ceremony-drawn");

        // Verified in this browser: every check passes.
        await page.GetByTestId("verify").ClickAsync();
        await Expect(page.GetByTestId("verdict")).ToHaveTextAsync("✓ 已在本浏览器中核验通过", new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid=checks] li.fail")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=checks] li.ok")).ToHaveCountAsync(10);
        await Expect(page.Locator("[data-testid=checks] li[data-check=seals]")).ToContainTextAsync("各部分封印");
        await Expect(page.Locator("[data-testid=checks] li[data-check=bundleHash]")).ToHaveClassAsync("ok");
        await Expect(page.Locator("[data-testid=checks] li[data-check=picks]")).ToContainTextAsync("抽取对象：每层配额内签号最小者");
        // The bundle holds its frames by hash: the page streamed the compressed target frame file, every member of it.
        var members = bundle.GetProperty("commitment").GetProperty("quotas").EnumerateArray().Sum(q => q.GetProperty("members").GetInt32());
        await Expect(page.GetByTestId("verify-progress")).ToContainTextAsync($"已流式读取对象名录 targets.csv.gz（");
        await Expect(page.GetByTestId("verify-progress")).ToContainTextAsync($"B，{members} 个对象）");
        await WebAppBrowser.CheckAndShootAsync(page, "ceremony-verified");

        // Anyone, without logging in, finds the draw in the public index and verifies it on a phone.
        var visitor = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await visitor.GotoAsync(new Uri(silo.Address, "/app/#/draws/public").ToString());
        await Expect(visitor.GetByTestId("public-draws")).ToContainTextAsync(status.GetProperty("commitmentSha256").GetString()!);
        await visitor.GetByRole(AriaRole.Link, new() { Name = drawId }).ClickAsync();
        await Expect(visitor.GetByTestId("draw-facts")).ToContainTextAsync("已抽取");
        await Expect(visitor.GetByTestId("draw-risk-run")).ToContainTextAsync("风险分类由人工录入", new() { Timeout = 20_000 });
        await visitor.GetByTestId("verify").ClickAsync();
        await Expect(visitor.GetByTestId("verdict")).ToHaveTextAsync("✓ 已在本浏览器中核验通过", new() { Timeout = 60_000 });
        await Expect(visitor.Locator("[data-testid=checks] li.fail")).ToHaveCountAsync(0);
        await Expect(visitor.GetByTestId("picks")).ToContainTextAsync(picks[0].GetProperty("id").GetString()!.Split('|')[1]);
        // The verifier itself reproduces the specification's published vectors (draw/spec/vectors), computed elsewhere.
        await visitor.GetByText("这个验证程序本身可信吗？").ClickAsync();
        await visitor.GetByTestId("vectors").ClickAsync();
        await Expect(visitor.Locator("[data-testid=vectors-result] li.ok")).ToHaveCountAsync(4);
        await Expect(visitor.GetByTestId("vectors-result")).ToContainTextAsync("检查员抽取序列：1/1 一致");
        // The streaming check agrees with the whole-text one on a 100,000-member frame generated in the page (compressed,
        // read back in pieces): the incremental hash against the one-shot, counts, picks and alternates per stratum.
        await visitor.GetByLabel("生成名录的对象数").FillAsync("100000");
        await visitor.GetByTestId("stream-check").ClickAsync();
        await Expect(visitor.GetByTestId("stream-check-frame")).ToContainTextAsync("流式核验与整体核验一致：100000 个对象（gzip）", new() { Timeout = 120_000 });
        await Expect(visitor.Locator("[data-testid=stream-check-result] li.fail")).ToHaveCountAsync(0);
        await Expect(visitor.Locator("[data-testid=stream-check-result] li.ok")).ToHaveCountAsync(2);
        Console.WriteLine($"Browser stream check: {await visitor.GetByTestId("stream-check-frame").TextContentAsync()}");
        await WebAppBrowser.CheckAndShootAsync(visitor, "public-draw-verified");

        // A bundle changed on its way (the first pick swapped with the first alternate) fails the check.
        var tampered = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await tampered.RouteAsync("**/bundle", async route =>
        {
            var response = await route.FetchAsync();
            var changed = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!;
            var pick = changed["picks"]![0]!;
            var alternate = changed["alternates"]![0]!;
            (pick["id"], alternate["id"]) = (alternate["id"]!.DeepClone(), pick["id"]!.DeepClone());
            (pick["ticket"], alternate["ticket"]) = (alternate["ticket"]!.DeepClone(), pick["ticket"]!.DeepClone());
            await route.FulfillAsync(new() { Response = response, Body = changed.ToJsonString() });
        });
        await tampered.GotoAsync(new Uri(silo.Address, $"/app/#/draws/public/{Uri.EscapeDataString(drawId)}").ToString());
        await tampered.GetByTestId("verify").ClickAsync();
        await Expect(tampered.GetByTestId("verdict")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^✗ "), new() { Timeout = 60_000 });
        await Expect(tampered.Locator("[data-testid=checks] li[data-check=picks]")).ToHaveClassAsync("fail");
        await Expect(tampered.Locator("[data-testid=checks] li[data-check=seals]")).ToContainTextAsync("picks, alternates");
        await WebAppBrowser.ShotAsync(tampered, "public-draw-tampered-desktop");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
