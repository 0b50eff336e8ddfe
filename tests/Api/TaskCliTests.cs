using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Domain.Directory;
using Samples.Domain.Reference;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// Each role's daily work through the real <c>samples</c> commands against a running silo and PostgreSQL: the inspectors
/// take a drawn task from their inbox to the lab, the lab posts results from a CSV (a malformed file is refused before
/// anything is sent), the supervisor handles the objection and publishes, and the overview commands show it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TaskCliTests
{
    [Fact]
    public async Task A_task_goes_from_inbox_to_publication_through_the_command_line()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("task-cli");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var planId = "CLI-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http: http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await CastAsync(silo, http, planId);
        var (taskId, uscc, batchId) = (cast.TaskId, cast.Uscc, cast.BatchId);
        var (first, second, lab1, lab2) = (cast.FirstInspector, cast.SecondInspector, cast.LabToken, cast.RetestLabToken);

        // Inspectors: the inbox lists the task; both accept; sampling before that is refused with the reason (exit 2).
        var inbox = await WaitForAsync(async () => await CliRunner.RunAsync(silo, first, "task", "inbox") is var r && r.Output.Contains(taskId, StringComparison.Ordinal) ? r : ((int, string, string)?)null);
        inbox.Item2.Should().StartWith("任务 Task").And.Contain("Assigned");
        var early = await CliRunner.RunAsync(silo, first, "task", "record-sampling", taskId, "--batch", batchId, "--test-quantity", "0.5", "--reserve-quantity", "0.5", "--unit", "kg", "--seal", "QH-1", "--seal", "QH-2");
        early.Code.Should().Be(ExitCodes.Refused);
        early.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("samples: 409");
        (await Cli(silo, first, "task", "accept", taskId)).Output.Should().Contain("阶段 Stage       Assigned");
        var accepted = await Cli(silo, second, "task", "accept", taskId, "--idempotency-key", "cli-acc-2");
        accepted.Output.Should().Contain("阶段 Stage       Accepted");
        var repeat = await Cli(silo, second, "task", "accept", taskId, "--idempotency-key", "cli-acc-2", "--json");
        JsonDocument.Parse(repeat.Output).RootElement.GetProperty("version").GetInt32().Should().Be(3, "the same key applies the step once");
        (await Cli(silo, first, "task", "record-sampling", taskId, "--batch", batchId, "--test-quantity", "0.5", "--reserve-quantity", "0.5", "--unit", "kg",
            "--seal", "QH-1", "--seal", "QH-2", "--variant", "grade=battery")).Output.Should().Contain("阶段 Stage       Sampled");
        (await Cli(silo, second, "task", "hand-over", taskId, "--lab", cast.Lab)).Output.Should().Contain("HandedOver");

        // The lab: its samples, receipt with the seals, results from a CSV checked before sending.
        var samples = await WaitForAsync(async () => await CliRunner.RunAsync(silo, lab1, "lab", "samples") is var r && r.Output.Contains(taskId, StringComparison.Ordinal) ? r : ((int, string, string)?)null);
        samples.Item1.Should().Be(ExitCodes.Ok);
        (await Cli(silo, lab1, "lab", "receive", taskId, "--seal", "QH-1", "--seal", "QH-2")).Output.Should().Contain("Received");
        var csv = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "item,kind,value\nli2co3,value,99.4O\nna,value,0.0001\nna,value,0.0002\nmg,measured,1\n");
        var malformed = await CliRunner.RunAsync(silo, lab1, "lab", "results", taskId, "--file", csv);
        malformed.Code.Should().Be(ExitCodes.Usage);
        malformed.Error.Should().Contain("line 2: value '99.4O' is not a number").And.Contain("line 4: item 'na' was already given on line 3").And.Contain("line 5: kind 'measured'");
        (await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}")).GetProperty("stage").GetString().Should().Be("Received", "nothing was sent");
        await File.WriteAllTextAsync(csv, "item,kind,value\n" + string.Join('\n', LithiumItems.Select(i => $"{i},value,{(i == "li2co3" ? "99.40" : "0.0001")}")) + "\n");
        (await Cli(silo, lab1, "lab", "results", taskId, "--file", csv, "--check")).Output.Should().Contain("8 条结果，格式都正确；未发送");
        (await Cli(silo, lab1, "lab", "results", taskId, "--file", csv)).Output.Should().Contain("结论 Verdict     fails");
        (await Cli(silo, lab1, "lab", "report", taskId, "--number", "QH-2026-0001")).Output.Should().Contain("Reported");
        File.Delete(csv);

        // The supervisor: notification, objection (listed), re-test by the other lab, publication; then the overviews.
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await Cli(silo, boss, "task", "notify", taskId, "--received-on", today)).Output.Should().Contain("Notified");
        (await Cli(silo, boss, "task", "object", taskId, "--item", "li2co3", "--reason", "检验方法有误")).Output.Should().Contain("Objected");
        var objections = await WaitForAsync(async () => await CliRunner.RunAsync(silo, boss, "objections", planId) is var r && r.Output.Contains(taskId, StringComparison.Ordinal) ? r : ((int, string, string)?)null);
        objections.Item2.Should().Contain("Objected");
        (await Cli(silo, boss, "task", "retest", taskId, "--lab", cast.RetestLab)).Output.Should().Contain("RetestAssigned");
        (await Cli(silo, lab2, "lab", "receive", taskId, "--seal", "QH-2")).Output.Should().Contain("RetestReceived");
        var retest = Path.Combine(Path.GetTempPath(), $"retest-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(retest, "kind,item,value,note\nvalue,li2co3,99.60,re-test on the reserve sample\n");
        (await Cli(silo, lab2, "lab", "results", taskId, "--file", retest)).Output.Should().Contain("阶段 Stage       Concluded");
        File.Delete(retest);
        (await Cli(silo, boss, "task", "publish", taskId)).Output.Should().Contain("Published");

        var results = await WaitForAsync(async () => await CliRunner.RunAsync(silo, null, "results") is var r && r.Output.Contains(uscc, StringComparison.Ordinal) ? r : ((int, string, string)?)null);
        results.Item2.Should().Contain(batchId).And.Contain("pass");
        var progress = await Cli(silo, boss, "progress", planId);
        progress.Output.Should().MatchRegex(@"已出结论 Concluded +10 批中 1 批（10%）\[##\.{18}\]").And.Contain(DrawScenario.Category);
        (await Cli(silo, boss, "progress", planId, "--lang", "en")).Output.Should().Contain("Concluded       1 of 10 batches (10%) [##..................]");
        var show = await Cli(silo, first, "task", "show", taskId, "--history");
        show.Output.Should().Contain("record-sampling").And.Contain("publish");
        (await Cli(silo, boss, "overdue")).Output.Should().StartWith("任务 Task");
    }

    [Fact]
    public async Task Login_saves_the_credential_for_later_commands_and_logout_forgets_it()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("login");
        await using var _ = silo;
        var config = Path.Combine(Path.GetTempPath(), $"samples-config-{Guid.NewGuid():N}", "config.json");

        var wrong = await CliRunner.RunAsync(silo, null, "login", "--with-token", "smp_nope.nope", "--config", config);
        wrong.Code.Should().Be(ExitCodes.NotAllowed);
        File.Exists(config).Should().BeFalse("a credential the API refuses is not saved");

        var login = await CliRunner.RunAsync(silo, null, "login", "--with-token", boss, "--config", config);
        login.Code.Should().Be(ExitCodes.Ok, login.Error);
        login.Output.Should().MatchRegex("角色 Role +supervisor");
        (OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : File.GetUnixFileMode(config)).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the token is readable by its owner only");
        var whoami = await CliRunner.RunAsync(silo, null, "whoami", "--config", config);
        whoami.Code.Should().Be(ExitCodes.Ok, whoami.Error);
        whoami.Output.Should().Contain("supervisor");

        (await CliRunner.RunAsync(silo, null, "logout", "--config", config)).Output.Should().StartWith("已删除");
        (await CliRunner.RunAsync(silo, null, "whoami", "--config", config)).Code.Should().Be(ExitCodes.NotAllowed);
        await File.WriteAllTextAsync(config, "{ not json");
        var broken = await CliRunner.RunAsync(silo, null, "whoami", "--config", config);
        broken.Code.Should().Be(ExitCodes.Usage);
        broken.Error.Should().StartWith($"samples: 配置文件 {config} 不是有效的 JSON").And.Contain($" / the configuration file {config} is not valid JSON");
        System.IO.Directory.Delete(Path.GetDirectoryName(config)!, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Cli(RunningSilo silo, string token, params string[] args)
    {
        var result = await CliRunner.RunAsync(silo, token, args);
        result.Code.Should().Be(ExitCodes.Ok, $"samples {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
