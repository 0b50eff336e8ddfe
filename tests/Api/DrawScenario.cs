using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>A small directory and plan to draw from: eight lithium-carbonate enterprises, four inspectors of two units.</summary>
public static class DrawScenario
{
    public const string Category = "lithium-carbonate";

    public const string Department = "青海省市场监督管理局";

    /// <returns>The enterprises' USCCs, in the order created (even ones class B, odd ones class D).</returns>
    public static async Task<IReadOnlyList<string>> SeedAsync(HttpClient http, string planId, int year = 2026, string schedule = "0 0 9 1 1/2 ?", int rounds = 2)
    {
        var usccs = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            usccs.Add(Codes.NewUscc());
            var created = await http.PostAsJsonAsync("/api/enterprises", new { uscc = usccs[^1], name = $"示例锂盐{i}", regionCode = "632803", categories = new[] { Category }, riskClass = i % 2 == 0 ? "B" : "D" });
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        for (var i = 0; i < 4; i++)
        {
            var body = new { name = $"检查员{i}", unit = i % 2 == 0 ? "海西州市场监督管理局" : "格尔木市市场监督管理局", regionCode = "632800", qualifiedCategories = new[] { Category }, maxOpenTasks = 5 };
            (await http.PutAsJsonAsync($"/api/inspectors/{planId}-I{i}", body)).IsSuccessStatusCode.Should().BeTrue();
        }

        (await http.PutAsJsonAsync($"/api/plans/{planId}", Plan(year, schedule, rounds))).StatusCode.Should().Be(HttpStatusCode.Created);
        return usccs;
    }

    /// <summary>
    /// Commits round <paramref name="round"/> with an entropy window, lets it pass and draws; returns the draw id. With the
    /// silo's <paramref name="clock"/> the window is ten seconds, stepped past (a commit that took more than a second on a busy
    /// machine was refused with a window of two); without one (silos in other processes) it is two seconds, waited for.
    /// </summary>
    public static async Task<string> CommitAndDrawAsync(HttpClient http, string planId, int round = 1, SteppedClock? clock = null)
    {
        var deadline = clock is null ? DateTimeOffset.UtcNow.AddSeconds(2) : clock.GetUtcNow().AddSeconds(10);
        var commit = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/{round}/commit", new { entropyDeadline = deadline });
        commit.StatusCode.Should().Be(HttpStatusCode.Created, await commit.Content.ReadAsStringAsync());
        var status = await commit.Content.ReadFromJsonAsync<JsonElement>();
        var drawId = status.GetProperty("drawId").GetString()!;
        await PassAsync(status.GetProperty("entropyDeadline").GetDateTimeOffset(), clock);
        var drawn = await http.PostAsync($"/api/draws/{Uri.EscapeDataString(drawId)}/draw", null);
        drawn.StatusCode.Should().Be(HttpStatusCode.OK, await drawn.Content.ReadAsStringAsync());
        return drawId;
    }

    public static object Plan(int year, string schedule, int rounds) => new
    {
        year, department = Department, categories = new[] { Category }, regions = Array.Empty<string>(),
        quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 0.5m, ["D"] = 0.5m }, allKeyItemsAtClassD = false },
        goalBatches = 10, roundSchedule = schedule, rounds,
    };

    /// <summary>Lets <paramref name="instant"/> pass: steps the silo's clock past it, or, without one, waits.</summary>
    public static Task PassAsync(DateTimeOffset instant, SteppedClock? clock)
    {
        if (clock is null)
        {
            return Task.Delay(Until(instant));
        }

        clock.AdvancePast(instant);
        return Task.CompletedTask;
    }

    /// <summary>How long until just after <paramref name="instant"/> (zero when it has passed).</summary>
    public static TimeSpan Until(DateTimeOffset instant)
    {
        var left = instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Polls the draw's status until <paramref name="done"/> holds, for at most <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient http, string drawId, Func<JsonElement, bool> done, int seconds = 60)
    {
        var path = $"/api/draws/{Uri.EscapeDataString(drawId)}";
        var until = DateTimeOffset.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var response = await http.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var status = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (done(status))
                {
                    return status;
                }

                if (DateTimeOffset.UtcNow > until)
                {
                    throw new TimeoutException($"{drawId} did not get there in {seconds} s: {status}");
                }
            }
            else if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"{drawId} was not committed in {seconds} s ({response.StatusCode})");
            }

            await Task.Delay(250);
        }
    }

    public static IEnumerable<JsonElement> Steps(JsonElement status, string step) =>
        status.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("step").GetString() == step);
}
