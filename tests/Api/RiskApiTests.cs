using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Samples.Domain.Risk;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// The evaluation model over a deployment's own records: a failure and imported complaints move enterprises to C, a new
/// version of the weights moves the failed one to D with a warning, the next round's frames hold the classes, and the
/// public sees each run's weights and input digest but no enterprise's class.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RiskApiTests
{
    [Fact]
    public async Task A_monthly_run_classifies_from_failures_and_imports_and_the_frames_follow_its_classes()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("risk");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var anonymous = silo.Http(null);
        var planId = "RISK-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, cast);
        // The month the failure was concluded in (the silo's clock is there now): classified from the records up to today.
        var month = concluded.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        (await http.PostAsJsonAsync("/api/risk/runs", new { month = concluded.AddMonths(1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "a month not begun is not classified");

        // An enterprise of the plan's frames that was never sampled: its complaints are imported.
        var frames = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/frames?round=1&members=true");
        var other = Members(frames).First(m => m.Uscc != cast.Uscc).Uscc;
        (await Csv(http, month, "uscc,indicator,value\n" + other + ",sunshine,3\n")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "sunshine is no indicator of the model");
        (await Csv(http, month, "uscc,indicator,value\nNOT-A-CODE,complaints,3\n")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Csv(http, "2026-13", "uscc,indicator,value\n")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Csv(anonymous, month, "uscc,indicator,value\n")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Csv(http, month, "uscc,indicator,value\n" + other + ",complaints,3\n")).EnsureSuccessStatusCode();

        var first = await RunAsync(http, month);
        first.GetProperty("run").GetProperty("modelVersion").GetInt32().Should().Be(1);
        var failed = await ClassOf(http, month, cast.Uscc);
        failed.GetProperty("class").GetString().Should().Be("C", "one failure in the 24 months before: 30 points");
        failed.GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("indicator").GetString() == "failures").GetProperty("value").GetDecimal().Should().Be(1);
        var complained = await ClassOf(http, month, other);
        Points(complained, "complaints").Should().Be(30, "3 verified complaints, 10 points each");
        Points(complained, "months-since-inspection").Should().Be(12, "never inspected: 36 months, capped at 12 points");
        complained.GetProperty("score").GetDecimal().Should().Be(complained.GetProperty("contributions").EnumerateArray().Sum(c => c.GetProperty("points").GetDecimal()));
        complained.GetProperty("class").GetString().Should().Be("C");
        (await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}")).GetProperty("riskClass").GetString().Should().Be("C", "the run sets the class for the month");

        // The next round's frames hold the new classes (and its commitment freezes them).
        var after = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/frames?round=1&members=true");
        Members(after).Single(m => m.Uscc == other).RiskClass.Should().Be("C");

        // A new version of the weights reclassifies the same history.
        var shipped = RiskModel.Shipped;
        var stricter = shipped with { Version = 2, Indicators = [.. shipped.Indicators.Select(i => i.Code == "failures" ? i with { PointsPerUnit = 60 } : i)] };
        (await http.PostAsync("/api/risk/models", new StringContent(shipped.ToJson(), Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest, "version 1 exists");
        (await http.PostAsync("/api/risk/models", new StringContent("{\"id\":\"x\"}", Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsync("/api/risk/models", new StringContent(stricter.ToJson(), Encoding.UTF8, "application/json"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = await RunAsync(http, month);
        second.GetProperty("run").GetProperty("run").GetInt32().Should().Be(2);
        (await ClassOf(http, month, cast.Uscc)).GetProperty("class").GetString().Should().Be("D");
        var warning = second.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("uscc").GetString() == cast.Uscc);
        warning.GetProperty("from").GetString().Should().Be("C");
        warning.GetProperty("to").GetString().Should().Be("D");
        (await http.GetFromJsonAsync<JsonElement>($"/api/risk/enterprises/{cast.Uscc}")).EnumerateArray().Select(h => h.GetProperty("class").GetString()).Should().Equal("D", "C");

        // The next round's commitment freezes the classes of the run before it, and its quotas follow them: the plan has
        // ratios for B and D only, so the class-C stratum the run made is published with no targets, and the failed
        // enterprise (now D) sits in the D stratum. The run it froze is published with the round.
        var round2 = await DrawScenario.CommitAndDrawAsync(http, planId, round: 2, clock: silo.Clock);
        var bundle = Samples.Draw.DrawBundle.FromJson(await anonymous.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(round2)}/bundle"));
        Task<byte[]> File(string name) => anonymous.GetByteArrayAsync($"/api/public/draws/{Uri.EscapeDataString(round2)}/frames/{name}");
        var files = new Samples.Draw.FrameFiles(await File("targets.csv"), await File("inspectors.csv"), await File("exclusions.csv"));
        var targets = Samples.Draw.CanonicalFrames.ParseTargets(Encoding.UTF8.GetString(files.Targets!));
        var frozen = targets.Rows.Single(r => r.Id.Contains(other, StringComparison.Ordinal)).Stratum;
        frozen.Should().EndWith("|C");
        var stratumC = bundle.Commitment.Quotas.Single(q => q.Stratum == frozen);
        stratumC.Members.Should().Be(targets.Rows.Count(r => r.Stratum == frozen));
        stratumC.Quota.Should().Be(0);
        stratumC.Rule.Should().Be("no rule for class C");
        bundle.Picks.Should().NotContain(p => p.Stratum == frozen);
        Samples.Draw.Verifier.Verify(bundle, files).Should().BeEmpty();
        var inEffect = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/risk/draws/{Uri.EscapeDataString(round2)}");
        inEffect.GetProperty("run").GetInt32().Should().Be(2);
        inEffect.GetProperty("inputsSha256").GetString().Should().Be(second.GetProperty("run").GetProperty("inputsSha256").GetString());
        (await anonymous.GetAsync($"/api/public/risk/draws/{Uri.EscapeDataString(planId + ":R9")}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // Published: the weights and the inputs' digest, never an enterprise's class.
        var published = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/risk/runs/{month}");
        published.GetProperty("model").GetProperty("version").GetInt32().Should().Be(2);
        published.GetProperty("inputsSha256").GetString().Should().Be(second.GetProperty("run").GetProperty("inputsSha256").GetString());
        published.ToString().Should().NotContain(cast.Uscc);
        (await anonymous.GetAsync($"/api/risk/runs/{month}/classifications")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var inspector = silo.Http(cast.FirstInspector);
        (await inspector.PostAsJsonAsync("/api/risk/runs", new { month })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // The export for the standards work, and the credit record the failure left.
        var csv = await http.GetStringAsync($"/api/risk/runs/{month}/csv");
        csv.TrimStart('\uFEFF').Should().StartWith("uscc,name,score,class,failures,failures_points").And.Contain($"{cast.Uscc},");
        var credit = await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}/credit");
        credit.EnumerateArray().Select(c => c.GetProperty("kind").GetString()).Should().Equal("sampling-failure");
        credit[0].GetProperty("taskId").GetString().Should().Be(cast.TaskId);

        // Published, the result shows the public the entry it left on the credit record, dated when it was concluded.
        using (var publishing = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}/publish") { Content = JsonContent.Create(new { }) })
        {
            (await http.SendAsync(publishing)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var listed = await TaskScenario.WaitForAsync(async () => (await anonymous.GetFromJsonAsync<JsonElement>("/api/results")).EnumerateArray()
            .FirstOrDefault(r => r.GetProperty("taskId").GetString() == cast.TaskId) is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null);
        var entry = listed.GetProperty("credit").EnumerateArray().Single();
        entry.GetProperty("kind").GetString().Should().Be("sampling-failure");
        entry.GetProperty("on").GetString().Should().Be(concluded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        entry.GetProperty("what").GetString().Should().StartWith("监督抽查不合格");
        using var admin = silo.Http(silo.AdminToken());
        using var own = silo.Http(await TaskScenario.CredentialAsync(admin, "企业", Samples.Contracts.Access.Role.Enterprise, cast.Uscc));
        (await own.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}/credit")).GetArrayLength().Should().Be(1, "an enterprise reads its own record");
        (await own.GetAsync($"/api/enterprises/{other}/credit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "and nobody else's");
        (await inspector.GetAsync($"/api/enterprises/{cast.Uscc}/credit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private static decimal Points(JsonElement evaluation, string indicator) =>
        evaluation.GetProperty("contributions").EnumerateArray().Single(c => c.GetProperty("indicator").GetString() == indicator).GetProperty("points").GetDecimal();

    private static Task<HttpResponseMessage> Csv(HttpClient http, string month, string csv) =>
        http.PostAsync($"/api/risk/indicators?month={month}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> RunAsync(HttpClient http, string month)
    {
        var response = await http.PostAsJsonAsync("/api/risk/runs", new { month });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ClassOf(HttpClient http, string month, string uscc) =>
        (await http.GetFromJsonAsync<JsonElement>($"/api/risk/runs/{month}/classifications")).EnumerateArray().Single(c => c.GetProperty("uscc").GetString() == uscc);

    private static IEnumerable<(string Uscc, string RiskClass)> Members(JsonElement frames) =>
        frames.GetProperty("frames").GetProperty("strata").EnumerateArray().SelectMany(s => s.GetProperty("members").EnumerateArray()
            .Select(m => (m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetProperty("uscc").GetString()!, s.GetProperty("riskClass").ToString())));
}
