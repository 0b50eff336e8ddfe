using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Tests.Support;
using static Samples.Tests.Api.TaskScenario;

namespace Samples.Tests.Api;

/// <summary>
/// The public results and the quality bulletin through the real <c>samples</c> commands against a running silo: the
/// results listed by name with the failed items; a withdrawal with its reason (refused without one, or without a
/// credential) and the result's revisions; a bulletin drafted and printed as tables, refused when the reviewed figures
/// changed, published as reviewed, listed and read by anyone with its PDF and CSV saved.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BulletinCliTests
{
    [Fact]
    public async Task Results_and_a_bulletin_through_the_command_line()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("bulletin-cli");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var anonymous = silo.Http(null);
        var planId = "BCLI-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var (passId, _) = await PublishOneAsync(silo, http, planId);
        var failing = await CastAsync(silo, http, planId, which: 1);
        await FailAndConcludeAsync(silo, http, failing);
        (await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(failing.TaskId)}/publish", new { })).EnsureSuccessStatusCode();
        var rows = await WaitForAsync(async () =>
            await anonymous.GetFromJsonAsync<JsonElement>("/api/results") is var r && r.EnumerateArray().Count(x => x.GetProperty("revision").GetInt32() > 0) == 2 ? r : (JsonElement?)null);
        var fail = rows.EnumerateArray().Single(r => r.GetProperty("taskId").GetString() == failing.TaskId);
        var year = fail.GetProperty("publishedOn").GetString()![..4];

        // Anyone lists the results by name, with the failed item's result and limit.
        var list = await Cli(silo, null, "results", "list");
        list.Output.Should().StartWith("公布 Published").And.Contain(fail.GetProperty("enterpriseName").GetString()!).And.Contain("98.0 %/≥ 99.5 %").And.Contain("published");

        // The bulletin's draft, printed as tables for review.
        var draft = await Cli(silo, boss, "bulletin", "draft", "--period", year);
        draft.Output.Should().Contain("草稿，未发布").And.MatchRegex(@"抽检批次 Batches +2").And.MatchRegex(@"合格率 Pass rate +50\.0 %")
            .And.Contain("按产品类别 By product category").And.Contain("不合格产品 Failing products").And.Contain($"samples bulletin publish {year}-province --sha256 ");
        var reviewed = System.Text.RegularExpressions.Regex.Match(draft.Output, "--sha256 ([0-9a-f]{64})").Groups[1].Value;

        // A withdrawal needs a reason and a supervisor; recorded, it is a revision.
        (await CliRunner.RunAsync(silo, boss, "results", "withdraw", passId)).Code.Should().Be(ExitCodes.Usage);
        (await CliRunner.RunAsync(silo, null, "results", "withdraw", passId, "--reason", "x")).Code.Should().Be(ExitCodes.NotAllowed);
        var withdrawn = await Cli(silo, boss, "results", "withdraw", passId, "--reason", "批次信息登记有误");
        withdrawn.Output.Should().MatchRegex("状态 Status +withdrawn").And.Contain("批次信息登记有误");
        (await Cli(silo, null, "results", "history", passId)).Output.Should().Contain("withdrawn").And.Contain("批次信息登记有误").And.Contain("published");
        (await Cli(silo, null, "results", "list", "--lang", "en")).Output.Should().Contain("withdrawn: 批次信息登记有误");

        // The figures reviewed are stale once the draft is computed again: publication is refused until reviewed again.
        var again = await Cli(silo, boss, "bulletin", "draft", "--period", year, "--scope", "province", "--json");
        var sha = JsonDocument.Parse(again.Output).RootElement.GetProperty("figuresSha256").GetString()!;
        sha.Should().NotBe(reviewed);
        var stale = await CliRunner.RunAsync(silo, boss, "bulletin", "publish", $"{year}-province", "--sha256", reviewed);
        stale.Code.Should().Be(ExitCodes.Refused);
        stale.Error.Should().StartWith("samples: 409");
        var published = await Cli(silo, boss, "bulletin", "publish", $"{year}-province", "--sha256", sha);
        published.Output.Should().MatchRegex($"编号 Number +ZLGG-{year}-province-v1").And.Contain("已发布");

        // Anyone lists and reads it, saving its PDF and CSV.
        (await Cli(silo, null, "bulletin", "list")).Output.Should().Contain($"ZLGG-{year}-province-v1");
        var folder = Directory.CreateTempSubdirectory("bulletin-cli").FullName;
        var (pdf, csv) = (Path.Combine(folder, "b.pdf"), Path.Combine(folder, "b.csv"));
        var get = await Cli(silo, null, "bulletin", "get", $"{year}-province", "--pdf", pdf, "--csv", csv);
        get.Output.Should().MatchRegex(@"抽检批次 Batches +1").And.MatchRegex(@"已撤回未计入 Withdrawn, not counted +1").And.Contain("核验码 Verification code");
        (await File.ReadAllBytesAsync(pdf)).Take(4).Should().Equal("%PDF"u8.ToArray());
        (await File.ReadAllTextAsync(csv)).Should().Contain("failing," + failing.TaskId);
        (await CliRunner.RunAsync(silo, null, "bulletin", "draft", "--period", year)).Code.Should().Be(ExitCodes.NotAllowed);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Cli(RunningSilo silo, string? token, params string[] args)
    {
        var result = await CliRunner.RunAsync(silo, token, args);
        result.Code.Should().Be(ExitCodes.Ok, $"samples {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
