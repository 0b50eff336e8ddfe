using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Sampling photos (stored by SHA-256, team only, before sampling, cited by the record) and the enterprise's own view.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PhotoAndEnterpriseApiTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46];

    [Fact]
    public async Task A_photo_is_stored_once_under_its_sha256_by_the_team_before_sampling_and_cited_by_the_record()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("photos");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "PHOTO-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        using var lab = silo.Http(cast.LabToken);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Jpeg));

        (await Put(first, $"{path}/photos/{sha}?kind=label", Jpeg)).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await Put(first, $"{path}/photos/{sha}?kind=label", Jpeg);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same bytes again store nothing twice");
        (await again.Content.ReadFromJsonAsync<PhotoRef>()).Should().Be(new PhotoRef("label", sha, Jpeg.Length));
        (await (await Put(first, $"{path}/photos/{sha}?kind=label", [.. Jpeg, 1])).Content.ReadAsStringAsync()).Should().Contain("changed or cut short");
        (await Put(first, $"{path}/photos/{sha}?kind=selfie", Jpeg)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Put(first, $"{path}/photos/{sha}?kind=label", Jpeg, "text/html")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Put(first, $"{path}/photos/{new string('0', 64)}?kind=label", new byte[PhotoRef.MaxBytes + 1])).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Put(lab, $"{path}/photos/{sha}?kind=label", Jpeg)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a lab not yet handed the sample does not see the task");
        (await Put(http, $"{path}/photos/{sha}?kind=label", Jpeg)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the team adds photos");

        await Ok(first, $"{path}/accept", new { });
        await Ok(second, $"{path}/accept", new { });
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        object Record(string photo) => new
        {
            batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1" }, signedByEnterprise = true,
            sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" }, photos = new[] { new { kind = "label", sha256 = photo, bytes = Jpeg.Length } },
        };
        var unknown = await first.PostAsJsonAsync($"{path}/record-sampling", Record(new string('b', 64)));
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadAsStringAsync()).Should().Contain("photos[0]").And.Contain("was not uploaded");
        (await http.GetFromJsonAsync<JsonElement>(path)).GetProperty("stage").GetString().Should().Be("Accepted", "a refused record changes nothing");

        await Ok(first, $"{path}/record-sampling", Record(sha));
        var task = await http.GetFromJsonAsync<JsonElement>(path);
        task.GetProperty("sampling").GetProperty("photos")[0].GetProperty("sha256").GetString().Should().Be(sha);
        (await http.GetByteArrayAsync($"{path}/photos/{sha}")).Should().Equal(Jpeg, "a supervisor reads the photo back");
        (await Put(first, $"{path}/photos/{sha}?kind=seals", Jpeg)).StatusCode.Should().Be(HttpStatusCode.Conflict, "photos are added before the sampling is recorded");
        using var stranger = silo.Http(await ApiFixture.InspectorAsync(silo, silo.AdminToken(), boss, $"{planId}-STRANGER", "路人检查员"));
        (await stranger.GetAsync($"{path}/photos/{sha}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "an inspector outside the team does not see it");
    }

    [Fact]
    public async Task An_enterprise_sees_its_own_results_and_notices_from_notification_on_and_nothing_of_another()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("enterprise-view");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "ENTV-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        using var admin = silo.Http(silo.AdminToken());
        var other = Codes.NewUscc();
        (await admin.PostAsJsonAsync("/api/enterprises", new { uscc = other, name = "别家公司" })).EnsureSuccessStatusCode();
        var (taskId, uscc) = await TaskScenario.PublishOneAsync(silo, http, planId);
        using var own = silo.Http(await TaskScenario.CredentialAsync(admin, "盐湖公司", Role.Enterprise, uscc));
        using var stranger = silo.Http(await TaskScenario.CredentialAsync(admin, "别家公司", Role.Enterprise, other));
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";

        (await own.GetFromJsonAsync<JsonElement>(path)).GetProperty("stage").GetString().Should().Be("Published");
        var mine = await TaskScenario.WaitForAsync(async () => await own.GetFromJsonAsync<JsonElement>("/api/enterprise/tasks") is var m && m.GetArrayLength() > 0 ? m : (JsonElement?)null);
        mine.EnumerateArray().Select(r => r.GetProperty("taskId").GetString()).Should().Equal(taskId);
        var notices = await TaskScenario.WaitForAsync(async () => await own.GetFromJsonAsync<JsonElement>("/api/notifications") is var n && n.GetArrayLength() >= 2 ? n : (JsonElement?)null);
        notices.EnumerateArray().Select(n => n.GetProperty("taskId").GetString()).Should().OnlyContain(id => id == taskId);

        (await stranger.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "nothing of another enterprise");
        (await stranger.GetFromJsonAsync<JsonElement>("/api/enterprise/tasks")).GetArrayLength().Should().Be(0);
        (await stranger.GetFromJsonAsync<JsonElement>("/api/notifications")).GetArrayLength().Should().Be(0);
        (await stranger.PostAsJsonAsync($"{path}/file-objection", new { filedOn = DateOnly.FromDateTime(DateTime.UtcNow), items = new[] { "li2co3" }, reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await own.PostAsJsonAsync($"{path}/conclude", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an enterprise only objects");
        (await own.GetAsync("/api/tasks/inbox")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await own.GetAsync("/api/enterprises/" + other)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the directory is for staff");
    }

    [Fact]
    public async Task The_enterprise_uploads_and_submits_evidence_of_its_rectification_once_it_was_ordered()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("rectification");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "RECT-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using var first = silo.Http(cast.FirstInspector);
        using var admin = silo.Http(silo.AdminToken());
        using var owner = silo.Http(await TaskScenario.CredentialAsync(admin, "示例锂盐质量部", Role.Enterprise, cast.Uscc));
        var today = await TaskScenario.FailAndConcludeAsync(silo, http, cast);

        var pdf = "%PDF-1.4 整改报告"u8.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (await Put(owner, $"{path}/photos/{sha}?kind=rectification", pdf, "application/pdf")).StatusCode.Should().Be(HttpStatusCode.Conflict, "rectification is ordered first");
        await Ok(http, $"{path}/record-disposal", new { step = "rectification-ordered", on = today });
        (await Put(first, $"{path}/photos/{sha}?kind=rectification", pdf, "application/pdf")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the evidence is the enterprise's");
        (await Put(owner, $"{path}/photos/{sha}?kind=label", pdf, "application/pdf")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an enterprise adds no sampling photo");
        (await Put(owner, $"{path}/photos/{sha}?kind=rectification", pdf, "application/pdf")).StatusCode.Should().Be(HttpStatusCode.OK);
        var missing = await owner.PostAsJsonAsync($"{path}/submit-rectification", new { files = new[] { new { kind = "rectification", sha256 = new string('e', 64), bytes = 10 } }, note = "整改完成" });
        (await missing.Content.ReadAsStringAsync()).Should().Contain("files[0]");
        await Ok(owner, $"{path}/submit-rectification", new { files = new[] { new { kind = "rectification", sha256 = sha, bytes = pdf.Length } }, note = "更换干燥设备，复检合格" });

        var task = await http.GetFromJsonAsync<JsonElement>(path);
        task.GetProperty("disposal").GetProperty("evidence")[0].GetProperty("sha256").GetString().Should().Be(sha);
        var file = await http.GetAsync($"{path}/photos/{sha}");
        file.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await file.Content.ReadAsByteArrayAsync()).Should().Equal(pdf, "the supervisor reads the evidence as the enterprise sent it");
        var notices = await TaskScenario.WaitForAsync(async () => await http.GetFromJsonAsync<JsonElement>("/api/notifications") is var n && n.EnumerateArray().Any(x => x.GetProperty("message").GetString()!.Contains("submit-rectification", StringComparison.Ordinal)) ? n : (JsonElement?)null);
        notices.GetArrayLength().Should().BeGreaterThan(0, "the supervisors are told");
    }

    private static Task<HttpResponseMessage> Put(HttpClient http, string path, byte[] body, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return http.PutAsync(path, content);
    }

    private static async Task Ok(HttpClient who, string path, object body)
    {
        var response = await who.PostAsJsonAsync(path, body);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
