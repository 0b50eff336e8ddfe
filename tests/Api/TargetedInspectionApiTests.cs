using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Domain.Audit;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// A targeted inspection (重点检查) end to end on a real silo and PostgreSQL: a supervisor opens it for a named enterprise
/// with a complaint number and evidence, the named team and a lab take it through the ordinary workflow to publication,
/// and progress, fairness, the board and the public results show it apart from the drawn tasks.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TargetedInspectionApiTests
{
    [Fact]
    public async Task A_targeted_task_runs_the_whole_workflow_and_progress_and_fairness_count_it_apart_from_the_draw()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("targeted");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "TGT-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(boss, planId);
        var drawId = await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);
        var bundle = Samples.Draw.DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        var drawn = bundle.Teams.Count(t => t.Status != Samples.Draw.TeamRule.TargetReplaced);
        var drawnBoard = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() == drawn ? b : (JsonElement?)null);
        drawnBoard.EnumerateArray().Should().OnlyContain(r => r.GetProperty("basis").GetString() == "random");

        var uscc = usccs[0];
        string[] team = [$"{planId}-I0", $"{planId}-I1"];
        var open = new { uscc, reasonKind = "complaint", reference = "12315-2026-0042", evidence = "消费者投诉：碳酸锂主含量不足", evidenceSha256 = new[] { new string('c', 64) }, team };

        var opened = await Open(boss, planId, open, "open-1");
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var task = await opened.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = task.GetProperty("taskId").GetString()!;
        var today = Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow());
        taskId.Should().MatchRegex($"^TGT-{planId}-{uscc}-[0-9a-f]{{10}}$", "the plan, the enterprise and the request's key");
        opened.Headers.Location!.ToString().Should().Be($"/api/tasks/{Uri.EscapeDataString(taskId)}");
        task.GetProperty("basis").GetString().Should().Be("targeted");
        task.GetProperty("category").GetString().Should().Be(DrawScenario.Category, "the enterprise's one category of the plan");
        task.GetProperty("targeted").GetProperty("reasonKind").GetString().Should().Be("complaint");
        task.GetProperty("targeted").GetProperty("reference").GetString().Should().Be("12315-2026-0042");
        task.GetProperty("history")[0].GetProperty("detail").GetString().Should().Contain("complaint 12315-2026-0042").And.Contain("chosen by the supervisor");

        // A retry under the same key answers with the same task; another request under that key is refused; a new key opens a second one.
        var retry = await Open(boss, planId, open, "open-1");
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString().Should().Be(taskId);
        (await Open(boss, planId, open with { reference = "12315-2026-0043" }, "open-1")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // The named team and a lab work it as they would a drawn task.
        string[] items = LithiumItems;
        (await boss.PutAsJsonAsync($"/api/labs/{planId}-LAB1", new { name = "实验室一", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = items, mayRetest = true })).EnsureSuccessStatusCode();
        var batchId = $"{planId}-B9";
        (await boss.PutAsJsonAsync($"/api/batches/{batchId}", new { enterpriseUscc = uscc, producerUscc = uscc, category = DrawScenario.Category, productName = "电池级碳酸锂", standard = "YS/T 582-2013", batchNumber = "20260301" })).EnsureSuccessStatusCode();
        using var first = silo.Http(await CredentialAsync(silo, "检查员甲", Role.Inspector, team[0]));
        using var second = silo.Http(await CredentialAsync(silo, "检查员乙", Role.Inspector, team[1]));
        using var lab = silo.Http(await CredentialAsync(silo, "实验室一", Role.Lab, $"{planId}-LAB1"));
        var inbox = await WaitForAsync(async () => await first.GetFromJsonAsync<JsonElement>("/api/tasks/inbox") is var i && i.EnumerateArray().Any(t => t.GetProperty("taskId").GetString() == taskId) ? i : (JsonElement?)null);
        inbox.EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == taskId).GetProperty("targetedReason").GetString().Should().Be("complaint");
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-9" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = $"{planId}-LAB1" });
        await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-9" } });
        await Step(lab, "post-results", new { items = items.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.60m : 0.0001m }).ToArray() });
        await Step(lab, "issue-report", new { reportNumber = $"{planId}-R9" });
        await Step(boss, "notify-enterprise", new { receivedOn = today });
        silo.Clock.Advance(TimeSpan.FromDays(20));
        await Step(boss, "conclude", new { });
        await Step(boss, "publish", new { });
        var done = await boss.GetFromJsonAsync<JsonElement>(path);
        done.GetProperty("stage").GetString().Should().Be("Published");
        done.GetProperty("outcome").GetString().Should().Be("pass");

        // Progress: the batch counts toward the goal, and apart, as targeted. (The answer's parts are read one after
        // the other from the board the consumer writes, so the wait is for both to show the conclusion.)
        var progress = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress") is var p
            && p.GetProperty("basis").GetProperty("targetedConcluded").GetInt32() == 1 && p.GetProperty("concluded").GetInt32() == 1 ? p : (JsonElement?)null);
        var basis = progress.GetProperty("basis");
        progress.GetProperty("concluded").GetInt32().Should().Be(1, "a targeted batch is a batch monitored");
        basis.GetProperty("randomTasks").GetInt32().Should().Be(drawn);
        basis.GetProperty("randomConcluded").GetInt32().Should().Be(0);
        basis.GetProperty("targetedTasks").GetInt32().Should().Be(1);
        basis.GetProperty("targetedShare").GetDecimal().Should().Be(Math.Round(100m / (drawn + 1), 1, MidpointRounding.AwayFromZero));
        basis.GetProperty("targetedShareOfConcluded").GetDecimal().Should().Be(100.0m);
        var reason = basis.GetProperty("byReason").EnumerateArray().Single();
        (reason.GetProperty("kind").GetString(), reason.GetProperty("tasks").GetInt32(), reason.GetProperty("concluded").GetInt32()).Should().Be(("complaint", 1, 1));
        reason.GetProperty("name").GetString().Should().StartWith("投诉举报");

        // Fairness: the draw's tests hold the drawn targets only; the targeted task is counted beside them.
        var fairness = await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/fairness?cells=1000");
        fairness.GetProperty("enterprises").GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("observed").GetInt32())
            .Should().Be(bundle.Picks.Count, "the targeted task is in no test");
        var targeted = fairness.GetProperty("targeted");
        targeted.GetProperty("tasks").GetInt32().Should().Be(1);
        targeted.GetProperty("drawnTargets").GetInt32().Should().Be(drawn);
        targeted.GetProperty("share").GetDecimal().Should().Be(basis.GetProperty("targetedShare").GetDecimal());
        targeted.GetProperty("byReason")[0].GetProperty("kind").GetString().Should().Be("complaint");

        // The board, the public list and the audit trail say how it was chosen.
        var row = (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == taskId);
        (row.GetProperty("basis").GetString(), row.GetProperty("targetedReason").GetString()).Should().Be(("targeted", "complaint"));
        var published = await WaitForAsync(async () => await silo.Http().GetFromJsonAsync<JsonElement>("/api/results") is var r
            && r.EnumerateArray().Any(x => x.GetProperty("taskId").GetString() == taskId && x.GetProperty("enterpriseName").ValueKind == JsonValueKind.String) ? r : (JsonElement?)null);
        var result = published.EnumerateArray().Single(x => x.GetProperty("taskId").GetString() == taskId);
        result.GetProperty("targetedReason").GetString().Should().Be("complaint", "the public sees that this enterprise was chosen, and why");
        result.ToString().Should().NotContain("12315-2026-0042", "a complaint's number stays inside");
        var audit = await WaitAsync(async () => await boss.GetFromJsonAsync<List<AuditRow>>("/api/audit?limit=10000") is { } a && a.Any(x => x.Stream == taskId && x.Action == "publish") ? a : null);
        AuditChain.Verify(audit).Should().BeEmpty();
        audit.First(x => x.Stream == taskId).Should().Match<AuditRow>(x => x.Action == "open-targeted" && x.Detail.Contains("complaint 12315-2026-0042") && x.Actor.StartsWith("supervisor:"));
    }

    [Fact]
    public async Task Only_supervisors_open_targeted_tasks_and_a_bad_field_is_refused_by_name_opening_nothing()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("targeted-refusals");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "TGR-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(boss, planId);
        var uscc = usccs[1];
        (await boss.PostAsJsonAsync($"/api/inspectors/{planId}-I2/conflicts", new { uscc, reason = "亲属任职" })).EnsureSuccessStatusCode();
        var good = new Body(uscc, "risk-signal", "QH-RISK-2026-07", "风险监测发现锂盐杂质超标", [$"{planId}-I0", $"{planId}-I1"]);

        using var inspector = silo.Http(await CredentialAsync(silo, "检查员甲", Role.Inspector, $"{planId}-I0"));
        (await boss.PutAsJsonAsync($"/api/labs/{planId}-LAB1", new { name = "实验室一", accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = LithiumItems, mayRetest = true })).EnsureSuccessStatusCode();
        using var lab = silo.Http(await CredentialAsync(silo, "实验室", Role.Lab, $"{planId}-LAB1"));
        using var enterprise = silo.Http(await CredentialAsync(silo, "企业", Role.Enterprise, uscc));
        (await Open(inspector, planId, good, "k")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an inspector never chooses a target");
        (await Open(lab, planId, good, "k")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Open(enterprise, planId, good, "k")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Open(silo.Http(), planId, good, "k")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (HttpResponseMessage Response, string Field)[] refused =
        [
            (await Open(boss, planId, good, key: null), "Idempotency-Key"),
            (await Open(boss, planId, good with { Uscc = "91630000MA00000000" }, "k1"), "uscc"),
            (await Open(boss, planId, good with { ReasonKind = "hunch" }, "k2"), "reasonKind"),
            (await Open(boss, planId, good with { Reference = " " }, "k3"), "reference"),
            (await Open(boss, planId, good with { Evidence = "" }, "k4"), "evidence"),
            (await Open(boss, planId, good with { Team = [$"{planId}-I0"] }, "k5"), "team"),
            (await Open(boss, planId, good with { Team = [$"{planId}-I0", $"{planId}-NOBODY"] }, "k6"), "team[1]"),
            (await Open(boss, planId, good with { Team = [$"{planId}-I2", $"{planId}-I0"] }, "k7"), "team[0]"),
            (await Open(boss, planId, new { uscc, reasonKind = "complaint", reference = "x", evidence = "y", team = good.Team, category = "potash-kcl-gb6549" }, "k8"), "category"),
            (await Open(boss, planId, new { uscc, reasonKind = "complaint", reference = "x", evidence = "y", team = good.Team, whim = true }, "k9"), "whim"),
        ];
        foreach (var (response, field) in refused)
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, field);
            (await response.Content.ReadAsStringAsync()).Should().Contain($"\"{field}\"", "the refusal names the field");
        }

        (await Open(boss, "NO-SUCH-PLAN", good, "k10")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var conflicted = await Open(boss, planId, good with { Team = [$"{planId}-I2", $"{planId}-I0"] }, "k7");
        (await conflicted.Content.ReadAsStringAsync()).Should().Contain("回避", "a recused inspector cannot be named either");

        // Nothing was opened by any of them; then two good requests open two tasks.
        (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/progress")).GetProperty("basis").GetProperty("targetedTasks").GetInt32().Should().Be(0);
        var opened = await Open(boss, planId, good, "k-good");
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var firstId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString();
        var another = await Open(boss, planId, good with { Reference = "QH-RISK-2026-08" }, "k-another");
        another.StatusCode.Should().Be(HttpStatusCode.Created);
        (await another.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString().Should().NotBe(firstId, "another request, another task");
    }

    private sealed record Body(string Uscc, string ReasonKind, string Reference, string Evidence, string[] Team);

    [Fact]
    public async Task A_member_who_declines_a_targeted_task_is_replaced_by_the_inspector_a_supervisor_names_and_never_on_a_drawn_task()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("targeted-replace");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "TGR-" + Guid.NewGuid().ToString("N")[..8];
        var usccs = await DrawScenario.SeedAsync(boss, planId);
        await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);
        var drawnTask = (await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b && b.GetArrayLength() > 0 ? b : (JsonElement?)null))[0].GetProperty("taskId").GetString()!;
        var opened = await Open(boss, planId, new { uscc = usccs[0], reasonKind = "risk-signal", reference = "QH-FX-2026-07", evidence = "风险监测发现锂含量偏低", evidenceSha256 = Array.Empty<string>(), team = new[] { $"{planId}-I0", $"{planId}-I1" } }, "open-r");
        var taskId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taskId").GetString()!;
        using var first = silo.Http(await CredentialAsync(silo, "检查员甲", Role.Inspector, $"{planId}-I0"));
        (await first.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/decline", new { reason = "与企业负责人系亲属，申请回避" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await boss.PutAsJsonAsync($"/api/inspectors/{planId}-X9", new { name = "检查员外", unit = "海西州市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { "cosmetics" }, maxOpenTasks = 5 })).IsSuccessStatusCode.Should().BeTrue();

        async Task<HttpResponseMessage> Replace(HttpClient who, string task, object body, string key = "replace-1")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(task)}/replace-member") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await who.SendAsync(request);
        }

        var before = await boss.GetStringAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}");
        (await Replace(boss, taskId, new { withdrawn = $"{planId}-I0", replacer = $"{planId}-X9" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "not qualified for lithium carbonate");
        (await Replace(boss, taskId, new { withdrawn = $"{planId}-I0", replacer = "NOBODY" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Replace(boss, taskId, new { withdrawn = $"{planId}-I1", replacer = $"{planId}-I2" })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "I1 did not decline");
        (await Replace(first, taskId, new { withdrawn = $"{planId}-I0", replacer = $"{planId}-I2" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Replace(boss, drawnTask, new { withdrawn = $"{planId}-I0", replacer = $"{planId}-I2" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "a drawn task's replacement comes from its draw");
        (await boss.GetStringAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}")).Should().Be(before, "a refusal changes nothing");

        var replaced = await Replace(boss, taskId, new { withdrawn = $"{planId}-I0", replacer = $"{planId}-I2" });
        replaced.StatusCode.Should().Be(HttpStatusCode.OK, await replaced.Content.ReadAsStringAsync());
        var task = await replaced.Content.ReadFromJsonAsync<JsonElement>();
        task.GetProperty("team").EnumerateArray().Select(m => (m.GetProperty("inspectorId").GetString(), m.GetProperty("status").GetString()))
            .Should().Equal(($"{planId}-I0", "withdrawn"), ($"{planId}-I1", "assigned"), ($"{planId}-I2", "assigned"));
        task.GetProperty("history").EnumerateArray().Last().GetProperty("detail").GetString().Should().Contain("chosen by the supervisor");
        var again = await Replace(boss, taskId, new { withdrawn = $"{planId}-I0", replacer = $"{planId}-I2" });
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await boss.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}")).GetProperty("version").GetInt32().Should().Be(task.GetProperty("version").GetInt32());
    }

    private static async Task<HttpResponseMessage> Open(HttpClient http, string planId, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/plans/{Uri.EscapeDataString(planId)}/targeted-tasks") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request);
    }
}
