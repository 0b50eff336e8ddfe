using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The admin's, the enterprise's and the public's pages in Debian's Chromium: an admin logs in and creates an inspector
/// account (a missing subject is refused beside its field), imports a directory file whose bad row is shown in place and
/// reads the catalogue's versions; an enterprise on a phone sees its notice and its failing item with the reason, files
/// its own objection and cannot reach another enterprise's task; anyone reads the published result without logging in.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PeopleWebTests
{
    [Fact]
    public async Task An_admin_creates_an_inspector_account_sees_a_missing_subject_refused_and_a_bad_import_row_in_place()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("web-admin");
        await using var _silo = silo;
        using var api = silo.Http(silo.AdminToken());
        var number = "WEBA-I-" + Guid.NewGuid().ToString("N")[..6];
        (await api.PutAsJsonAsync($"/api/inspectors/{number}", new { name = "张检查", unit = "海西州市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { DrawScenario.Category }, maxOpenTasks = 5 }))
            .EnsureSuccessStatusCode();
        var adminUser = await WebAppBrowser.CreateUserAsync(silo, "admin", null, "系统管理员");

        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await WebAppBrowser.LogInAsync(page, silo, adminUser);
        await Expect(page.GetByTestId("users")).ToContainTextAsync(adminUser);

        // An inspector's account without the inspector number is refused beside the field, in words.
        var form = page.GetByTestId("create-user");
        var user = "zhang.jian." + Guid.NewGuid().ToString("N")[..4];
        await form.GetByLabel("用户名").FillAsync(user);
        await form.GetByLabel("姓名").FillAsync("张检查");
        await form.GetByLabel("角色").SelectOptionAsync("inspector");
        await form.GetByLabel("初始密码").FillAsync(WebAppBrowser.FirstPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await Expect(form.Locator("[data-error-for=subject]")).ToContainTextAsync("必填：检查员编号");

        // One the directory does not know is refused by the server, beside the same field.
        await form.GetByLabel("代表的对象").FillAsync("NO-SUCH-INSPECTOR");
        await form.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await Expect(form.Locator("[data-error-for=subject]")).ToContainTextAsync("NO-SUCH-INSPECTOR");
        await Expect(form.Locator(".form-error")).ToContainTextAsync("未保存");
        await WebAppBrowser.CheckAndShootAsync(page, "admin-users-refused");

        await form.GetByLabel("代表的对象").FillAsync(number);
        await form.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        var row = page.GetByTestId("users").Locator("tr", new() { HasText = user });
        await Expect(row).ToContainTextAsync(number);
        await Expect(row).ToContainTextAsync("检查员");
        await Expect(form.Locator("[data-error-for=subject]")).ToBeEmptyAsync();
        var created = (await api.GetFromJsonAsync<List<JsonElement>>("/api/users"))!.Single(u => u.GetProperty("userName").GetString() == user);
        created.GetProperty("subject").GetString().Should().Be(number);
        created.GetProperty("mustChangePassword").GetBoolean().Should().BeTrue();
        await page.GetByRole(AriaRole.Button, new() { Name = $"全部退出 {user}" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync($"{user} 的全部会话已结束");
        await WebAppBrowser.CheckAndShootAsync(page, "admin-users");

        // A directory file with a bad row: nothing is imported, and the problems are shown on row 3, at the bad values.
        await page.GetByRole(AriaRole.Link, new() { Name = "名录导入" }).ClickAsync();
        var file = "number,name,unit,region_code,qualified_categories,on_leave,max_open_tasks\r\n"
            + "WEBA-I-0009,马明,海西州市场监督管理局,632800,lithium-carbonate,no,5\r\n"
            + "WEBA-I-0010,马亮,海西州市场监督管理局,999999,lithium-carbonate,no,500\r\n";
        var imports = page.GetByTestId("import-form");
        await imports.GetByLabel("名录").SelectOptionAsync("inspectors");
        await imports.GetByLabel("CSV 文件").SetInputFilesAsync(new FilePayload { Name = "inspectors.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file) });
        await imports.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Expect(page.GetByTestId("import-refused")).ToContainTextAsync("2 处错误");
        var bad = page.GetByTestId("import-rows").Locator("tr[data-row='3']");
        await Expect(bad).ToHaveClassAsync("bad-row");
        await Expect(bad.Locator("td.bad-cell")).ToHaveTextAsync(["999999", "500"]);
        await Expect(bad.Locator("td.problems")).ToContainTextAsync("max_open_tasks");
        await Expect(page.GetByTestId("import-rows").Locator("tr[data-row='2']")).Not.ToHaveClassAsync("bad-row");
        (await api.GetAsync("/api/inspectors/WEBA-I-0009")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a file with a bad row imports nothing");
        await WebAppBrowser.CheckAndShootAsync(page, "admin-imports-refused");

        // Corrected, it is imported and counted.
        await imports.GetByLabel("CSV 文件").SetInputFilesAsync(new FilePayload { Name = "inspectors.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file.Replace("999999", "632800").Replace(",500", ",5")) });
        await imports.GetByRole(AriaRole.Button, new() { Name = "上传并导入" }).ClickAsync();
        await Expect(page.GetByTestId("import-counts")).ToContainTextAsync("已导入");
        (await api.GetAsync("/api/inspectors/WEBA-I-0009")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The catalogue's versions, the one in force marked.
        await page.GetByRole(AriaRole.Link, new() { Name = "检验项目目录" }).ClickAsync();
        await Expect(page.GetByTestId("catalogue")).ToContainTextAsync("现行版本");
        await WebAppBrowser.CheckAndShootAsync(page, "admin-catalogue");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    [Fact]
    public async Task An_enterprise_on_a_phone_files_its_own_objection_reaches_no_other_enterprise_and_anyone_reads_the_published_result()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-enterprise");
        await using var _silo = silo;
        using var http = silo.Http(boss);
        var planId = "WEBE-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (published, publishedUscc) = await TaskScenario.PublishOneAsync(silo, http, planId);
        var (taskId, uscc) = await NotifyAnotherAsync(silo, http, planId, published, publishedUscc);
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";

        // The enterprise's notice and task reach its read models before its person looks.
        using (var machine = silo.Http(await TaskScenario.CredentialAsync(silo, "企业接口", "enterprise", uscc)))
        {
            await TaskScenario.WaitForAsync(async () => await machine.GetFromJsonAsync<JsonElement>("/api/enterprise/tasks") is var t && t.GetArrayLength() > 0 ? t : (JsonElement?)null);
            await TaskScenario.WaitForAsync(async () => await machine.GetFromJsonAsync<JsonElement>("/api/notifications") is var n && n.GetArrayLength() > 0 ? n : (JsonElement?)null);
        }

        var failing = (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("verdict").GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("outcome").GetString() == "fail");
        var user = await WebAppBrowser.CreateUserAsync(silo, "enterprise", uscc, "示例锂盐质量负责人");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(page, silo, user);

        // Its notice, and its task with the failing item and the reason.
        await Expect(page.GetByTestId("notices")).ToContainTextAsync(taskId);
        await Expect(page.GetByTestId("notices")).ToContainTextAsync("抽检结果告知");
        var card = page.Locator($"[data-testid=enterprise-task][data-task='{taskId}']");
        await Expect(card.GetByTestId("outcome")).ToHaveTextAsync("不合格");
        var item = card.GetByTestId("verdict").Locator("tr", new() { HasText = failing.GetProperty("item").GetString()! });
        await Expect(item).ToContainTextAsync("不合格");
        await Expect(item).ToContainTextAsync(failing.GetProperty("reason").GetString()!);
        await Expect(card.GetByTestId("deadline")).Not.ToHaveTextAsync("—");
        await WebAppBrowser.CheckAndShootAsync(page, "enterprise-mine");

        // Its own objection, filed in the page: the failing item is ticked already.
        var objection = card.GetByTestId("objection-form");
        await Expect(objection.GetByLabel(failing.GetProperty("item").GetString()!)).ToBeCheckedAsync();
        await objection.GetByLabel("异议理由").FillAsync("样品运输途中受潮，检验结果不能代表本批产品");
        await objection.GetByRole(AriaRole.Button, new() { Name = "提出异议" }).ClickAsync();
        await Expect(card.GetByTestId("objection")).ToContainTextAsync("样品运输途中受潮");
        await Expect(card.GetByTestId("stage")).ToHaveTextAsync("异议中");
        var objected = await http.GetFromJsonAsync<JsonElement>(path);
        objected.GetProperty("stage").GetString().Should().Be("Objected");
        objected.GetProperty("objection").GetProperty("items").EnumerateArray().Select(i => i.GetString()).Should().Equal(failing.GetProperty("item").GetString());
        objected.GetProperty("history").EnumerateArray().Last().GetProperty("actor").GetString().Should().StartWith($"enterprise:{uscc}:", "the enterprise filed it, not a supervisor");
        await WebAppBrowser.CheckAndShootAsync(page, "enterprise-objected");

        // Another enterprise's task: the session is refused, and the page says so.
        var other = await page.Context.APIRequest.GetAsync(new Uri(silo.Address, $"/api/tasks/{Uri.EscapeDataString(published)}").ToString());
        other.Status.Should().BeOneOf(403, 404);
        var own = await page.Context.APIRequest.GetAsync(new Uri(silo.Address, "/api/enterprise/tasks").ToString());
        (await own.TextAsync()).Should().Contain(taskId).And.NotContain(published, "the enterprise's list holds its own tasks only");
        await page.GotoAsync(new Uri(silo.Address, $"/app/#/mine/task/{Uri.EscapeDataString(published)}").ToString());
        await Expect(page.GetByTestId("refused")).ToContainTextAsync(other.Status == 403 ? "无权查看" : "未找到");
        await page.Context.CloseAsync();

        // Anyone, without logging in: /public leads to the published results.
        var result = await TaskScenario.WaitForAsync(async () =>
            (await http.GetFromJsonAsync<JsonElement>("/api/results")).EnumerateArray().FirstOrDefault(r => r.GetProperty("taskId").GetString() == published && r.GetProperty("revision").GetInt32() > 0) is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null);
        var anonymous = await browser.NewPageAsync(WebAppBrowser.Desktop);
        await anonymous.GotoAsync(new Uri(silo.Address, "/public").ToString());
        var line = anonymous.GetByTestId("results").Locator("article", new() { HasText = publishedUscc });
        await Expect(line).ToContainTextAsync(result.GetProperty("outcome").GetString() == "pass" ? "合格" : "不合格");
        await Expect(line).ToContainTextAsync(result.GetProperty("publishedOn").GetString()!);
        await Expect(line).ToContainTextAsync(result.GetProperty("categoryName").GetString()!, new() { Timeout = 10_000 });
        await Expect(line).ToContainTextAsync(result.GetProperty("enterpriseName").GetString()!);
        await Expect(anonymous.Locator("#who")).ToHaveCountAsync(0);
        await WebAppBrowser.CheckAndShootAsync(anonymous, "public-results");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    /// <summary>
    /// Takes a second drawn task (another enterprise than <paramref name="publishedUscc"/>) through sampling and a failing
    /// test to the enterprise's notice, as <see cref="TaskScenario.PublishOneAsync"/> does up to notify-enterprise.
    /// </summary>
    private static async Task<(string TaskId, string Uscc)> NotifyAnotherAsync(RunningSilo silo, HttpClient boss, string planId, string published, string publishedUscc)
    {
        var board = await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks");
        var row = board.EnumerateArray().First(r => r.GetProperty("taskId").GetString() != published && r.GetProperty("uscc").GetString() != publishedUscc
            && r.GetProperty("stage").GetString() == "Assigned" && r.GetProperty("team").GetArrayLength() > 0);
        var (taskId, uscc) = (row.GetProperty("taskId").GetString()!, row.GetProperty("uscc").GetString()!);
        var team = new List<HttpClient>();
        foreach (var member in row.GetProperty("team").EnumerateArray().Select(m => m.GetString()!))
        {
            team.Add(silo.Http(await TaskScenario.CredentialAsync(silo, "检查员" + member, "inspector", member)));
        }

        using var lab = silo.Http(await TaskScenario.CredentialAsync(silo, "实验室一", "lab", $"{planId}-LAB1"));
        var batchId = $"{planId}-B2";
        (await boss.PutAsJsonAsync($"/api/batches/{batchId}", new { enterpriseUscc = uscc, producerUscc = uscc, category = DrawScenario.Category, productName = "电池级碳酸锂", standard = "YS/T 582-2013", batchNumber = "20260302" }))
            .EnsureSuccessStatusCode();
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        try
        {
            foreach (var member in team)
            {
                await Step(member, "accept", new { });
            }

            await Step(team[0], "record-sampling", new { batchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-3", "QH-4" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
            await Step(team[^1], "hand-over", new { labId = $"{planId}-LAB1" });
            await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-3", "QH-4" } });
            await Step(lab, "post-results", new { items = TaskScenario.LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.40m : 0.0001m }).ToArray() });
            await Step(lab, "issue-report", new { reportNumber = $"{planId}-R2" });
            await Step(boss, "notify-enterprise", new { receivedOn = today });
        }
        finally
        {
            team.ForEach(c => c.Dispose());
        }

        return (taskId, uscc);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
