using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Samples.Contracts.Access;
using Samples.Domain.Audit;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// A failed task's five documents, rendered, read back with pdftotext and checked against the task, verified by code and
/// by file, refused to the wrong people, corrected only with a reason, and every issue in the audit trail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentApiTests
{
    [Fact]
    public async Task Each_document_prints_what_the_task_holds_and_its_code_and_file_verify_while_a_changed_copy_does_not()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("documents");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "DOCS-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        using var first = silo.Http(cast.FirstInspector);
        using var lab = silo.Http(cast.LabToken);
        using var admin = silo.Http(silo.AdminToken());
        using var anonymous = silo.Http(null);

        (await first.PostAsJsonAsync($"{path}/documents/sampling-record", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict, "nothing was sampled yet");
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, cast);
        (await http.PostAsJsonAsync($"{path}/record-disposal", new { step = "rectification-ordered", on = concluded })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"{path}/publish", new { })).EnsureSuccessStatusCode();
        var task = await http.GetFromJsonAsync<JsonElement>(path);
        var enterprise = await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}");
        var name = enterprise.GetProperty("name").GetString()!;

        // Who issues what: the team the sampling record, the lab its report, supervisors all; nobody else.
        (await lab.PostAsJsonAsync($"{path}/documents/sampling-record", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await first.PostAsJsonAsync($"{path}/documents/result-notice", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsJsonAsync($"{path}/documents/receipt", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var owner = silo.Http(await TaskScenario.CredentialAsync(admin, "企业", Role.Enterprise, cast.Uscc));
        (await owner.PostAsJsonAsync($"{path}/documents/result-notice", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden, "an enterprise reads its notices but issues none");

        var sampling = await IssueAsync(first, path, "sampling-record", HttpStatusCode.Created);
        (await IssueAsync(first, path, "sampling-record", HttpStatusCode.OK)).GetProperty("number").GetString()
            .Should().Be(sampling.GetProperty("number").GetString(), "the same facts again are the same document");
        var text = await TextAsync(http, sampling);
        text.Should().Contain("产品质量监督抽查抽样单").And.Contain(name).And.Contain(cast.Uscc).And.Contain("电池级碳酸锂").And.Contain("YS/T 582-2013")
            .And.Contain("20260301").And.Contain(cast.BatchId).And.Contain("QH-1").And.Contain("0.5 kg").And.Contain("已签字").And.Contain("battery")
            .And.Contain(sampling.GetProperty("code").GetString()!).And.Contain(sampling.GetProperty("contentSha256").GetString()![..40]);
        foreach (var member in task.GetProperty("team").EnumerateArray())
        {
            text.Should().Contain(member.GetProperty("inspectorId").GetString()!, "each sampler is named");
        }

        var report = await IssueAsync(lab, path, "test-report", HttpStatusCode.Created);
        text = await TextAsync(http, report);
        text.Should().Contain("检验报告").And.Contain(task.GetProperty("report").GetProperty("number").GetString()!).And.Contain("98.0")
            .And.Contain("不合格 fail").And.Contain("YS/T 582").And.Contain("≥ 99.5 %").And.Contain(cast.Lab);

        var notice = await IssueAsync(http, path, "result-notice", HttpStatusCode.Created);
        text = await TextAsync(http, notice);
        text.Should().Contain("检验结果通知书").And.Contain(task.GetProperty("objectionDeadline").GetProperty("on").GetString()!, "the last day to object, from the working calendar")
            .And.Contain("15").And.Contain(task.GetProperty("notifiedOn").GetString()!);

        var disposal = await IssueAsync(http, path, "disposal-notice", HttpStatusCode.Created);
        text = await TextAsync(http, disposal);
        var rectifyBy = await http.GetFromJsonAsync<JsonElement>($"/api/reference/deadline?from={concluded:yyyy-MM-dd}&days=60");
        text.Should().Contain("责令整改").And.Contain(concluded.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .And.Contain(rectifyBy.GetProperty("due").GetString() ?? "无法确定 unknown", "rectify within 60 days of the order, or why the calendar cannot tell");

        var sheet = await IssueAsync(http, path, "result-sheet", HttpStatusCode.Created);
        text = await TextAsync(http, sheet);
        text.Should().Contain("监督抽查结果公开单").And.Contain(name).And.Contain("电池级碳酸锂").And.Contain("实测 98.0");

        foreach (var (document, kind) in new[] { (sampling, "sampling-record"), (report, "test-report"), (notice, "result-notice"), (disposal, "disposal-notice"), (sheet, "result-sheet") })
        {
            (await PdfTools.PngAsync(await PdfAsync(http, document), kind)).Should().BeGreaterThan(0);
        }

        // Anyone with the code sees what was printed; the file's bytes verify; one changed byte does not.
        var code = report.GetProperty("code").GetString()!;
        var verified = await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/{code.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal)}");
        verified.GetProperty("number").GetString().Should().Be(report.GetProperty("number").GetString());
        verified.GetProperty("contentIntact").GetBoolean().Should().BeTrue();
        verified.GetProperty("blocks").ToString().Should().Contain("98.0", "the page shows the figure the lab reported");
        var pdf = await PdfAsync(http, report);
        (await anonymous.GetByteArrayAsync($"/api/verify/{code}/pdf")).Should().Equal(pdf);
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/files/{Sha(pdf)}")).GetProperty("number").GetString().Should().Be(report.GetProperty("number").GetString());
        var tampered = (byte[])pdf.Clone();
        tampered[pdf.Length / 2] ^= 0x20;
        var changed = await anonymous.GetAsync($"/api/verify/files/{Sha(tampered)}");
        changed.StatusCode.Should().Be(HttpStatusCode.NotFound, "a changed copy is not the document issued");
        (await changed.Content.ReadAsStringAsync()).Should().Contain("文件已被改动");
        (await anonymous.GetAsync("/api/verify/AAAA-BBBB-CCCC")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.GetAsync($"{path}/documents")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await owner.GetFromJsonAsync<JsonElement>($"{path}/documents")).GetArrayLength().Should().Be(5, "the enterprise reads its task's documents once notified");

        // A changed fact is a correction: refused without a reason, then a new version naming the one it replaces.
        (await http.PatchAsJsonAsync($"/api/enterprises/{cast.Uscc}", new { name = name + "（更名）" })).EnsureSuccessStatusCode();
        var noReason = await http.PostAsJsonAsync($"{path}/documents/result-sheet", new { });
        noReason.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("reason");
        var corrected = await IssueAsync(http, path, "result-sheet", HttpStatusCode.Created, "企业名称变更");
        corrected.GetProperty("version").GetInt32().Should().Be(2);
        corrected.GetProperty("replaces").GetString().Should().Be(sheet.GetProperty("number").GetString());
        // The number is long and its width varies with its hexadecimal digits: the line may wrap before it.
        System.Text.RegularExpressions.Regex.Replace(await TextAsync(http, corrected), @"\s+", " ").Should().Contain("（更名）")
            .And.Contain("替代 " + sheet.GetProperty("number").GetString());
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/verify/{sheet.GetProperty("code").GetString()}")).GetProperty("replacedBy").GetString()
            .Should().Be(corrected.GetProperty("number").GetString(), "the old copy's page says it was replaced");

        var trail = (await http.GetFromJsonAsync<List<AuditRow>>("/api/audit?limit=5000"))!;
        AuditChain.Verify(trail).Should().BeEmpty("the trail stays whole");
        trail.Where(r => r.Stream == $"document/{cast.TaskId}/result-sheet").Select(r => r.Action).Should().Equal("issue-document", "correct-document");
        trail.Count(r => r.Stream.StartsWith($"document/{cast.TaskId}/", StringComparison.Ordinal)).Should().Be(6);
    }

    private static async Task<JsonElement> IssueAsync(HttpClient who, string path, string kind, HttpStatusCode expected, string? reason = null)
    {
        var response = await who.PostAsJsonAsync($"{path}/documents/{kind}", new { reason });
        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<byte[]> PdfAsync(HttpClient http, JsonElement document) =>
        await http.GetByteArrayAsync(document.GetProperty("pdfUrl").GetString());

    private static async Task<string> TextAsync(HttpClient http, JsonElement document)
    {
        var pdf = await PdfAsync(http, document);
        Sha(pdf).Should().Be(document.GetProperty("pdfSha256").GetString(), "the file served is the one issued");
        return await PdfTools.TextAsync(pdf);
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
