using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Domain.Bulletins;
using Samples.Domain.Reference;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// A bulletin drafted over published results (a re-tested pass and a failure), checked figure by figure against the
/// task board; published only as reviewed; verifiable, readable as PDF and CSV by anyone; corrected only with a reason.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulletinApiTests
{
    [Fact]
    public async Task A_bulletin_counts_what_the_board_holds_and_is_published_exactly_as_reviewed()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("bulletins");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var anonymous = silo.Http(null);
        var planId = "BUL-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (retestedTask, _) = await TaskScenario.PublishOneAsync(silo, http, planId);
        var failing = await TaskScenario.CastAsync(silo, http, planId, which: 1);
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, failing);
        (await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(failing.TaskId)}/record-disposal", new { step = "rectification-ordered", on = concluded })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(failing.TaskId)}/publish", new { })).EnsureSuccessStatusCode();
        await TaskScenario.WaitForAsync(async () => (await anonymous.GetFromJsonAsync<JsonElement>("/api/results")).EnumerateArray().Count(r => r.GetProperty("revision").GetInt32() > 0) == 2 ? true : (bool?)null);

        // The year the failure was published in (the re-tested pass may fall in the year before, near a new year).
        var board = (await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray().Where(r => r.GetProperty("publishedOn").ValueKind == JsonValueKind.String).ToList();
        int Year(JsonElement r) => int.Parse(r.GetProperty("publishedOn").GetString()![..4], System.Globalization.CultureInfo.InvariantCulture);
        var year = Year(board.Single(r => r.GetProperty("taskId").GetString() == failing.TaskId));
        var period = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inPeriod = board.Where(r => Year(r) == year).ToList();
        var passedInPeriod = inPeriod.Count(r => r.GetProperty("outcome").GetString() == "pass");
        var rate = Math.Round(100m * passedInPeriod / inPeriod.Count, 1, MidpointRounding.AwayFromZero);
        var retestedInPeriod = inPeriod.Any(r => r.GetProperty("taskId").GetString() == retestedTask) ? 1 : 0;

        (await http.PostAsJsonAsync("/api/bulletins", new { period = "2026-Q5", scope = "province" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await http.PostAsJsonAsync("/api/bulletins", new { period, scope = "category:cement" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await anonymous.PostAsJsonAsync("/api/bulletins", new { period })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var draft = await (await http.PostAsJsonAsync("/api/bulletins", new { period, scope = "province" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetString()!;
        draft.GetProperty("status").GetString().Should().Be("draft");
        (await anonymous.GetAsync($"/api/bulletins/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a draft is not public");

        // Figure by figure against the board.
        var figures = draft.GetProperty("figures");
        string Outcome(JsonElement r) => r.GetProperty("outcome").GetString()!;
        figures.GetProperty("total").GetProperty("batches").GetInt32().Should().Be(inPeriod.Count);
        figures.GetProperty("total").GetProperty("passed").GetInt32().Should().Be(inPeriod.Count(r => Outcome(r) == "pass"));
        figures.GetProperty("total").GetProperty("failed").GetInt32().Should().Be(inPeriod.Count(r => Outcome(r) == "fail"));
        figures.GetProperty("total").GetProperty("passRate").GetDecimal().Should().Be(rate);
        foreach (var group in inPeriod.GroupBy(r => r.GetProperty("category").GetString()))
        {
            var tally = figures.GetProperty("byCategory").EnumerateArray().Single(t => t.GetProperty("key").GetString() == group.Key);
            tally.GetProperty("batches").GetInt32().Should().Be(group.Count());
            tally.GetProperty("failed").GetInt32().Should().Be(group.Count(r => Outcome(r) == "fail"));
        }

        foreach (var group in inPeriod.GroupBy(r => Divisions.Shipped.Prefecture(r.GetProperty("region").GetString())))
        {
            figures.GetProperty("byPrefecture").EnumerateArray().Single(t => t.GetProperty("key").GetString() == group.Key).GetProperty("batches").GetInt32().Should().Be(group.Count());
        }

        figures.GetProperty("failing").EnumerateArray().Select(f => f.GetProperty("taskId").GetString()).Should().Equal(failing.TaskId);
        figures.GetProperty("failing")[0].GetProperty("failedItems")[0].GetProperty("result").GetString().Should().Be("98.0 %");
        figures.GetProperty("retests").GetProperty("retested").GetInt32().Should().Be(retestedInPeriod);
        figures.GetProperty("retests").GetProperty("reversed").GetInt32().Should().Be(retestedInPeriod, "the re-test passed what the first lab failed");
        figures.GetProperty("trend").EnumerateArray().Select(t => t.GetProperty("batches").GetInt32())
            .Should().Equal(board.Count(r => Year(r) == year - 2), board.Count(r => Year(r) == year - 1), inPeriod.Count);
        figures.GetProperty("taskIds").EnumerateArray().Select(t => t.GetString()).Should().BeEquivalentTo(inPeriod.Select(r => r.GetProperty("taskId").GetString()));

        // The draft's PDF and CSV for review; then publication of exactly the figures reviewed.
        var draftPdf = await http.GetByteArrayAsync(draft.GetProperty("pdfUrl").GetString());
        var rateText = rate.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
        (await PdfTools.TextAsync(draftPdf)).Should().Contain("草稿").And.Contain(rateText);
        var csv = await http.GetStringAsync(draft.GetProperty("csvUrl").GetString());
        csv.Should().Contain("section,key,name,batches").And.Contain("failing," + failing.TaskId);
        var stale = await http.PostAsJsonAsync($"/api/bulletins/{id}/publish", new { figuresSha256 = new string('0', 64) });
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict, "only the figures reviewed are published");
        var publish = await http.PostAsJsonAsync($"/api/bulletins/{id}/publish", new { figuresSha256 = draft.GetProperty("figuresSha256").GetString() });
        publish.StatusCode.Should().Be(HttpStatusCode.OK, await publish.Content.ReadAsStringAsync());
        var bulletin = await publish.Content.ReadFromJsonAsync<JsonElement>();
        (await http.PostAsJsonAsync($"/api/bulletins/{id}/publish", new { figuresSha256 = draft.GetProperty("figuresSha256").GetString() })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var list = await anonymous.GetFromJsonAsync<JsonElement>("/api/bulletins");
        list.EnumerateArray().Single().GetProperty("number").GetString().Should().Be(bulletin.GetProperty("number").GetString());
        var pdf = await anonymous.GetByteArrayAsync($"/api/bulletins/{id}/pdf");
        var text = await PdfTools.TextAsync(pdf);
        text.Should().Contain("产品质量监督抽查质量公告").And.Contain(rateText).And.Contain("98.0 %").And.Contain(bulletin.GetProperty("code").GetString()!);
        await PdfTools.PngAsync(pdf, "bulletin");
        (await anonymous.GetStringAsync($"/api/bulletins/{id}/csv")).Should().Be(csv);
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/{bulletin.GetProperty("code").GetString()}");
        verified.GetProperty("kind").GetString().Should().Be(BulletinDocument.Kind);
        verified.GetProperty("pdfSha256").GetString().Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));

        // A correction: a new draft, published only with a reason, as a version replacing the first.
        var again = await (await http.PostAsJsonAsync("/api/bulletins", new { period, scope = "province" })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("edition").GetInt32().Should().Be(2);
        var sha = again.GetProperty("figuresSha256").GetString();
        (await http.PostAsJsonAsync($"/api/bulletins/{id}/publish", new { figuresSha256 = sha })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var corrected = await (await http.PostAsJsonAsync($"/api/bulletins/{id}/publish", new { figuresSha256 = sha, reason = "补充复检结果说明" })).Content.ReadFromJsonAsync<JsonElement>();
        corrected.GetProperty("replaces").GetString().Should().Be(bulletin.GetProperty("number").GetString());
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/{bulletin.GetProperty("code").GetString()}")).GetProperty("replacedBy").GetString().Should().Be(corrected.GetProperty("number").GetString());
    }
}
