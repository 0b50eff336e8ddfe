using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client;
using Samples.Client.Http;
using Samples.Domain.Tests.Support;
using Samples.Draw;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// A joint plan (部门联合抽查) of market regulation and drug administration, drawn end to end in the silo: every team holds
/// an inspector of each department, and the public bundle verifies offline with the rule in it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JointDrawApiTests
{
    private const string MarketUnit = "海西州市场监督管理局";
    private const string DrugUnit = "青海省药品监督管理局海西分局";

    private static Dictionary<string, object>[] Departments(params (string Id, string Name, string[] Units)[] departments) =>
        [.. departments.Select(d => new Dictionary<string, object> { ["id"] = d.Id, ["name"] = d.Name, ["units"] = d.Units })];

    [Fact]
    public async Task A_joint_plan_of_two_departments_draws_teams_that_each_hold_both_and_its_bundle_verifies_offline()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("joint-draw");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "JOINT-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 8; i++)
        {
            var created = await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = $"示例药企{i}", regionCode = "632803", categories = new[] { DrawScenario.Category }, riskClass = "B" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        // Three of market regulation (two units), two of drug administration, one of a unit that takes no part.
        string[] units = [MarketUnit, "格尔木市市场监督管理局", MarketUnit, DrugUnit, DrugUnit, "西宁市生态环境局"];
        for (var i = 0; i < units.Length; i++)
        {
            var body = new { name = $"检查员{i}", unit = units[i], regionCode = "632800", qualifiedCategories = new[] { DrawScenario.Category }, maxOpenTasks = 5 };
            (await http.PutAsJsonAsync($"/api/inspectors/{planId}-I{i}", body)).IsSuccessStatusCode.Should().BeTrue();
        }

        var departments = Departments(
            ("QH-SAMR", DrawScenario.Department, [MarketUnit, "格尔木市市场监督管理局"]),
            ("QH-NMPA", "青海省药品监督管理局", [DrugUnit]));
        var plan = new
        {
            year = 2026, department = DrawScenario.Department, categories = new[] { DrawScenario.Category }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.5m }, allKeyItemsAtClassD = false },
            goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 2, jointDepartments = departments,
        };

        var saving = await http.PutAsJsonAsync($"/api/plans/{planId}", plan with { });
        var bad = await http.PutAsJsonAsync($"/api/plans/{planId}-X", new
        {
            plan.year, department = "青海省药品监督管理局", plan.categories, plan.regions, plan.quotas, plan.goalBatches, plan.roundSchedule, plan.rounds,
            jointDepartments = Departments(("QH-NMPA", "青海省药品监督管理局", [DrugUnit])),
        });
        saving.StatusCode.Should().Be(HttpStatusCode.Created, await saving.Content.ReadAsStringAsync());
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("jointDepartments", "the refusal names the field");
        var saved = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}");
        saved.GetProperty("definition").GetProperty("jointDepartments").EnumerateArray().Select(d => d.GetProperty("name").GetString())
            .Should().Equal(["青海省药品监督管理局", DrawScenario.Department], "sorted by id: QH-NMPA, QH-SAMR");

        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);

        using var anonymous = silo.Http();
        var text = await anonymous.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle");
        var bundle = DrawBundle.FromJson(text);
        var frames = await PublicDrawFrames.DownloadAsync(anonymous, drawId);
        Verifier.Verify(bundle, frames).Should().BeEmpty("the joint draw verifies offline from its bundle and public frame files");
        bundle.Commitment.Rules.Teams.Departments.Should().NotBeNull().And.HaveCount(2, "the bundle records the rule");
        var frame = CanonicalFrames.ParseInspectors(System.Text.Encoding.UTF8.GetString(frames.Inspectors!));
        frame.Rows.Select(r => r.Unit).Should().NotContain("西宁市生态环境局", "an inspector of no participating department is left out of the frame");
        bundle.Teams.Should().NotBeEmpty();
        foreach (var team in bundle.Teams)
        {
            var teamUnits = team.Members.Select(m => frame.Rows.Single(r => r.Id == m).Unit).ToArray();
            team.Status.Should().Be(TeamRule.Complete);
            teamUnits.Should().Contain(DrugUnit, $"team of {team.TargetId} holds drug administration");
            teamUnits.Should().Contain(u => u != DrugUnit, $"team of {team.TargetId} holds market regulation");
        }

        var folder = System.IO.Directory.CreateTempSubdirectory("joint-");
        try
        {
            var file = Path.Combine(folder.FullName, "R1.json");
            await File.WriteAllTextAsync(file, text);
            await PublicDrawFrames.SaveAsync(anonymous, drawId, folder.FullName);
            var output = new StringWriter();
            (await SamplesCli.RunAsync(["verify", file], output, new StringWriter())).Should().Be(ExitCodes.Ok, output.ToString());
            output.ToString().Should().Contain("联合抽查：每个检查组至少有以下每个部门的一名检查员").And.Contain("青海省药品监督管理局 (QH-NMPA: " + DrugUnit + ")");
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
