using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// <c>samples document …</c> against a running silo: the team issues the sampling record and the lab its report, a
/// supervisor lists them and saves a PDF, anyone verifies it by file (a changed copy exits 1) and by code, and a
/// correction is refused without --reason, then issued as a new version the old code warns about.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DocumentCliTests
{
    [Fact]
    public async Task Documents_are_issued_listed_saved_and_verified_from_the_command_line()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("document-cli");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "DCLI-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await CastAsync(silo, http, planId);
        var taskId = cast.TaskId;

        var early = await CliRunner.RunAsync(silo, cast.FirstInspector, "document", "issue", taskId, "sampling-record");
        early.Code.Should().Be(ExitCodes.Refused, "nothing was sampled yet");
        early.Error.Should().StartWith("samples: 409");
        await FailAndConcludeAsync(silo, http, cast);

        // Who issues what: the team the sampling record (the same facts again are the same document), the lab its report.
        var sampling = await Cli(silo, cast.FirstInspector, "document", "issue", taskId, "sampling-record");
        sampling.Output.Should().Contain($"已签发 CYD-{taskId}-v1").And.Contain("文书 Document").And.Contain("抽样单 Sampling record").And.Contain("验证码 Code");
        (await Cli(silo, cast.FirstInspector, "document", "issue", taskId, "sampling-record")).Output.Should().Contain($"内容未变：现行文书仍为 CYD-{taskId}-v1");
        (await CliRunner.RunAsync(silo, cast.LabToken, "document", "issue", taskId, "sampling-record")).Code.Should().Be(ExitCodes.NotAllowed);
        (await CliRunner.RunAsync(silo, boss, "document", "issue", taskId, "receipt")).Code.Should().Be(ExitCodes.Usage, "not a kind");
        var issued = await Cli(silo, cast.LabToken, "document", "issue", taskId, "test-report", "--json");
        var report = JsonDocument.Parse(issued.Output).RootElement;
        report.GetProperty("number").GetString().Should().Be($"JYBG-{taskId}-v1");
        var code = report.GetProperty("code").GetString()!;

        var list = await Cli(silo, boss, "document", "list", taskId);
        list.Output.Should().StartWith("文书 Document").And.Contain("检验报告").And.Contain($"CYD-{taskId}-v1").And.Contain(code);

        // The PDF as issued; verified by its bytes with no credential; one changed byte does not verify (exit 1).
        var folder = Directory.CreateTempSubdirectory("document-cli-");
        var pdf = Path.Combine(folder.FullName, "report.pdf");
        (await Cli(silo, boss, "document", "get", taskId, "test-report", "1", "--out", pdf)).Output.Should().Contain(report.GetProperty("pdfSha256").GetString()!);
        var bytes = await File.ReadAllBytesAsync(pdf);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(report.GetProperty("pdfSha256").GetString());
        var matches = await Cli(silo, null, "document", "verify", pdf);
        matches.Output.Should().Contain("与系统记录一致：report.pdf 正是本系统签发的文书").And.Contain($"JYBG-{taskId}-v1").And.Contain("检验报告 Test report")
            .And.Contain("98.0").And.Contain("检验结果 Result").And.Contain(cast.Lab);
        bytes[bytes.Length / 2] ^= 0x20;
        var changed = Path.Combine(folder.FullName, "changed.pdf");
        await File.WriteAllBytesAsync(changed, bytes);
        var tampered = await CliRunner.RunAsync(silo, null, "document", "verify", changed);
        tampered.Code.Should().Be(ExitCodes.NotVerified, tampered.Error);
        tampered.Output.Should().Contain("验证未通过：changed.pdf 已被改动或非本系统签发").And.Contain(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var english = await CliRunner.RunAsync(silo, null, "document", "verify", changed, "--lang", "en");
        english.Output.Should().Contain("DOES NOT VERIFY: changed.pdf was changed or not issued here");

        var byCode = await Cli(silo, null, "document", "verify", "--code", code.ToLowerInvariant());
        byCode.Output.Should().Contain("系统中有此文书").And.Contain($"JYBG-{taskId}-v1").And.Contain("98.0").And.NotContain("警告");
        (await CliRunner.RunAsync(silo, null, "document", "verify", "--code", "AAAA-BBBB-CCCC")).Code.Should().Be(ExitCodes.NotVerified);
        (await CliRunner.RunAsync(silo, null, "document", "verify")).Code.Should().Be(ExitCodes.Usage, "a file or a code");
        (await CliRunner.RunAsync(silo, null, "document", "verify", pdf, "--code", code)).Code.Should().Be(ExitCodes.Usage, "not both");
        var json = await Cli(silo, null, "document", "verify", pdf, "--json");
        JsonDocument.Parse(json.Output).RootElement.GetProperty("pdfSha256").GetString().Should().Be(report.GetProperty("pdfSha256").GetString());

        // A changed fact: without --reason the correction is refused (exit 2, saying which option); with it, version 2.
        var enterprise = await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}");
        (await http.PatchAsJsonAsync($"/api/enterprises/{cast.Uscc}", new { name = enterprise.GetProperty("name").GetString() + "（更名）" })).EnsureSuccessStatusCode();
        var noReason = await CliRunner.RunAsync(silo, cast.FirstInspector, "document", "issue", taskId, "sampling-record");
        noReason.Code.Should().Be(ExitCodes.Refused);
        noReason.Error.Should().Contain("--reason");
        (await Cli(silo, cast.FirstInspector, "document", "issue", taskId, "sampling-record", "--reason", "企业名称变更")).Output
            .Should().Contain($"已签发 CYD-{taskId}-v2").And.Contain($"CYD-{taskId}-v1 (企业名称变更)");
        var oldCode = JsonDocument.Parse((await Cli(silo, boss, "document", "list", taskId, "--json")).Output).RootElement.EnumerateArray()
            .Single(d => d.GetProperty("number").GetString() == $"CYD-{taskId}-v1").GetProperty("code").GetString()!;
        (await Cli(silo, boss, "document", "list", taskId)).Output.Should().MatchRegex($@"CYD-{System.Text.RegularExpressions.Regex.Escape(taskId)}-v1 .*CYD-{System.Text.RegularExpressions.Regex.Escape(taskId)}-v2");
        (await Cli(silo, null, "document", "verify", "--code", oldCode)).Output.Should().Contain($"警告：此文书已被更正，现行版本为 CYD-{taskId}-v2");
        folder.Delete(recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Cli(RunningSilo silo, string? token, params string[] args)
    {
        var result = await CliRunner.RunAsync(silo, token, args);
        result.Code.Should().Be(ExitCodes.Ok, $"samples {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
