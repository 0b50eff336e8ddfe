using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Domain.Reference;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// Object-level rules on a real task: its team, the lab it was handed to and supervisors read and act on it; another
/// inspector, another lab and a witness do not, and a refusal changes nothing. Idempotency keys belong to the
/// credential that sent them.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TaskAccessApiTests
{
    [Fact]
    public async Task Only_the_tasks_own_people_read_or_change_it_and_a_refusal_changes_nothing()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("access");
        await using var _ = silo;
        using var boss = silo.Http(supervisorToken);
        var planId = "ACC-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: boss, planId);
        await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);
        var cast = await CastAsync(silo, boss, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using var member = silo.Http(cast.FirstInspector);
        using var teammate = silo.Http(cast.SecondInspector);
        using var lab = silo.Http(cast.LabToken);
        using var otherLab = silo.Http(cast.RetestLabToken);
        using var outsider = silo.Http(await ApiFixture.InspectorAsync(silo, silo.AdminToken(), supervisorToken, $"{planId}-OUT", "局外检查员"));
        using var admin = silo.Http(silo.AdminToken());
        var witnessToken = (await (await admin.PostAsJsonAsync("/api/credentials", new { name = "见证人", role = Role.Witness })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var witness = silo.Http(witnessToken);

        var before = await VersionAsync(boss, path);
        (await outsider.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "not in the team");
        (await lab.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "no sample was handed to it yet");
        (await witness.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await outsider.PostAsJsonAsync($"{path}/accept", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await lab.PostAsJsonAsync($"{path}/accept", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await witness.PostAsJsonAsync($"{path}/accept", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await VersionAsync(boss, path)).Should().Be(before, "refusals change nothing");

        // Keys belong to their credential: the same key from a teammate is the teammate's own accept, and from an
        // outsider it replays nothing.
        (await Post(member, $"{path}/accept", "same-key")).StatusCode.Should().Be(HttpStatusCode.OK);
        var teammates = await Post(teammate, $"{path}/accept", "same-key");
        teammates.StatusCode.Should().Be(HttpStatusCode.OK);
        teammates.Headers.Contains("Idempotent-Replayed").Should().BeFalse("the teammate's accept is a change of its own");
        var accepted = await boss.GetFromJsonAsync<JsonElement>(path);
        accepted.GetProperty("stage").GetString().Should().Be("Accepted", "both members accepted");
        var outsiders = await Post(outsider, $"{path}/accept", "same-key");
        outsiders.StatusCode.Should().Be(HttpStatusCode.Forbidden, "authorization comes before any replay");
        var again = await Post(member, $"{path}/accept", "same-key");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");

        // Handed to one lab: that lab reads it, the other does not and cannot receive it.
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        (await member.PostAsJsonAsync($"{path}/record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "S-1" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.PostAsJsonAsync($"{path}/hand-over", new { labId = cast.Lab })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await lab.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await otherLab.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var handed = await VersionAsync(boss, path);
        (await otherLab.PostAsJsonAsync($"{path}/receive", new { sealsIntact = true, sealsSeen = new[] { "S-1" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await VersionAsync(boss, path)).Should().Be(handed);
    }

    private static async Task<int> VersionAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("version").GetInt32();

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }
}
