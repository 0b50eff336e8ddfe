using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// Risk monitoring (风险监测) end to end on a real silo and PostgreSQL: a department's monitoring plan beside its supervision
/// plan, a drawn monitoring task sampled and failed in the lab; then no notice, no objection, no publication, no disposal,
/// no credit record, and progress counts it toward the monitoring goal, apart from supervision.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RiskMonitoringApiTests
{
    [Fact]
    public async Task A_failed_monitoring_task_concludes_without_objection_disposal_or_credit_record_and_counts_toward_its_own_goal()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("monitoring");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var stem = Guid.NewGuid().ToString("N")[..8];
        var supervisionPlan = "SUP-" + stem;
        var monitoringPlan = "MON-" + stem;
        await DrawScenario.SeedAsync(boss, supervisionPlan);

        // The same department and year has a monitoring plan beside its supervision plan; a purpose is a fixed code.
        var plan = JsonSerializer.SerializeToElement(DrawScenario.Plan(2026, "0 0 9 1 1/2 ?", 2), JsonSerializerOptions.Web);
        object With(string purpose) => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(plan)!
            .Append(new("purpose", JsonSerializer.SerializeToElement(purpose))).ToDictionary();
        var bad = await boss.PutAsJsonAsync($"/api/plans/{monitoringPlan}", With("monitoring"));
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("purpose");
        var saved = await boss.PutAsJsonAsync($"/api/plans/{monitoringPlan}", With("risk-monitoring"));
        saved.StatusCode.Should().Be(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("definition").GetProperty("purpose").GetString().Should().Be("risk-monitoring");
        var switched = await boss.PutAsJsonAsync($"/api/plans/{monitoringPlan}", With("supervision"));
        switched.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a plan keeps its purpose");
        (await switched.Content.ReadAsStringAsync()).Should().Contain("purpose");

        await DrawScenario.CommitAndDrawAsync(boss, monitoringPlan, clock: silo.Clock);
        var cast = await CastAsync(silo, boss, monitoringPlan);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        (await boss.GetFromJsonAsync<JsonElement>(path)).GetProperty("purpose").GetString().Should().Be("risk-monitoring", "the task keeps its plan's purpose");

        await FailAndReportAsync(silo, cast, $"{stem}-R1");
        var today = Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow());
        async Task<HttpResponseMessage> Post(HttpClient who, string action, object body) => await who.PostAsJsonAsync($"{path}/{action}", body);
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await Post(who, action, body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        // No notice of results starts an objection window, and no objection is taken.
        var notify = await Post(boss, "notify-enterprise", new { receivedOn = today });
        notify.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await notify.Content.ReadAsStringAsync()).Should().Contain("风险监测不出具检验结果通知书");
        var objection = await Post(boss, "file-objection", new { filedOn = today, items = new[] { "li2co3" }, reason = "检验方法有误" });
        objection.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await objection.Content.ReadAsStringAsync()).Should().Contain("风险监测不适用异议程序");
        var notice = await boss.PostAsJsonAsync($"{path}/documents/result-notice", new { });
        notice.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await notice.Content.ReadAsStringAsync()).Should().Contain("风险监测");

        // It concludes on its report: failed, with no disposal case, nothing to publish.
        await Step(boss, "conclude", new { });
        var done = await boss.GetFromJsonAsync<JsonElement>(path);
        done.GetProperty("stage").GetString().Should().Be("Concluded");
        done.GetProperty("outcome").GetString().Should().Be("fail");
        done.GetProperty("disposal").ValueKind.Should().Be(JsonValueKind.Null, "a failed monitoring result opens no disposal case");
        done.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString().Should().Contain("risk-signal");
        (await Post(boss, "publish", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await Post(boss, "record-disposal", new { step = "rectification-ordered", on = today })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // The sampling record says 风险监测.
        var record = await boss.PostAsJsonAsync($"{path}/documents/sampling-record", new { });
        record.StatusCode.Should().Be(HttpStatusCode.Created, await record.Content.ReadAsStringAsync());
        var code = (await record.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        (await silo.Http().GetFromJsonAsync<JsonElement>($"/api/verify/{Uri.EscapeDataString(code)}")).GetProperty("titleZh").GetString().Should().Be("产品质量风险监测抽样单");

        // Progress: toward the monitoring plan's own goal; the supervision plan's goal has none of it.
        var progress = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{monitoringPlan}/progress") is var p
            && p.GetProperty("concluded").GetInt32() == 1 ? p : (JsonElement?)null);
        progress.GetProperty("purpose").GetString().Should().Be("risk-monitoring");
        progress.GetProperty("purposeName").GetString().Should().StartWith("风险监测");
        progress.GetProperty("failed").GetInt32().Should().Be(1);
        progress.GetProperty("goal").GetInt32().Should().Be(10);
        var byPurpose = progress.GetProperty("byPurpose").EnumerateArray().Single();
        (byPurpose.GetProperty("purpose").GetString(), byPurpose.GetProperty("concluded").GetInt32(), byPurpose.GetProperty("failed").GetInt32()).Should().Be(("risk-monitoring", 1, 1));
        var supervision = await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{supervisionPlan}/progress");
        supervision.GetProperty("purpose").GetString().Should().Be("supervision");
        supervision.GetProperty("concluded").GetInt32().Should().Be(0, "a monitoring batch is not a supervision batch");
        var row = (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{monitoringPlan}/tasks")).EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == cast.TaskId);
        row.GetProperty("purpose").GetString().Should().Be("risk-monitoring");

        // The year's overview: supervision and monitoring apart, each plan toward its own goal.
        var overview = await boss.GetFromJsonAsync<JsonElement>("/api/progress?year=2026");
        var purposes = overview.GetProperty("purposes").EnumerateArray().ToDictionary(p => p.GetProperty("purpose").GetString()!);
        var monitoringGoals = purposes["risk-monitoring"];
        (monitoringGoals.GetProperty("goal").GetInt32(), monitoringGoals.GetProperty("concluded").GetInt32(), monitoringGoals.GetProperty("failed").GetInt32()).Should().Be((10, 1, 1));
        monitoringGoals.GetProperty("plans").EnumerateArray().Select(p => p.GetProperty("planId").GetString()).Should().Equal(monitoringPlan);
        purposes["supervision"].GetProperty("concluded").GetInt32().Should().Be(0);
        (await boss.GetAsync("/api/progress?year=1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        // No credit record comes from it, and the enterprise has nothing to read or object to.
        (await boss.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}/credit")).GetArrayLength().Should().Be(0);
    }
}
