using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;
using Samples.Tests.Api;
using Samples.Tests.Support;

namespace Samples.Tests.Browser;

/// <summary>
/// The inspector's daily path on a phone, in Debian's Chromium: log in, see the drawn task, accept it, lose the
/// connection, reopen the app (it opens from its own cache with the task last seen), record the sampling with a photo
/// while offline, and watch the queued record reach the server when the connection returns; then a queued action that
/// meets a task changed meanwhile is shown as a conflict, not lost.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InspectorWebTests
{
    [Fact]
    public async Task An_inspector_records_a_sampling_with_a_photo_offline_and_it_reaches_the_server_when_back_online()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("web-inspector");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "WEBI-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var task = await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}");
        var team = task.GetProperty("team").EnumerateArray().Select(m => m.GetProperty("inspectorId").GetString()!).ToArray();
        using (var partner = silo.Http(cast.SecondInspector))
        {
            (await partner.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}/accept", new { })).EnsureSuccessStatusCode();
        }

        var user = await WebAppBrowser.CreateUserAsync(silo, "inspector", team[0], "李检查");
        await using var browser = await WebAppBrowser.LaunchAsync();
        var page = await browser.NewPageAsync(WebAppBrowser.Phone, mobile: true);
        await WebAppBrowser.LogInAsync(page, silo, user);

        // The inbox lists the drawn task with its deadline.
        var inbox = page.GetByTestId("inbox");
        await Expect(inbox).ToContainTextAsync(cast.TaskId);
        await Expect(inbox).ToContainTextAsync("已分派");
        await WebAppBrowser.CheckAndShootAsync(page, "inspector-inbox");
        await inbox.GetByRole(AriaRole.Link, new() { Name = cast.TaskId }).ClickAsync();
        await page.GetByTestId("accept").ClickAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已接受");
        await page.EvaluateAsync("navigator.serviceWorker.ready.then(() => true)");

        // No signal: the app reopens from its own cache and shows the task as last seen.
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("offline")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("task-facts")).ToContainTextAsync(cast.Uscc);

        // The sampling record with a photo of the label, made offline: it waits in the queue.
        var form = page.GetByTestId("sampling-form");
        // A batch not yet in the directory: described on the spot (抽样单), recorded with the sampling record.
        var batchId = cast.BatchId + "-NEW";
        await form.GetByLabel("批次号").FillAsync(batchId);
        await form.GetByLabel("产品名称").FillAsync("电池级碳酸锂");
        await form.GetByLabel("执行标准").FillAsync("YS/T 582-2013");
        await form.GetByLabel("生产批号").FillAsync("20261201");
        await form.GetByLabel("等级").SelectOptionAsync("battery");
        await form.GetByLabel("检验样品数量").FillAsync("0.5");
        await form.GetByLabel("备份样品数量").FillAsync("0.5");
        await form.GetByLabel("封条编号").FillAsync("QH-1, QH-2");
        await form.GetByLabel("照片类型").SelectOptionAsync("label");
        await form.GetByLabel("拍照或选择照片").SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = Png });
        await Expect(form.GetByTestId("photos").Locator("li")).ToHaveCountAsync(1);
        await WebAppBrowser.CheckAndShootAsync(page, "inspector-sampling-offline");
        await form.GetByRole(AriaRole.Button, new() { Name = "保存抽样单" }).ClickAsync();
        await Expect(page.GetByTestId("queue-strip")).ToContainTextAsync("1 项操作等待发送");
        (await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}")).GetProperty("stage").GetString()
            .Should().Be("Accepted", "nothing reached the server while offline");

        // The connection returns: the queued photo and record are sent, and the task moves.
        await page.Context.SetOfflineAsync(false);
        var sampled = await TaskScenario.WaitForAsync(async () =>
            await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}") is var t && t.GetProperty("stage").GetString() == "Sampled" ? t : (JsonElement?)null);
        var photo = sampled.GetProperty("sampling").GetProperty("photos")[0];
        photo.GetProperty("kind").GetString().Should().Be("label");
        var stored = await http.GetByteArrayAsync($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}/photos/{photo.GetProperty("sha256").GetString()}");
        Convert.ToHexStringLower(SHA256.HashData(stored)).Should().Be(photo.GetProperty("sha256").GetString(), "a photo is stored under the SHA-256 of its bytes");
        sampled.GetProperty("sampling").GetProperty("seals").EnumerateArray().Select(s => s.GetString()).Should().Equal("QH-1", "QH-2");
        sampled.GetProperty("sampling").GetProperty("batchId").GetString().Should().Be(batchId);
        sampled.GetProperty("sampling").GetProperty("variants").GetProperty("grade").GetString().Should().Be("battery");
        var batch = await http.GetFromJsonAsync<JsonElement>($"/api/batches/{batchId}");
        batch.GetProperty("batch").GetProperty("productName").GetString().Should().Be("电池级碳酸锂");
        batch.GetProperty("batch").GetProperty("enterpriseUscc").GetString().Should().Be(cast.Uscc);
        await page.ReloadAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("已抽样");
        await Expect(page.GetByTestId("stored-photos")).ToContainTextAsync(photo.GetProperty("sha256").GetString()!);
        await Expect(page.GetByTestId("queue-strip")).ToBeHiddenAsync();
        await WebAppBrowser.CheckAndShootAsync(page, "inspector-task-sampled");

        // Offline again, a hand-over is queued; meanwhile the partner hands the samples over: the queued one is a conflict, kept.
        await page.Context.SetOfflineAsync(true);
        await page.GetByTestId("hand-over-form").GetByLabel("检验机构编号").FillAsync(cast.RetestLab);
        await page.GetByTestId("hand-over-form").GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByTestId("queue-strip")).ToContainTextAsync("1 项操作等待发送");
        using (var partner = silo.Http(cast.SecondInspector))
        {
            (await partner.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}/hand-over", new { labId = cast.Lab })).EnsureSuccessStatusCode();
        }

        await page.Context.SetOfflineAsync(false);
        await page.GotoAsync(new Uri(silo.Address, "/app/#/queue").ToString());
        await Expect(page.GetByTestId("queue-table")).ToContainTextAsync("冲突：任务已变化", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("queue-table")).ToContainTextAsync(cast.TaskId);
        await WebAppBrowser.CheckAndShootAsync(page, "inspector-queue-conflict");
        (await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}")).GetProperty("labId").GetString()
            .Should().Be(cast.Lab, "the partner's hand-over stands; the queued one changed nothing");
        browser.RefusedByPolicy.Should().BeEmpty("the app runs under the silo's Content-Security-Policy");
    }

    /// <summary>A 2×2 PNG (a label photo stands in for the camera's).</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
