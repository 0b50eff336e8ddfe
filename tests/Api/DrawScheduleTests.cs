using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Samples.Domain.Plans;
using Samples.Draw;
using Samples.Silo.Draws;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Rounds as Quartz triggers in the persistent job store, on a real silo and PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DrawScheduleTests
{
    /// <summary>
    /// Short times so a round runs in seconds: commit 2 s before the round, late commitments keep entropy open 1 s; a
    /// trigger is late beyond 2 s (1 s proved too tight for a loaded CI machine running other silos' tests beside it).
    /// </summary>
    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Samples:Draws:CommitLead"] = "00:00:02",
        ["Samples:Draws:MinimumEntropyWindow"] = "00:00:01",
        ["Samples:Scheduling:MisfireThreshold"] = "00:00:02",
    };

    [Fact]
    public async Task A_scheduled_round_commits_and_draws_itself_and_a_double_fired_trigger_still_makes_one_draw()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("sched", Fast);
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "SCHED-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        var roundTime = DateTimeOffset.UtcNow.AddSeconds(4);
        var view = await silo.Services.GetRequiredService<RoundScheduler>().ScheduleRoundAsync(planId, new RoundTime(1, roundTime), CancellationToken.None);
        view.State.Should().Be("scheduled");
        view.DrawFiresAt.Should().BeCloseTo(roundTime, TimeSpan.FromMilliseconds(1));

        var drawId = RoundCommitter.DrawId(planId, 1);
        var drawn = await DrawScenario.WaitForAsync(http, drawId, s => s.GetProperty("step").GetString() == "drawn");
        drawn.GetProperty("late").GetBoolean().Should().BeFalse();
        DrawScenario.Steps(drawn, "commit").Should().ContainSingle().Which.GetProperty("by").GetString().Should().Be("scheduler");
        drawn.GetProperty("revealedAt").GetDateTimeOffset().Should().BeOnOrAfter(roundTime, "outside entropy was accepted until the round time");
        var bundle = await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle");

        // The same trigger firing twice more at once (as two silos would): one draw, both fires recorded as repeats.
        var scheduler = await silo.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // Each fire its own map: Quartz writes into the map it is given, so two fires at once must not share one.
        JobDataMap Data() => new()
        {
            [RoundJobData.PlanId] = planId,
            [RoundJobData.Round] = 1,
            [RoundJobData.RoundTime] = roundTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        await Task.WhenAll(scheduler.TriggerJob(RoundScheduler.DrawJob, Data()).AsTask(), scheduler.TriggerJob(RoundScheduler.DrawJob, Data()).AsTask());
        var after = await DrawScenario.WaitForAsync(http, drawId, s => DrawScenario.Steps(s, "draw").Count() == 3);

        DrawScenario.Steps(after, "draw").Count(s => s.GetProperty("outcome").GetString() == "done").Should().Be(1);
        (await silo.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle")).Should().Be(bundle, "the draw is never redone");
        var index = await silo.Http().GetFromJsonAsync<JsonElement>("/api/public/draws");
        index.EnumerateArray().Count(d => d.GetProperty("drawId").GetString() == drawId).Should().Be(1);
    }

    [Fact]
    public async Task Triggers_missed_while_no_silo_ran_fire_once_on_restart_and_the_draw_is_recorded_late()
    {
        var serviceId = RunningSilo.NewServiceId("missed");
        var planId = "MISSED-" + Guid.NewGuid().ToString("N")[..8];
        var drawId = RoundCommitter.DrawId(planId, 1);
        var first = await RunningSilo.StartAsync(serviceId, settings: Fast);
        string supervisor;
        DateTimeOffset roundTime;
        await using (first)
        {
            using var admin = first.Http(first.AdminToken());
            var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "监督员", role = "supervisor" });
            supervisor = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
            using var http = first.Http(supervisor);
            await DrawScenario.SeedAsync(http, planId);
            roundTime = DateTimeOffset.UtcNow.AddSeconds(8);
            await first.Services.GetRequiredService<RoundScheduler>().ScheduleRoundAsync(planId, new RoundTime(1, roundTime), CancellationToken.None);
        }

        // Down across both the commit time (round − 2 s) and the round time, and past the misfire threshold (2 s).
        await Task.Delay(DrawScenario.Until(roundTime.AddSeconds(4)));
        var second = await RunningSilo.StartAsync(serviceId, settings: Fast);
        await using (second)
        {
            using var http = second.Http(supervisor);
            var drawn = await DrawScenario.WaitForAsync(http, drawId, s => s.GetProperty("step").GetString() == "drawn");

            drawn.GetProperty("late").GetBoolean().Should().BeTrue();
            var commits = DrawScenario.Steps(drawn, "commit").Where(s => s.GetProperty("outcome").GetString() == "done").ToArray();
            commits.Should().ContainSingle().Which.GetProperty("lateBy").ValueKind.Should().Be(JsonValueKind.String, "the commitment ran late");
            DrawScenario.Steps(drawn, "draw").Should().ContainSingle("the missed trigger fires once").Which.GetProperty("lateBy").ValueKind.Should().Be(JsonValueKind.String);
            var bundle = DrawBundle.FromJson(await second.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle"));
            (await PublicDrawFrames.VerifyAsync(second.Http(), bundle)).Should().BeEmpty();
            var index = await second.Http().GetFromJsonAsync<JsonElement>("/api/public/draws");
            index.EnumerateArray().Single(d => d.GetProperty("drawId").GetString() == drawId).GetProperty("late").GetBoolean().Should().BeTrue();
        }
    }

    [Fact]
    public async Task Saving_a_plan_schedules_its_future_rounds_and_fewer_rounds_unschedule_the_rest()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("plansched");
        await using var _ = silo;
        using var http = silo.Http(supervisor);
        var planId = "FUTURE-" + Guid.NewGuid().ToString("N")[..8];
        var year = DateTimeOffset.UtcNow.Year + 1;
        await DrawScenario.SeedAsync(http, planId, year, "0 0 9 1 1/2 ?", 6);

        var schedule = await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/schedule");
        schedule.GetArrayLength().Should().Be(6);
        var firstRound = schedule[0];
        firstRound.GetProperty("roundTime").GetDateTimeOffset().Should().Be(new DateTimeOffset(year, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        firstRound.GetProperty("state").GetString().Should().Be("scheduled");
        firstRound.GetProperty("commitFiresAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(year, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddDays(-1), "a day's lead by default");

        (await http.PutAsJsonAsync($"/api/plans/{planId}", DrawScenario.Plan(year, "0 0 9 1 1/2 ?", 3))).StatusCode.Should().Be(HttpStatusCode.OK);
        var scheduler = await silo.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        (await scheduler.Exists(RoundJobData.DrawKey(RoundCommitter.DrawId(planId, 4)))).Should().BeFalse("round 4 is gone from the plan");
        (await scheduler.Exists(RoundJobData.DrawKey(RoundCommitter.DrawId(planId, 3)))).Should().BeTrue();
        (await http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/schedule")).GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task Two_silos_of_one_cluster_firing_the_same_rounds_draw_make_one_draw()
    {
        var serviceId = RunningSilo.NewServiceId("twosilos");
        var clustered = new Dictionary<string, string?>(Fast) { ["Samples:Scheduling:Clustered"] = "true" };
        var first = await RunningSilo.StartAsync(serviceId, settings: clustered);
        await using var _ = first;
        var second = await RunningSilo.StartAsync(serviceId, settings: clustered);
        await using var __ = second;
        using var admin = first.Http(first.AdminToken());
        var issued = await admin.PostAsJsonAsync("/api/credentials", new { name = "监督员", role = "supervisor" });
        var supervisor = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var http = first.Http(supervisor);
        var planId = "TWO-" + Guid.NewGuid().ToString("N")[..8];
        await DrawScenario.SeedAsync(http, planId);
        // Ten seconds of entropy window on the silos' clocks, stepped past on both (a commit must leave at least one second).
        var window = first.Clock.GetUtcNow().AddSeconds(10);
        var commit = await http.PostAsJsonAsync($"/api/plans/{planId}/rounds/1/commit", new { entropyDeadline = window });
        commit.StatusCode.Should().Be(HttpStatusCode.Created, await commit.Content.ReadAsStringAsync());
        first.Clock.AdvancePast(window);
        second.Clock.AdvancePast(window);

        // Both silos fire the round's draw job at once, each through its own scheduler instance.
        var roundTime = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        // Each fire its own map: Quartz writes into the map it is given.
        JobDataMap Data() => new()
        {
            [RoundJobData.PlanId] = planId,
            [RoundJobData.Round] = 1,
            [RoundJobData.RoundTime] = roundTime,
        };
        var schedulers = await Task.WhenAll(
            first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask(),
            second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler().AsTask());
        schedulers[0].SchedulerInstanceId.Should().NotBe(schedulers[1].SchedulerInstanceId, "two scheduler instances of one clustered scheduler");
        await Task.WhenAll(schedulers.Select(s => s.TriggerJob(RoundScheduler.DrawJob, Data()).AsTask()));

        var drawId = RoundCommitter.DrawId(planId, 1);
        var drawn = await DrawScenario.WaitForAsync(http, drawId, s => DrawScenario.Steps(s, "draw").Count() == 2);
        DrawScenario.Steps(drawn, "draw").Select(s => s.GetProperty("outcome").GetString()).Should().BeEquivalentTo(["done", "repeat: answered with what was already done"]);
        using var viaSecond = second.Http(supervisor);
        var bundle = await viaSecond.GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle");
        (await PublicDrawFrames.VerifyAsync(viaSecond, DrawBundle.FromJson(bundle))).Should().BeEmpty();
        (await first.Http().GetStringAsync($"/api/public/draws/{Uri.EscapeDataString(drawId)}/bundle")).Should().Be(bundle, "one draw, whichever silo answers");
    }
}
