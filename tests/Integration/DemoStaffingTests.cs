using System.Net.Http.Json;
using Samples.Draw;
using Samples.Silo.Demo;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>The demo's first round, drawn as a new user would draw it: every drawn target gets a full team (issue 16: six teams had none).</summary>
[Collection(PostgresCollection.Name)]
public sealed class DemoStaffingTests
{
    [Fact]
    public async Task The_demo_plans_first_round_staffs_every_team()
    {
        var silo = await RunningSilo.StartAsync(RunningSilo.NewServiceId("staff"), settings: new Dictionary<string, string?> { ["Samples:Demo:Seed"] = "true" });
        await using var _ = silo;
        using var http = silo.Http(silo.AdminToken());
        var drawId = DemoSeedService.PlanId + ":R1";
        // Ten seconds' window on the silo's clock, stepped past: the demo's commit took more than the second a two-second
        // window leaves on a busy machine (CI once refused it so).
        var deadline = silo.Clock.GetUtcNow().AddSeconds(10);
        var commit = await http.PostAsJsonAsync($"/api/plans/{DemoSeedService.PlanId}/rounds/1/commit", new { entropyDeadline = deadline });
        commit.IsSuccessStatusCode.Should().BeTrue(await commit.Content.ReadAsStringAsync());
        silo.Clock.AdvancePast(deadline);
        (await http.PostAsync($"/api/draws/{Uri.EscapeDataString(drawId)}/draw", null)).EnsureSuccessStatusCode();

        var bundle = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        bundle.Teams.Should().HaveCountGreaterThan(100);
        bundle.Teams.Where(t => t.Status != TeamRule.Complete).Select(t => $"{t.TargetId} ({t.Pool}): {t.Status}, {t.Members.Count} members")
            .Should().BeEmpty("the demo's inspectors cover every pool with two units and enough capacity");
    }
}
