using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client;
using Samples.Domain.Draws;
using Samples.Draw;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>The ceremony and the fairness report from the command line, against a real silo.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FairnessApiTests
{
    [Fact]
    public async Task Two_rounds_run_from_the_command_line_then_the_fairness_report_lists_both_verified_online_and_offline()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("fair");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "FAIR-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        // Two commitments must both leave a second of entropy window: room for a slow machine between them.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(6).ToString("O");

        foreach (var round in new[] { "1", "2" })
        {
            var committed = await Cli(silo, supervisor, "draw", "commit", planId, "--round", round, "--deadline", deadline);
            committed.Code.Should().Be(0, committed.Error);
        }

        await Task.Delay(20);
        var contributed = await Cli(silo, supervisor, "draw", "contribute", $"{planId}:R1", "--source", "witness 王监督", "--value", "王监督:7781");
        contributed.Code.Should().Be(0, contributed.Error);
        (await Cli(silo, supervisor, "draw", "reveal", $"{planId}:R1")).Code.Should().Be(2, "the entropy deadline has not passed: the API refuses");
        await DrawScenario.PassAsync(DateTimeOffset.Parse(deadline, System.Globalization.CultureInfo.InvariantCulture), silo.Clock);
        var revealed = await Cli(silo, supervisor, "draw", "reveal", $"{planId}:R1");
        revealed.Code.Should().Be(0, revealed.Error);
        revealed.Output.Should().Contain("draw done（");
        (await Cli(silo, supervisor, "draw", "reveal", $"{planId}:R2")).Code.Should().Be(0);
        var r1 = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString($"{planId}:R1")}/bundle"));
        // No task records that the target could not be sampled: the first supervisor's request waits for a second's.
        using var admin = silo.Http(silo.AdminToken());
        var second = await TaskScenario.CredentialAsync(admin, "第二监督员", Samples.Contracts.Access.Role.Supervisor, null);
        var asked = await Cli(silo, supervisor, "draw", "alternate", $"{planId}:R1", "--target", r1.Picks[0].Id, "--reason", "企业已停产");
        asked.Code.Should().Be(0, asked.Error);
        asked.Output.Should().Contain("alternate 已记录，尚未执行").And.Contain("second supervisor");
        (await Cli(silo, supervisor, "draw", "alternate", $"{planId}:R1", "--target", r1.Picks[0].Id, "--reason", "企业已停产")).Output
            .Should().Contain("尚未执行", "the same supervisor cannot approve their own request");
        var alternate = await Cli(silo, second, "draw", "alternate", $"{planId}:R1", "--target", r1.Picks[0].Id, "--reason", "企业已停产");
        alternate.Code.Should().Be(0, alternate.Error);
        alternate.Output.Should().Contain("alternate done（").And.Contain("approved by 第二监督员");
        var team = r1.Teams.First(t => t.Members.Count > 0 && t.TargetId != r1.Picks[0].Id);
        (await Cli(silo, supervisor, "draw", "replace", $"{planId}:R1", "--target", team.TargetId, "--inspector", team.Members[0], "--reason", "回避")).Code.Should().Be(0);
        (await Cli(silo, second, "draw", "replace", $"{planId}:R1", "--target", team.TargetId, "--inspector", team.Members[0], "--reason", "回避")).Code.Should().Be(0);

        // The task's team follows the bundle at once: the withdrawn member out, the pool's next inspector in.
        var supplemented = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString($"{planId}:R1")}/bundle"));
        var replacement = supplemented.Replacements.Single(r => r.TargetId == team.TargetId);
        var taskId = Samples.Contracts.Tasks.TaskIds.Of($"{planId}:R1", Samples.Domain.Draws.DrawFrameMapping.UsccOf(team.TargetId), DrawScenario.Category);
        var task = await http.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}");
        var members = task.GetProperty("team").EnumerateArray().ToDictionary(m => m.GetProperty("inspectorId").GetString()!, m => m.GetProperty("status").GetString());
        members[Samples.Domain.Draws.DrawFrameMapping.NumberOf(team.Members[0])].Should().Be("withdrawn");
        if (replacement.Replacer is { } replacer)
        {
            members.Should().ContainKey(Samples.Domain.Draws.DrawFrameMapping.NumberOf(replacer));
        }
        (await Cli(silo, supervisor, "draw", "replace", $"{planId}:R1", "--target", "ENT|nobody", "--inspector", team.Members[0], "--reason", "x")).Code.Should().Be(2);
        (await Cli(silo, null, "draw", "list")).Output.Should().Contain($"{planId}:R2");

        var folder = System.IO.Directory.CreateTempSubdirectory("fairness-");
        try
        {
            foreach (var round in new[] { 1, 2 })
            {
                var file = Path.Combine(folder.FullName, $"R{round}.json");
                (await Cli(silo, null, "draw", "bundle", $"{planId}:R{round}", "--out", file)).Code.Should().Be(0);
                (await SamplesCli.RunAsync(["verify", file], new StringWriter(), new StringWriter())).Should().Be(0, "a downloaded bundle verifies offline");
            }

            var online = await Cli(silo, supervisor, "fairness", planId);
            online.Code.Should().Be(0, online.Error);
            online.Output.Should().Contain($"{planId}:R1").And.Contain("已验证").And.Contain("按企业").And.Contain("是（1）");
            var offline = new StringWriter();
            (await SamplesCli.RunAsync(["fairness", "--bundles", folder.FullName], offline, new StringWriter())).Should().Be(0);
            offline.ToString().Should().Contain("按检查人员（组内席位）").And.Contain($"{planId}:R2");
        }
        finally
        {
            folder.Delete(true);
        }

        var report = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/fairness");
        var draws = report.GetProperty("draws").EnumerateArray().ToArray();
        draws.Select(d => d.GetProperty("drawId").GetString()).Should().Equal($"{planId}:R1", $"{planId}:R2");
        draws.Select(d => d.GetProperty("outsideEntropy").GetBoolean()).Should().Equal(true, false);
        draws.Should().OnlyContain(d => d.GetProperty("verified").GetBoolean());
        var enterprises = report.GetProperty("enterprises");
        enterprises.GetProperty("pValue").GetDouble().Should().BeInRange(0, 1);
        report.GetProperty("strata").EnumerateArray().Sum(s => s.GetProperty("selected").GetInt32())
            .Should().Be(report.GetProperty("strata").EnumerateArray().Sum(s => s.GetProperty("expected").GetInt32()));

        (await http.GetAsync($"/api/plans/{planId}/fairness?from=2020-01-01&to=2020-12-31")).StatusCode.Should().Be(HttpStatusCode.NotFound, "no round was drawn then");
        (await http.GetAsync($"/api/plans/{planId}/fairness?from=2026-12-01&to=2026-01-01")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Cli(silo, supervisor, "fairness", "NO-SUCH-PLAN")).Code.Should().Be(2);
    }

    private static Task<(int Code, string Output, string Error)> Cli(RunningSilo silo, string? token, params string[] args) =>
        CliRunner.RunAsync(silo, token, args);
}
