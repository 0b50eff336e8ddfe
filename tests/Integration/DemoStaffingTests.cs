using System.Net.Http.Json;
using Samples.Draw;
using Samples.Silo.Demo;
using Samples.Tests.Api;
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
        // The window on the silo's clock, stepped past: the demo's commit took more than the second a two-second window on
        // real time leaves on a busy machine (CI once refused it so).
        var drawId = await DrawScenario.CommitAndDrawAsync(http, DemoSeedService.PlanId, clock: silo.Clock);

        var bundle = DrawBundle.FromJson(await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        bundle.Teams.Should().HaveCountGreaterThan(100);
        bundle.Teams.Where(t => t.Status != TeamRule.Complete).Select(t => $"{t.TargetId} ({t.Pool}): {t.Status}, {t.Members.Count} members")
            .Should().BeEmpty("the demo's inspectors cover every pool with two units and enough capacity");
    }
}
