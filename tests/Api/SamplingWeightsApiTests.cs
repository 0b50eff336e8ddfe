using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Domain.Tests.Support;
using Samples.Draw;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>A plan with sampling weights (issue 20) drawn in the silo: weights frozen in the commitment, marked strata's quotas, an offline check.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SamplingWeightsApiTests
{
    [Fact]
    public async Task A_plan_with_weights_draws_tourist_site_retailers_twice_as_often_and_its_bundle_verifies()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("weights");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "WEIGHTS-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 20; i++)
        {
            var body = new { uscc = Codes.NewUscc(), name = $"示例景区店{i}", regionCode = "632803", categories = new[] { DrawScenario.Category }, riskClass = "B", kind = i < 10 ? "seller" : "tourist-site-retailer", keySupervision = i < 2 };
            (await http.PostAsJsonAsync("/api/enterprises", body)).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        for (var i = 0; i < 4; i++)
        {
            var body = new { name = $"检查员{i}", unit = i % 2 == 0 ? "海西州市场监督管理局" : "格尔木市市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { DrawScenario.Category }, maxOpenTasks = 5 };
            (await http.PutAsJsonAsync($"/api/inspectors/{planId}-I{i}", body)).IsSuccessStatusCode.Should().BeTrue();
        }

        object Plan(object weights) => new
        {
            year = 2026, department = DrawScenario.Department, categories = new[] { DrawScenario.Category }, regions = Array.Empty<string>(),
            quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.1m }, allKeyItemsAtClassD = false, weights },
            goalBatches = 10, roundSchedule = "0 0 9 1 1/2 ?", rounds = 2,
        };

        var refused = await http.PutAsJsonAsync($"/api/plans/{planId}", Plan(new { touristSite = 12m }));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a factor above 10");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("quotas.weights.touristSite", "the field is named");
        (await http.GetAsync($"/api/plans/{planId}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was saved");
        var saved = await http.PutAsJsonAsync($"/api/plans/{planId}", Plan(new { touristSite = 2m, keyCategory = 1m, keySupervision = 1m }));
        saved.StatusCode.Should().Be(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());

        var drawId = await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);

        using var anonymous = silo.Http();
        var bundle = DrawBundle.FromJson(await anonymous.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
        bundle.Commitment.Rules.Quotas.Weights.Should().Equal(
            [new StratumWeight(StratumMarks.KeyCategory, 1m), new StratumWeight(StratumMarks.KeySupervision, 1m), new StratumWeight(StratumMarks.TouristSite, 2m)],
            "the plan's weights are frozen in the commitment");
        bundle.Commitment.Quotas.Select(q => (q.Stratum, q.Members, q.Quota, q.Rule)).Should().Equal(
            [
                ("632800|lithium-carbonate|B|key-category", 8, 1, "ceil(0.1 × 1 × 8) = 1"),
                ("632800|lithium-carbonate|B|key-category+key-supervision", 2, 1, "ceil(0.1 × 1 × 1 × 2) = 1"),
                ("632800|lithium-carbonate|B|key-category+tourist-site", 10, 2, "ceil(0.1 × 1 × 2 × 10) = 2"),
            ],
            "lithium carbonate is a key item in the catalogue, two sellers are under key supervision (a factor of 1 separates them), "
            + "and the tourist-site retailers' stratum gets twice the ratio");
        bundle.Picks.Should().HaveCount(4);
        (await PublicDrawFrames.VerifyAsync(silo.Http(), bundle)).Should().BeEmpty("anyone re-draws it offline from the bundle and its public frame files");
    }
}
