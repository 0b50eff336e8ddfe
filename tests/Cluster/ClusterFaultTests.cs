using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Client;
using Samples.Silo.Api;
using Samples.Silo.Draws;
using Samples.Tests.Api;
using Xunit.Abstractions;

namespace Samples.Tests.Cluster;

/// <summary>
/// Faults on a real two-silo cluster (separate processes, RabbitMQ, clustered Quartz, PostgreSQL), while tasks move
/// through their lifecycle over HTTP: a silo killed with SIGKILL, PostgreSQL stopped and started, RabbitMQ stopped and
/// started, and events stranded by a kill during a broker outage.
/// Each test prints what it did and counted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterFaultTests(ClusterUnderTest cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task A_silo_killed_mid_workload_loses_no_task_and_no_event_does_nothing_twice_and_the_scheduled_draw_fires_once()
    {
        var (drill, caller) = await PreparedAsync("KILL", "632200", enterprises: 40);
        using var _ = caller;
        var total = drill.Transitions;

        // A round of another plan falls due just after the kill: its commit and draw triggers fire on whichever silo
        // Quartz gives them to, the dead one included.
        using var boss = cluster.Http(1, drill.Supervisor);
        var scheduledPlan = drill.PlanId + "-S";
        var roundTime = DateTimeOffset.UtcNow.AddSeconds(12);
        (await boss.PutAsJsonAsync($"/api/plans/{scheduledPlan}", TaskDrill.Plan(scheduledPlan, OnceAt(roundTime), drill.Region))).EnsureSuccessStatusCode();

        var (workload, aThirdDone) = drill.Start(caller, concurrency: 6, pause: TimeSpan.FromMilliseconds(100));
        await aThirdDone;
        long finished;
        await cluster.RunAsync("kill", "2");
        var killedAt = Stopwatch.GetTimestamp();
        var killedAtClock = DateTimeOffset.UtcNow;
        try
        {
            output.WriteLine($"killed silo 2 (SIGKILL) after a third of {total} transitions");
            await workload;
            finished = Stopwatch.GetTimestamp();
        }
        finally
        {
            await cluster.RunAsync("start", "2");
        }

        // Recovery: for every task under way at the kill (started, not finished), how long until it moved again.
        var underWay = caller.Answered.Values.Where(times => times.Any(t => t <= killedAt) && times.Count(t => t <= killedAt) < TaskDrill.Steps).ToArray();
        var recovery = underWay.Select(times => Stopwatch.GetElapsedTime(killedAt, times.Where(t => t > killedAt).DefaultIfEmpty(killedAt).Min())).DefaultIfEmpty().Max();
        var outcome = await drill.SettledAsync();
        var draw = await DrawScenario.WaitForAsync(boss, RoundCommitter.DrawId(scheduledPlan, 1), s => s.GetProperty("step").GetString() == "drawn", seconds: 120);
        var draws = DrawScenario.Steps(draw, "draw").Select(s => s.GetProperty("outcome").GetString()).ToArray();
        var commits = DrawScenario.Steps(draw, "commit").Select(s => s.GetProperty("outcome").GetString()).ToArray();
        var committers = DrawScenario.Steps(draw, "commit").Select(s => s.GetProperty("by").GetString()).Distinct().ToArray();

        output.WriteLine($"tasks: {drill.TaskIds.Count}; transitions: {total}, the last {Stopwatch.GetElapsedTime(killedAt, finished).TotalSeconds:F1} s after the kill; kills: 1");
        output.WriteLine($"calls: {caller.Calls}, retries: {caller.Retries} ({caller.Unreachable} found no silo, {caller.Unavailable} answered 502/503/504), retries answered as already done: {caller.Repeats}");
        output.WriteLine($"recovery: every one of the {underWay.Length} tasks under way at the kill moved again {recovery.TotalSeconds:F1} s after the kill; longest wait for one request {caller.LongestWait.TotalSeconds:F1} s");
        output.WriteLine($"events sent: {outcome.Tasks.Values.Sum(t => t.Version)} (task versions), received in the audit trail: {outcome.EventsAudited}; published on the board: {outcome.PublishedOnBoard}");
        output.WriteLine($"scheduled round {scheduledPlan}:R1, due {(roundTime - killedAtClock).TotalSeconds:F1} s after the kill: commit fired by {string.Join(", ", committers)}, outcomes: {string.Join(", ", commits)}; draw outcomes: {string.Join(", ", draws)}");

        AllPublishedOnce(drill, outcome);
        // A trigger whose job failed mid-way (its silo died, or a grain it called was on the dead silo) is fired again:
        // the commit and the draw take effect once, and any further fire is recorded as a repeat.
        committers.Should().Equal(["scheduler"]);
        commits.Count(c => c == "done").Should().Be(1, "the round is committed once");
        draws.Count(d => d == "done").Should().Be(1, "one draw is made, whichever silo fired");
        await VerifyAuditAsync(drill.Supervisor);
    }

    [Fact]
    public async Task PostgreSQL_stopped_mid_run_gives_retryable_503s_and_work_resumes_with_nothing_lost_or_corrupted()
    {
        var (drill, caller) = await PreparedAsync("PG", "632600", enterprises: 24);
        using var _ = caller;
        var total = drill.Transitions;
        var (workload, aThirdDone) = drill.Start(caller, concurrency: 6, pause: TimeSpan.FromMilliseconds(50));
        await aThirdDone;
        var watch = Stopwatch.StartNew();
        await cluster.WhileStoppedAsync("postgres", async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            using var silo = cluster.Http(1);
            var health = await silo.GetAsync("/health");
            ((int)health.StatusCode).Should().Be(503, "the silo says it cannot reach PostgreSQL");
        });

        var outage = watch.Elapsed;
        await workload;
        var outcome = await drill.SettledAsync();

        output.WriteLine($"tasks: {drill.TaskIds.Count}; transitions: {total}; PostgreSQL down for {outage.TotalSeconds:F1} s (stopped, then started)");
        output.WriteLine($"calls: {caller.Calls}, retries: {caller.Retries} ({caller.Unavailable} answered 502/503/504, {caller.WithoutRetryAfter} of them without Retry-After; {caller.Unreachable} unreachable), retries answered as already done: {caller.Repeats}");
        output.WriteLine($"events sent: {outcome.Tasks.Values.Sum(t => t.Version)}, received in the audit trail: {outcome.EventsAudited}; published on the board: {outcome.PublishedOnBoard}");

        caller.Unavailable.Should().BePositive("requests made while PostgreSQL was down are refused with 503");
        caller.WithoutRetryAfter.Should().Be(0, "every 503 says when to retry");
        AllPublishedOnce(drill, outcome);
        await VerifyAuditAsync(drill.Supervisor);
    }

    /// <summary>
    /// The bad day nobody drilled: PostgreSQL down for a minute, three times the consumers' retry budget (20 s here),
    /// while events flow. The consumers give up on what they were writing; those messages are kept (the error pipe waits
    /// for the store), then redelivered by the silos themselves once the store and the bus are healthy again.
    /// </summary>
    [Fact]
    public async Task PostgreSQL_down_longer_than_the_retry_budget_strands_no_event_and_leaves_nothing_faulted()
    {
        var (drill, caller) = await PreparedAsync("LONG", "632300", enterprises: 24);
        using var _ = caller;
        using var admin = cluster.Http(1, cluster.AdminToken);
        var keptBefore = (await FaultsAsync(admin)).GetProperty("faults").GetArrayLength();
        var total = drill.Transitions;
        var (workload, aThirdDone) = drill.Start(caller, concurrency: 12, pause: TimeSpan.Zero);
        await aThirdDone;

        // A consumer caught mid-write is what this drill is about. Left to chance, the read-model consumer (a few
        // milliseconds a message) was often between messages when PostgreSQL stopped: hold its table for two seconds
        // first, so the events of those seconds are being written, waiting on the lock, when the store goes away.
        // Not from the pool: an earlier drill's outage may have left a pooled connection dead.
        var holder = new Npgsql.NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        var hold = await holder.BeginTransactionAsync();
        await using (var lockBoard = new Npgsql.NpgsqlCommand("LOCK TABLE task_board IN SHARE ROW EXCLUSIVE MODE", holder, hold))
        {
            await lockBoard.ExecuteNonQueryAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var watch = Stopwatch.StartNew();
        await cluster.WhileStoppedAsync("postgres", () => Task.Delay(TimeSpan.FromSeconds(60)));
        try
        {
            await holder.DisposeAsync();
        }
        catch (Exception)
        {
            // The stop ended its session; nothing to release.
        }

        var outage = watch.Elapsed;
        await workload;
        var outcome = await drill.SettledAsync(seconds: 300);

        // Nothing waits once the silos have redelivered what the outage faulted.
        JsonElement faults = default;
        for (var i = 0; i < 120; i++)
        {
            faults = await FaultsAsync(admin);
            if (faults.GetProperty("waiting").GetInt32() == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var kept = faults.GetProperty("faults").EnumerateArray().ToList();
        var keptNow = kept.Count - keptBefore;
        var fresh = kept.Take(keptNow).ToList();
        var automatic = fresh.Count(f => f.GetProperty("autoRedeliveredAt").ValueKind == JsonValueKind.String);
        output.WriteLine($"tasks: {drill.TaskIds.Count}; transitions: {total}; PostgreSQL down for {outage.TotalSeconds:F1} s against a retry budget of 20 s");
        output.WriteLine($"calls: {caller.Calls}, retries: {caller.Retries} ({caller.Unavailable} answered 502/503/504), retries answered as already done: {caller.Repeats}");
        output.WriteLine($"messages given up on and kept: {keptNow} ({string.Join(", ", fresh.GroupBy(f => f.GetProperty("endpoint").GetString()).Select(g => $"{g.Key} {g.Count()}"))}); redelivered automatically: {automatic}; still waiting: {faults.GetProperty("waiting").GetInt32()}");
        output.WriteLine($"events sent: {outcome.Tasks.Values.Sum(t => t.Version)} (task versions), received in the audit trail: {outcome.EventsAudited}; published on the board: {outcome.PublishedOnBoard}");

        keptNow.Should().BePositive("a consumer was writing when PostgreSQL stopped, and a minute outlasts its 20 s budget");
        automatic.Should().Be(keptNow, "every fault of the outage was transient and redelivered without an operator");
        faults.GetProperty("waiting").GetInt32().Should().Be(0, "nothing is left faulted");
        AllPublishedOnce(drill, outcome);
        await VerifyAuditAsync(drill.Supervisor);
    }

    private static async Task<JsonElement> FaultsAsync(HttpClient admin)
    {
        var response = await admin.GetAsync("/api/ops/errors?all=true&limit=1000");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task RabbitMQ_stopped_and_restarted_delivers_the_events_published_meanwhile()
    {
        var (drill, caller) = await PreparedAsync("MQ", "632700", enterprises: 36);
        using var _ = caller;
        var total = drill.Transitions;
        var before = await drill.AuditedAsync();
        var duringOutage = 0;
        var down = false;
        var (workload, aThirdDone) = drill.Start(caller, concurrency: 6, pause: TimeSpan.FromMilliseconds(200), onTransition: _ =>
        {
            if (Volatile.Read(ref down))
            {
                Interlocked.Increment(ref duringOutage);
            }
        });
        await aThirdDone;
        long auditedWhileDown = 0, auditedLater = 0;
        await cluster.WhileStoppedAsync("rabbitmq", async () =>
        {
            Volatile.Write(ref down, true);
            await Task.Delay(TimeSpan.FromSeconds(2));
            auditedWhileDown = await drill.AuditedAsync();
            await Task.Delay(TimeSpan.FromSeconds(6));
            auditedLater = await drill.AuditedAsync();
            Volatile.Write(ref down, false);
        });

        await workload;
        var watch = Stopwatch.StartNew();
        var outcome = await drill.SettledAsync(seconds: 600);

        output.WriteLine($"tasks: {drill.TaskIds.Count}; transitions: {total}; RabbitMQ stopped for 8 s; {duringOutage} transitions made while it was down");
        output.WriteLine($"audit trail: {before} events before the run, {auditedWhileDown} 2 s after the stop, {auditedLater} 6 s later without RabbitMQ, {outcome.EventsAudited} of {drill.TaskIds.Count * DrillOutcome.EventsPerTask} {watch.Elapsed.TotalSeconds:F1} s after the workload ended");
        output.WriteLine($"calls: {caller.Calls}, retries: {caller.Retries} ({caller.Unavailable} answered 502/503/504, {caller.Unreachable} unreachable)");

        duringOutage.Should().BePositive("the workload went on while the bus was down");
        auditedLater.Should().Be(auditedWhileDown, "nothing is delivered without the broker");
        AllPublishedOnce(drill, outcome);
    }

    [Fact]
    public async Task Events_stranded_in_the_outboxes_of_killed_silos_are_published_by_the_task_reminders_when_a_silo_is_back()
    {
        var (drill, caller) = await PreparedAsync("STRAND", "632500", enterprises: 16);
        using var _ = caller;
        await drill.RunAsync(caller, concurrency: 6, pause: TimeSpan.Zero, to: TaskDrill.Steps - 1);
        var strandedBefore = Stranded(await cluster.LogAsync(1));

        // With the broker gone, publication is stored but its event cannot leave; then both silos die with those grains
        // and their in-memory retry timers, and one comes back. Nobody calls the tasks again: only their reminders can
        // bring them back to publish.
        long killedAt;
        await cluster.RunAsync("rabbitmq", "stop");
        try
        {
            await drill.RunAsync(caller, concurrency: 6, pause: TimeSpan.Zero, from: TaskDrill.Steps);
            await cluster.RunAsync("kill", "2");
            await cluster.RunAsync("kill", "1");
            killedAt = Stopwatch.GetTimestamp();
        }
        finally
        {
            await cluster.RunAsync("rabbitmq", "start");
            await cluster.RunAsync("start", "1");
        }

        var expected = (long)drill.TaskIds.Count * DrillOutcome.EventsPerTask;
        long audited;
        try
        {
            var until = DateTimeOffset.UtcNow.AddMinutes(4);
            while ((audited = await drill.AuditedAsync()) < expected && DateTimeOffset.UtcNow < until)
            {
                await Task.Delay(1000);
            }
        }
        finally
        {
            await cluster.RunAsync("start", "2");
        }

        var delivered = Stopwatch.GetElapsedTime(killedAt);
        var byReminder = Stranded(await cluster.LogAsync(1)) - strandedBefore;
        var outcome = await drill.SettledAsync();
        output.WriteLine($"tasks: {drill.TaskIds.Count}; published while RabbitMQ was stopped; both silos killed, silo 1 started again; kills: 2");
        output.WriteLine($"events: {expected} expected, {audited} in the audit trail {delivered.TotalSeconds:F0} s after the kills; {byReminder} tasks brought back on silo 1 with events in their outbox (by their reminders: nothing else called them)");

        audited.Should().Be(expected, "every stranded event is published once its task's reminder fires on the living silo");
        // At least once each: while silo 2's death and silo 1's return settle in the membership, Orleans may briefly
        // activate a task twice (one activation is then dropped), and each activation logs its stranded events.
        byReminder.Should().BeGreaterThanOrEqualTo(drill.TaskIds.Count, "every task was brought back by its reminder (nothing else called them)");
        AllPublishedOnce(drill, outcome);
    }

    /// <summary>A drill of its own (enterprises in <paramref name="region"/>, drawn), and a client of both silos to drive it.</summary>
    private async Task<(TaskDrill Drill, DrillCaller Caller)> PreparedAsync(string name, string region, int enterprises)
    {
        var drill = new TaskDrill(cluster, name, region);
        await drill.PrepareAsync(enterprises);
        return (drill, new DrillCaller(cluster.Addresses));
    }

    /// <summary>
    /// Every task of the drill published, each at the version its steps make (no step applied twice: a retried step is
    /// answered, not redone), each event in the audit trail once, and every task published on the board.
    /// </summary>
    private static void AllPublishedOnce(TaskDrill drill, DrillOutcome outcome)
    {
        outcome.Tasks.Values.Should().OnlyContain(t => t.Stage == "Published", "every task completes");
        outcome.Tasks.Values.Should().OnlyContain(t => t.Version == DrillOutcome.EventsPerTask, "no transition is applied twice");
        outcome.Audited.Should().HaveCount(drill.TaskIds.Count);
        outcome.Audited.Values.Should().OnlyContain(a => a.Events == DrillOutcome.EventsPerTask && a.Versions == DrillOutcome.EventsPerTask, "every event reaches the audit trail once");
        outcome.PublishedOnBoard.Should().Be(drill.TaskIds.Count);
    }

    private static int Stranded(string log) => log.Split('\n').Count(l => l.Contains("events in its outbox not recorded as published", StringComparison.Ordinal));

    /// <summary>The whole deployment's audit chain checks out (<c>samples audit verify</c>, through the first silo).</summary>
    private async Task VerifyAuditAsync(string token)
    {
        using var text = new StringWriter();
        using var errors = new StringWriter();
        var code = await SamplesCli.RunAsync(["audit", "verify", "--api", cluster.Addresses[0].ToString(), "--token", token, "--config", "/nonexistent/samples.json"], text, errors);
        output.WriteLine($"samples audit verify: {text.ToString().Trim().Split('\n')[^1]}");
        code.Should().Be(0, $"the audit chain verifies: {text}{errors}");
    }

    /// <summary>A Quartz cron expression that fires once, at <paramref name="at"/> (whole seconds, China time).</summary>
    private static string OnceAt(DateTimeOffset at)
    {
        var china = at.ToOffset(TimeSpan.FromHours(8));
        return string.Create(CultureInfo.InvariantCulture, $"{china.Second} {china.Minute} {china.Hour} {china.Day} {china.Month} ? {china.Year}");
    }
}
