using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Domain.Audit;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>The public results list with names, product, batch, lab and re-test; corrections and withdrawals as revisions with their reasons, never edits.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PublicationApiTests
{
    [Fact]
    public async Task A_published_result_names_the_enterprise_product_batch_and_labs_and_changes_only_by_a_recorded_revision()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("publication");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var anonymous = silo.Http(null);
        using var admin = silo.Http(silo.AdminToken());
        var planId = "PUB-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (taskId, uscc) = await TaskScenario.PublishOneAsync(silo, http, planId);
        var name = (await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{uscc}")).GetProperty("name").GetString()!;

        var row = await TaskScenario.WaitForAsync(async () => (await anonymous.GetFromJsonAsync<JsonElement>("/api/results")).EnumerateArray()
            .FirstOrDefault(r => r.GetProperty("taskId").GetString() == taskId && r.GetProperty("revision").GetInt32() == 1) is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null);
        row.GetProperty("enterpriseName").GetString().Should().Be(name);
        row.GetProperty("producerName").GetString().Should().Be(name, "this enterprise made the batch itself");
        row.GetProperty("productName").GetString().Should().Be("电池级碳酸锂");
        row.GetProperty("batchNumber").GetString().Should().Be("20260301");
        row.GetProperty("categoryName").GetString().Should().Be("碳酸锂");
        row.GetProperty("lab").GetString().Should().Be("LAB1");
        row.GetProperty("retestLab").GetString().Should().Be("LAB2");
        row.GetProperty("retestOutcome").GetString().Should().Be("pass", "the re-test is final");
        row.GetProperty("outcome").GetString().Should().Be("pass");
        row.GetProperty("failedItems").GetArrayLength().Should().Be(0);
        row.GetProperty("status").GetString().Should().Be("published");
        row.GetProperty("credit").GetArrayLength().Should().Be(0, "a pass leaves nothing on the credit record");

        var path = $"/api/results/{Uri.EscapeDataString(taskId)}";
        using var lab = silo.Http(await TaskScenario.CredentialAsync(admin, "实验室", Role.Lab, $"{planId}-LAB1"));
        (await lab.PostAsJsonAsync($"{path}/withdraw", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.PostAsJsonAsync($"{path}/withdraw", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.PostAsJsonAsync($"{path}/withdraw", new { reason = " " })).StatusCode.Should().Be(HttpStatusCode.BadRequest, "a withdrawal says why");
        (await http.PostAsJsonAsync($"{path}/correct", new { reason = "核对" })).StatusCode.Should().Be(HttpStatusCode.Conflict, "nothing differs from what was published");
        (await http.PostAsJsonAsync("/api/results/NO-SUCH-TASK/withdraw", new { reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await http.PatchAsJsonAsync($"/api/enterprises/{uscc}", new { name = name + "（更正）" })).EnsureSuccessStatusCode();
        var corrected = await (await http.PostAsJsonAsync($"{path}/correct", new { reason = "企业名称登记有误" })).Content.ReadFromJsonAsync<JsonElement>();
        corrected.GetProperty("revision").GetInt32().Should().Be(2);
        corrected.GetProperty("result").GetProperty("enterpriseName").GetString().Should().Be(name + "（更正）");
        var withdrawn = await http.PostAsJsonAsync($"{path}/withdraw", new { reason = "检验机构资质存疑，待核实" });
        withdrawn.StatusCode.Should().Be(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        (await http.PostAsJsonAsync($"{path}/withdraw", new { reason = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var listed = (await anonymous.GetFromJsonAsync<JsonElement>("/api/results")).EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == taskId);
        listed.GetProperty("status").GetString().Should().Be("withdrawn", "a withdrawn result stays listed, marked, not silently gone");
        listed.GetProperty("reason").GetString().Should().Be("检验机构资质存疑，待核实");
        var history = await anonymous.GetFromJsonAsync<JsonElement>($"{path}/history");
        history.EnumerateArray().Select(h => h.GetProperty("status").GetString()).Should().Equal("published", "corrected", "withdrawn");

        var trail = (await http.GetFromJsonAsync<List<AuditRow>>("/api/audit?limit=5000"))!;
        AuditChain.Verify(trail).Should().BeEmpty();
        trail.Where(r => r.Stream == $"publication/{taskId}").Select(r => r.Action).Should().Equal("published-result", "corrected-result", "withdrawn-result");
    }
}
