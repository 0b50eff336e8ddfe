using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Domain.Risk;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Risk classification through the real <c>samples risk</c> commands against a running silo: the model in force with
/// its indicators; a month's complaints imported (a wrong row refused by row first); the run's counts and digests; a
/// version not above the stored ones refused by field, a stricter one stored; the second run's early warning by name
/// (C → D, failures rising); the D class explained; the enterprise's history; an inspector refused.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RiskCliTests
{
    [Fact]
    public async Task The_model_the_imports_the_monthly_run_and_the_explained_classes_through_the_command_line()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("risk-cli");
        await using var _ = silo;
        using var http = silo.Http(boss);
        var (_, cast, month, other, failedName) = await RiskScenario.FailedEnterpriseAsync(silo, http, "RCLI-");
        var folder = Directory.CreateTempSubdirectory("risk-cli").FullName;

        // The model in force: its versions, indicators and thresholds.
        var models = await Cli(silo, boss, "risk", "models");
        models.Output.Should().Contain("salt-lake-chemicals v1").And.Contain("随产品发布").And.Contain("近24个月监督抽查不合格批次").And.MatchRegex(@"\nD +60");

        // The month's complaints: a wrong row is refused by row, nothing imported; then imported.
        var wrong = Path.Combine(folder, "wrong.csv");
        await File.WriteAllTextAsync(wrong, $"uscc,indicator,value\n{other},complaints,3\n{other},sunshine,1\n");
        var refused = await CliRunner.RunAsync(silo, boss, "risk", "import", "--month", month, wrong);
        refused.Code.Should().Be(ExitCodes.Refused);
        refused.Error.Should().Contain("未导入任何指标").And.Contain("row 3.indicator: 'sunshine'");
        var good = Path.Combine(folder, "good.csv");
        await File.WriteAllTextAsync(good, $"uscc,indicator,value\n{other},complaints,3\n");
        (await Cli(silo, boss, "risk", "import", "--month", month, good)).Output.Should().Contain($"已导入 {month} 的 1 行指标");

        // The run: both in C, the model and both digests printed; no warning on a first run.
        var first = await Cli(silo, boss, "risk", "run", "--month", month);
        first.Output.Should().MatchRegex(@"\nC +2\n").And.MatchRegex("输入数据 SHA-256 Inputs SHA-256 +[0-9a-f]{64}").And.Contain("salt-lake-chemicals v1").And.Contain("风险预警：0 家");
        var notBegun = await CliRunner.RunAsync(silo, boss, "risk", "run", "--month", DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        notBegun.Code.Should().Be(ExitCodes.Refused);
        notBegun.Error.Should().Contain("has not begun");

        // A new version: not above the stored one, refused by field; a stricter one stored.
        var same = Path.Combine(folder, "v1.json");
        await File.WriteAllTextAsync(same, RiskModel.Shipped.ToJson());
        var sameRefused = await CliRunner.RunAsync(silo, boss, "risk", "upload-model", same);
        sameRefused.Code.Should().Be(ExitCodes.Refused);
        sameRefused.Error.Should().Contain("模型未保存").And.Contain("version: must be above 1");
        var shipped = RiskModel.Shipped;
        var stricter = Path.Combine(folder, "v2.json");
        await File.WriteAllTextAsync(stricter, (shipped with { Version = 2, Indicators = [.. shipped.Indicators.Select(i => i.Code == "failures" ? i with { PointsPerUnit = 60 } : i)] }).ToJson());
        (await Cli(silo, boss, "risk", "upload-model", stricter)).Output.Should().MatchRegex("版本 Version +salt-lake-chemicals v2");

        // The second run warns of the failed enterprise, by name: C → D, the failures rising.
        var second = await Cli(silo, boss, "risk", "run", "--month", month);
        second.Output.Should().Contain("风险预警：1 家").And.Contain("salt-lake-chemicals v2");
        second.Output.Split('\n').Single(l => l.Contains(cast.Uscc, StringComparison.Ordinal)).Should().StartWith(failedName).And.Contain("C → D").And.Contain("failures");

        // The month's D class, explained; the same as JSON for scripts.
        var shown = await Cli(silo, boss, "risk", "show", "--month", month, "--class", "D");
        shown.Output.Should().Contain("的分类结果：1 家").And.MatchRegex($@"{cast.Uscc} +D +\d+ +failures 1→60");
        var json = JsonDocument.Parse((await Cli(silo, boss, "risk", "show", "--month", month, "--json")).Output).RootElement;
        json.GetProperty("run").GetProperty("run").GetInt32().Should().Be(2);
        json.GetProperty("classifications").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);
        (await CliRunner.RunAsync(silo, boss, "risk", "show", "--month", month, "--class", "E")).Code.Should().Be(ExitCodes.Usage);

        // The enterprise's history with its explanation, in English too.
        var history = await Cli(silo, boss, "risk", "enterprise", cast.Uscc);
        history.Output.Should().StartWith($"{failedName}  {cast.Uscc}").And.Contain($"{month} 第 2 次：D 类").And.Contain($"{month} 第 1 次：C 类")
            .And.Contain("近24个月监督抽查不合格批次 (failures)");
        (await Cli(silo, boss, "risk", "enterprise", cast.Uscc, "--lang", "en")).Output.Should().Contain($"{month} run 2: class D");

        // Supervisors and admins only.
        (await CliRunner.RunAsync(silo, cast.LabToken, "risk", "models")).Code.Should().Be(ExitCodes.NotAllowed);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Cli(RunningSilo silo, string? token, params string[] args)
    {
        var result = await CliRunner.RunAsync(silo, token, args);
        result.Code.Should().Be(ExitCodes.Ok, $"samples {string.Join(' ', args)}: {result.Error}");
        return result;
    }
}
