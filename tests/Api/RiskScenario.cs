using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// The scene the risk tests start from: a drawn plan, one of its tasks failed and concluded (its enterprise now has a
/// failure), the month that holds the conclusion, and another enterprise of the plan's frames that was never sampled.
/// </summary>
public static class RiskScenario
{
    public static async Task<RiskScene> FailedEnterpriseAsync(RunningSilo silo, HttpClient http, string planPrefix)
    {
        var planId = planPrefix + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        var cast = await TaskScenario.CastAsync(silo, http, planId);
        var concluded = await TaskScenario.FailAndConcludeAsync(silo, http, cast);
        var frames = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/frames?round=1&members=true");
        var other = frames.GetProperty("frames").GetProperty("strata").EnumerateArray().SelectMany(s => s.GetProperty("members").EnumerateArray())
            .Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetProperty("uscc").GetString()!).First(u => u != cast.Uscc);
        var failedName = (await http.GetFromJsonAsync<JsonElement>($"/api/enterprises/{cast.Uscc}")).GetProperty("name").GetString()!;
        return new RiskScene(planId, cast, concluded.ToString("yyyy-MM", CultureInfo.InvariantCulture), other, failedName);
    }
}

/// <summary>The plan, the failed task's cast, the month to run, the never-sampled enterprise, and the failed enterprise's name.</summary>
public sealed record RiskScene(string PlanId, TaskCast Cast, string Month, string Other, string FailedName);
