using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// A newcomer's first day, in the browser alone: the admin logs in with the password the first start printed and
/// makes everyone's accounts; the supervisor commits and draws a round at the ceremony; the drawn inspectors accept and
/// record the sampling on their phones; the lab receives, enters results and reports; the supervisor notifies the
/// enterprise, which reads its result; after the objection window the supervisor concludes and publishes, and the
/// public page shows the result. The API is used only to set the scene (the plan and a lab, as the demo data has
/// them) and to read what happened.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NewcomerWebTests
{
    [Fact]
    public async Task Every_role_takes_a_task_from_draw_to_publication_in_the_browser()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-newcomer");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "NEW-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        var lab = $"{planId}-LAB";
        (await http.PutAsJsonAsync($"/api/labs/{lab}", new { name = "青海省示例检验院", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = TaskScenario.LithiumItems, mayRetest = true })).EnsureSuccessStatusCode();
        var adminLine = silo.Console.ToString().Split('\n').Single(l => l.Contains("Web application (/app/): user admin", StringComparison.Ordinal));
        var adminPassword = adminLine.Split("first password ")[1].Split(' ')[0];
        await using var browser = await WebAppBrowser.LaunchAsync();

        // The admin, with the printed first password, makes the supervisor's and the lab's accounts.
        var admin = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(admin, silo, "admin", adminPassword);
        await CreateUserAsync(admin, "wang.jian", "王监管", "supervisor", null);
        await CreateUserAsync(admin, "zhao.lab", "赵化验", "lab", lab);

        // The supervisor's ceremony: commit, the window passes, draw.
        var supervisor = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await supervisor.Clock.InstallAsync();
        await WebAppBrowser.LogInAsync(supervisor, silo, "wang.jian");
        await supervisor.GotoAsync(new Uri(silo.Address, $"/app/#/ceremony/{planId}/1").ToString());
        await supervisor.GetByTestId("commit-form").GetByRole(AriaRole.Button, new() { Name = "发布承诺", Exact = true }).ClickAsync();
        await Expect(supervisor.GetByTestId("countdown")).ToContainTextAsync("距截止还剩");
        var drawId = $"{planId}:R1";
        var deadline = (await http.GetFromJsonAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(drawId)}")).GetProperty("entropyDeadline").GetDateTimeOffset();
        var step = deadline - silo.Clock.GetUtcNow() + TimeSpan.FromSeconds(2);
        await DrawScenario.PassAsync(deadline.AddSeconds(1), silo.Clock);
        await supervisor.Clock.FastForwardAsync((long)step.TotalMilliseconds);
        await supervisor.GetByTestId("draw").ClickAsync();
        await Expect(supervisor.GetByTestId("draw-state")).ToHaveTextAsync("已抽取", new() { Timeout = 20_000 });

        // One drawn task with a team of two: the admin makes the two inspectors' and the enterprise's accounts.
        var board = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() > 0 ? b : (JsonElement?)null);
        var row = board.EnumerateArray().First(r => r.GetProperty("team").GetArrayLength() == 2);
        var taskId = row.GetProperty("taskId").GetString()!;
        var uscc = row.GetProperty("uscc").GetString()!;
        var team = row.GetProperty("team").EnumerateArray().Select(x => x.GetString()!).ToArray();
        await Expect(supervisor.GetByTestId("teams")).ToContainTextAsync(team[0]);
        await CreateUserAsync(admin, "li.jian", "李检查", "inspector", team[0]);
        await CreateUserAsync(admin, "ma.jian", "马检查", "inspector", team[1]);
        await CreateUserAsync(admin, "yanhu.co", "示例锂盐质量部", "enterprise", uscc);

        // The inspectors on their phones: both accept; one records the sampling with a new batch and hands it over.
        var partner = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(partner, silo, "ma.jian");
        await OpenTaskAsync(partner, silo, taskId);
        await partner.GetByTestId("accept").ClickAsync();
        var inspector = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(inspector, silo, "li.jian");
        await Expect(inspector.GetByTestId("inbox")).ToContainTextAsync(taskId);
        await OpenTaskAsync(inspector, silo, taskId);
        await inspector.GetByTestId("accept").ClickAsync();
        await Expect(inspector.GetByTestId("stage")).ToHaveTextAsync("已接受");
        var form = inspector.GetByTestId("sampling-form");
        await form.GetByLabel("批次号").FillAsync($"{planId}-B1");
        await form.GetByLabel("产品名称").FillAsync("电池级碳酸锂");
        await form.GetByLabel("执行标准").FillAsync("YS/T 582-2013");
        await form.GetByLabel("生产批号").FillAsync("20261201");
        await form.GetByLabel("等级").SelectOptionAsync("battery");
        await form.GetByLabel("检验样品数量").FillAsync("0.5");
        await form.GetByLabel("备份样品数量").FillAsync("0.5");
        await form.GetByLabel("封条编号").FillAsync("QH-1 QH-2");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存抽样单" }).ClickAsync();
        await Expect(inspector.GetByTestId("stage")).ToHaveTextAsync("已抽样");
        await inspector.GetByTestId("hand-over-form").GetByLabel("检验机构编号").FillAsync(lab);
        await inspector.GetByTestId("hand-over-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(inspector.GetByTestId("stage")).ToHaveTextAsync("已移交");

        // The lab receives with the seal check, enters the results (one fails), and reports.
        var analyst = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(analyst, silo, "zhao.lab");
        await analyst.GetByTestId("lab-samples").GetByRole(AriaRole.Link, new() { Name = taskId }).ClickAsync();
        var receive = analyst.GetByTestId("receive-form");
        await receive.GetByLabel("封条 QH-1 已核对").CheckAsync();
        await receive.GetByLabel("封条 QH-2 已核对").CheckAsync();
        await receive.GetByLabel("封条完好").CheckAsync();
        await receive.GetByRole(AriaRole.Button, new() { Name = "确认接收" }).ClickAsync();
        var results = analyst.GetByTestId("results-form");
        foreach (var item in TaskScenario.LithiumItems)
        {
            await results.GetByTestId($"value-{item}").FillAsync(item == "li2co3" ? "98.0" : "0.0001");
        }

        await Expect(results.GetByTestId("preview-outcome")).ToHaveTextAsync("不合格");
        await results.GetByRole(AriaRole.Button, new() { Name = "提交结果" }).ClickAsync();
        await Expect(analyst.GetByTestId("stage")).ToHaveTextAsync("已检验");
        await analyst.GetByTestId("report-form").GetByLabel("报告编号").FillAsync($"{planId}-R1");
        await analyst.GetByTestId("report-form").GetByRole(AriaRole.Button, new() { Name = "出具检验报告" }).ClickAsync();
        await Expect(analyst.GetByTestId("stage")).ToHaveTextAsync("已出报告");

        // The supervisor notifies the enterprise; the enterprise reads its result and its rights.
        await supervisor.GotoAsync(new Uri(silo.Address, $"/app/#/oversee/{Uri.EscapeDataString(taskId)}").ToString());
        await supervisor.GetByTestId("notify-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(supervisor.GetByTestId("stage")).ToHaveTextAsync("已告知企业");
        var enterprise = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(enterprise, silo, "yanhu.co");
        var card = enterprise.Locator($"[data-testid=enterprise-task][data-task='{taskId}']");
        await Expect(card.GetByTestId("outcome")).ToHaveTextAsync("不合格", new() { Timeout = 20_000 });
        await Expect(card.GetByTestId("deadline")).Not.ToHaveTextAsync("—");

        // The objection window passes without an objection: the supervisor concludes and publishes.
        // Twenty days later the session has ended (12 h idle): the page asks for the login again.
        silo.Clock.Advance(TimeSpan.FromDays(20));
        await supervisor.BringToFrontAsync();
        await supervisor.ReloadAsync();
        await Expect(supervisor.GetByLabel("用户名")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await supervisor.GetByLabel("用户名").FillAsync("wang.jian");
        await supervisor.GetByLabel("密码", new() { Exact = true }).FillAsync(WebAppBrowser.OwnPassword);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "登录" }).Last.ClickAsync();
        await Expect(supervisor.Locator("#who")).ToContainTextAsync("王监管");
        await supervisor.GotoAsync(new Uri(silo.Address, $"/app/#/oversee/{Uri.EscapeDataString(taskId)}").ToString());
        await supervisor.GetByTestId("conclude-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(supervisor.GetByTestId("stage")).ToHaveTextAsync("已结论");
        await supervisor.GetByTestId("publish-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(supervisor.GetByTestId("stage")).ToHaveTextAsync("已公布");

        // Anyone reads the published result.
        var visitor = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await visitor.GotoAsync(new Uri(silo.Address, "/public").ToString());
        await Expect(visitor.GetByTestId("results").Locator("article", new() { HasText = uscc })).ToContainTextAsync("不合格", new() { Timeout = 20_000 });
        var task = await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}");
        task.GetProperty("stage").GetString().Should().Be("Published");
        task.GetProperty("outcome").GetString().Should().Be("fail");
        task.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("actor").GetString()!.Split(':')[0]).Distinct()
            .Should().Contain(["inspector", "lab", "supervisor"], "every step was taken by a person logged in to the web application");
        browser.RefusedByPolicy.Should().BeEmpty();
    }

    private static async Task CreateUserAsync(IPage admin, string user, string name, string role, string? subject)
    {
        var form = admin.GetByTestId("create-user");
        await form.GetByLabel("用户名").FillAsync(user);
        await form.GetByLabel("姓名").FillAsync(name);
        await form.GetByLabel("角色").SelectOptionAsync(role);
        if (subject is not null)
        {
            await form.GetByLabel("代表的对象").FillAsync(subject);
        }

        await form.GetByLabel("初始密码").FillAsync(WebAppBrowser.FirstPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await Expect(admin.GetByTestId("users")).ToContainTextAsync(user);
    }

    private static async Task OpenTaskAsync(IPage page, RunningSilo silo, string taskId)
    {
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/task/{Uri.EscapeDataString(taskId)}").ToString());
        await Expect(page.GetByTestId("task-facts")).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
