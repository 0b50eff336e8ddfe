using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Domain.Audit;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// The workflow end to end on a real silo and PostgreSQL: a draw issues tasks, the drawn inspectors, the lab and the
/// supervisor take one task from sampling to publication through an objection and a re-test, and the read models
/// (board, progress, public results, notifications, audit trail) follow from the events.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TaskWorkflowApiTests
{
    private static readonly string[] LithiumItems = ["li2co3", "na", "mg", "ca", "b", "so4", "k", "fe"];

    [Fact]
    public async Task A_drawn_task_goes_through_sampling_testing_objection_and_retest_to_publication_with_its_audit_trail()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("tasks");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "TASK-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: boss, planId);
        var drawId = await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);

        var board = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() > 0 ? b : (JsonElement?)null);
        var row = board.EnumerateArray().First(r => r.GetProperty("team").GetArrayLength() == 2);
        var taskId = row.GetProperty("taskId").GetString()!;
        var uscc = row.GetProperty("uscc").GetString()!;
        var team = row.GetProperty("team").EnumerateArray().Select(x => x.GetString()!).ToArray();
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";

        using var first = silo.Http(await CredentialAsync(silo, "检查员甲", Role.Inspector, team[0]));
        using var second = silo.Http(await CredentialAsync(silo, "检查员乙", Role.Inspector, team[1]));
        (await boss.PutAsJsonAsync($"/api/labs/{planId}-LAB1", new { name = "青海省检验检测中心", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = LithiumItems, mayRetest = true })).IsSuccessStatusCode.Should().BeTrue();
        (await boss.PutAsJsonAsync($"/api/labs/{planId}-LAB2", new { name = "国家盐湖产品质检中心", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = LithiumItems, mayRetest = true })).IsSuccessStatusCode.Should().BeTrue();
        using var lab1 = silo.Http(await CredentialAsync(silo, "实验室一", Role.Lab, $"{planId}-LAB1"));
        using var lab2 = silo.Http(await CredentialAsync(silo, "实验室二", Role.Lab, $"{planId}-LAB2"));
        var batchId = $"{planId}-B1";
        var batch = await first.PutAsJsonAsync($"/api/batches/{batchId}", new { enterpriseUscc = uscc, producerUscc = uscc, category = DrawScenario.Category, productName = "电池级碳酸锂", standard = "YS/T 582-2013", batchNumber = "20260301" });
        batch.IsSuccessStatusCode.Should().BeTrue(await batch.Content.ReadAsStringAsync());

        var inbox = await WaitForAsync(async () => await first.GetFromJsonAsync<JsonElement>("/api/tasks/inbox") is var i && i.EnumerateArray().Any(t => t.GetProperty("taskId").GetString() == taskId) ? i : (JsonElement?)null);
        inbox.GetArrayLength().Should().BeGreaterThan(0);

        // Accept, with an idempotency key: the retry is answered once; another body under the key is a conflict.
        var accepted = await Post(first, path, "accept", new { }, key: "acc-1");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        var retry = await Post(first, path, "accept", new { }, key: "acc-1");
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Version(retry)).Should().Be(await Version(accepted));
        (await Post(first, path, "decline", new { reason = "x" }, key: "acc-1")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Post(lab1, path, "accept", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a lab is not in the team");
        (await Post(second, path, "accept", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var sampling = new { batchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-0001", "QH-0002" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } };
        var bad = await Post(first, path, "record-sampling", sampling with { unit = "" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("unit");
        (await Post(first, path, "record-sampling", new { batchId, nonsense = 1 })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "an unknown field is an error");
        (await Post(first, path, "record-sampling", sampling)).StatusCode.Should().Be(HttpStatusCode.OK);
        var history = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/samplings?department={Uri.EscapeDataString(DrawScenario.Department)}") is var h
            && h.EnumerateArray().Any(r => r.GetProperty("batchId").GetString() == batchId) ? h : (JsonElement?)null);
        history.EnumerateArray().Should().Contain(r => r.GetProperty("batchId").GetString() == batchId && r.GetProperty("enterpriseUscc").GetString() == uscc,
            "the next rounds' 6-month rule reads what the workflow sampled");
        (await Post(second, path, "hand-over", new { labId = $"{planId}-LAB1" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(lab2, path, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-0001", "QH-0002" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the lab it was handed to");
        (await Post(lab1, path, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-0001", "QH-0002" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        var unknown = await Post(lab1, path, "post-results", new { items = new[] { new { item = "lead", kind = "value", value = 1m } } });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("items[0].item");
        var results = LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.40m : 0.0001m }).ToArray();
        var tested = await Post(lab1, path, "post-results", new { items = results });
        tested.StatusCode.Should().Be(HttpStatusCode.OK, await tested.Content.ReadAsStringAsync());
        (await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verdict").GetProperty("outcome").GetString().Should().Be("fail", "99.40 % is below the battery grade's 99.5 %");
        (await Post(lab1, path, "issue-report", new { reportNumber = "QH-2026-0001" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(first, path, "notify-enterprise", new { receivedOn = today })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the supervisor notifies");
        (await Post(boss, path, "notify-enterprise", new { receivedOn = today })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(boss, path, "conclude", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "the 15-day objection window is open");
        (await Post(boss, path, "file-objection", new { filedOn = today, items = new[] { "li2co3" }, reason = "检验方法有误" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(boss, path, "assign-retest", new { labId = $"{planId}-LAB1" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "Order 18: a different lab re-tests");
        (await Post(boss, path, "assign-retest", new { labId = $"{planId}-LAB2" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(lab2, path, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-0002" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Post(lab2, path, "post-results", new { items = new[] { new { item = "na", kind = "value", value = 0.0001m } } })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "only disputed items are re-tested");
        var final = await Post(lab2, path, "post-results", new { items = new[] { new { item = "li2co3", kind = "value", value = 99.60m } } });
        final.StatusCode.Should().Be(HttpStatusCode.OK);
        var concluded = await final.Content.ReadFromJsonAsync<JsonElement>();
        concluded.GetProperty("stage").GetString().Should().Be("Concluded");
        concluded.GetProperty("outcome").GetString().Should().Be("pass", "the re-test is final");
        (await Post(boss, path, "publish", new { }, key: "pub-1")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var anonymous = silo.Http();
        var published = await WaitForAsync(async () => await anonymous.GetFromJsonAsync<JsonElement>("/api/results") is var r && r.GetArrayLength() > 0 ? r : (JsonElement?)null);
        published[0].GetProperty("taskId").GetString().Should().Be(taskId);
        published[0].GetProperty("late").GetBoolean().Should().BeFalse();
        var progress = await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress");
        progress.GetProperty("concluded").GetInt32().Should().Be(1);
        progress.GetProperty("goal").GetInt32().Should().Be(10);
        progress.GetProperty("byCategory")[0].GetProperty("key").GetString().Should().Be(DrawScenario.Category);
        progress.GetProperty("coverage").GetProperty("enterprisesCovered").GetInt32().Should().Be(1);

        var notices = await first.GetFromJsonAsync<JsonElement>("/api/notifications");
        notices.EnumerateArray().Should().Contain(n => n.GetProperty("message").GetString()!.StartsWith("new task", StringComparison.Ordinal));
        var task = await boss.GetFromJsonAsync<JsonElement>(path);
        var versions = task.GetProperty("version").GetInt32();
        var audit = await WaitAsync(async () => await AuditAsync(boss) is var a && a.Count(r => r.Stream == taskId) == versions ? a : null);
        AuditChain.Verify(audit).Should().BeEmpty("the trail is whole and every link holds");
        audit.Where(r => r.Stream == taskId).OrderBy(r => r.Version).Select(r => r.Action).Should().StartWith(["assign", "accept", "accept", "record-sampling", "hand-over", "receive"]);
        audit.Where(r => r.Stream == drawId).OrderBy(r => r.Version).Select(r => r.Action).Should().Equal(["commit", "draw"], "every draw step is in the same trail");

        // The command line checks the same trail here, not on the server, and a kept copy offline; a changed byte fails it.
        var copy = Path.Combine(Path.GetTempPath(), $"trail-{Guid.NewGuid():N}.jsonl");
        var verified = await CliRunner.RunAsync(silo, supervisorToken, "audit", "verify", "--out", copy);
        verified.Code.Should().Be(0, verified.Output + verified.Error);
        verified.Output.Should().Contain("审计记录验证通过");
        verified.Error.Should().Contain("下载审计记录: ", "a long download says how far it is");
        (await CliRunner.RunAsync(silo, null, "audit", "verify", "--file", copy)).Code.Should().Be(0);
        var lines = await File.ReadAllLinesAsync(copy);
        lines[1].Should().Contain("\"detail\":\"");
        lines[1] = lines[1].Replace("\"detail\":\"", "\"detail\":\"!", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(copy, lines);
        var tampered = await CliRunner.RunAsync(silo, null, "audit", "verify", "--file", copy);
        tampered.Code.Should().Be(1, "an altered entry breaks its hash");
        tampered.Output.Should().Contain("altered");
        File.Delete(copy);
    }

    [Fact]
    public async Task A_decline_is_answered_by_the_draw_and_the_replacer_joins_the_task()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("decline");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "DECL-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: boss, planId);
        await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);
        var board = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() > 0 ? b : (JsonElement?)null);
        var row = board.EnumerateArray().First(r => r.GetProperty("team").GetArrayLength() == 2);
        var taskId = row.GetProperty("taskId").GetString()!;
        var member = row.GetProperty("team")[0].GetString()!;
        using var inspector = silo.Http(await CredentialAsync(silo, "检查员", Role.Inspector, member));
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";
        var empty = await Post(inspector, path, "decline", new { reason = "" });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest, await empty.Content.ReadAsStringAsync());
        var declined = await Post(inspector, path, "decline", new { reason = "与企业负责人系亲属" });
        declined.StatusCode.Should().Be(HttpStatusCode.OK, await declined.Content.ReadAsStringAsync());

        var replaced = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>(path) is var t
            && t.GetProperty("history").EnumerateArray().Any(h => h.GetProperty("action").GetString() == "replace-member") ? t : (JsonElement?)null);
        replaced.GetProperty("team").EnumerateArray().Should().Contain(m => m.GetProperty("inspectorId").GetString() == member && m.GetProperty("status").GetString() == "withdrawn");
        var bundle = await boss.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(TaskIdsDraw(taskId))}/bundle");
        bundle.Should().Contain("与企业负责人系亲属", "the decline's reason is published with the draw's supplement");
        var drawSteps = await WaitAsync(async () => await AuditAsync(boss) is var a && a.Any(r => r.Action == "replacement") ? a : null);
        AuditChain.Verify(drawSteps).Should().BeEmpty();
    }

    [Fact]
    public async Task A_deadline_that_passed_puts_the_task_on_the_overdue_list_and_the_daily_check_tells_its_owners_once()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("overdue");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var taskId = Samples.Contracts.Tasks.TaskIds.Of("LATE:R1", Codes.NewUscc(), DrawScenario.Category);
        var uscc = taskId.Split(':')[2];
        var task = silo.Grains.GetGrain<Samples.Contracts.Tasks.ISamplingTaskGrain>(taskId);

        // Assigned a month ago: accepting was due three working days later.
        var assign = new Samples.Contracts.Tasks.AssignTask("LATE:R1", "LATE", uscc, DrawScenario.Category, "632800", ["LATE-I1", "LATE-I2"]);
        var assigned = await task.ExecuteAsync(new Samples.Contracts.Tasks.TaskCommand(assign, Samples.Contracts.Tasks.TaskActor.System("draw"), DateTimeOffset.UtcNow.AddDays(-30)));
        assigned.Refusal.Should().BeNull();
        var list = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>("/api/tasks/overdue?owner=inspector") is var o
            && o.EnumerateArray().Any(t => t.GetProperty("taskId").GetString() == taskId) ? o : (JsonElement?)null);
        list.EnumerateArray().First(t => t.GetProperty("taskId").GetString() == taskId).GetProperty("dueWhat").GetString().Should().Contain("accept");
        (await boss.GetAsync("/api/tasks/overdue?owner=nobody")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var checkedOnce = await task.CheckDeadlinesAsync(today);
        var checkedTwice = await task.CheckDeadlinesAsync(today);
        checkedOnce!.Overdue.Should().ContainSingle();
        checkedTwice!.Version.Should().Be(checkedOnce.Version, "a deadline is marked overdue once");
        var notices = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>("/api/notifications?kind=inspector&recipient=LATE-I1") is var n
            && n.GetArrayLength() >= 2 ? n : (JsonElement?)null);
        notices.EnumerateArray().Should().ContainSingle(n => n.GetProperty("message").GetString()!.StartsWith("overdue", StringComparison.Ordinal));
    }

    private static string TaskIdsDraw(string taskId) => Samples.Contracts.Tasks.TaskIds.DrawOf(taskId);

    private static async Task<List<AuditRow>> AuditAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<List<AuditRow>>("/api/audit?limit=10000"))!;

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string action, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}/{action}") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return http.SendAsync(request);
    }

    private static async Task<int> Version(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
}
