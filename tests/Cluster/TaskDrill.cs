using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Samples.Domain.Reference;
using Samples.Domain.Tests.Support;
using Samples.Tests.Api;

namespace Samples.Tests.Cluster;

/// <summary>
/// A drill's workload: a directory of lithium-carbonate enterprises, a plan that samples all of them, a draw, and each
/// drawn task taken by its own inspectors, lab and supervisor through sampling, a failed test, an objection, a re-test
/// and publication (13 transitions after the draw's assignment), over HTTP, a few tasks at a time.
/// </summary>
public sealed class TaskDrill
{
    /// <summary>Transitions a task makes after its assignment, on the path the drill takes.</summary>
    public const int Steps = 13;

    private readonly ClusterUnderTest cluster;
    private readonly Dictionary<string, string> tokens = [];
    private readonly Dictionary<string, string[]> teams = [];
    private readonly Dictionary<string, string> batchOf = [];
    private readonly string prefix;
    private string supervisor = string.Empty;

    /// <summary>A drill of its own: its enterprises are in <paramref name="region"/>, which its plans alone draw from.</summary>
    public TaskDrill(ClusterUnderTest cluster, string name, string region)
    {
        this.cluster = cluster;
        Region = region;
        prefix = $"{name}-{Guid.NewGuid().ToString("N")[..6]}".ToUpperInvariant();
    }

    public string PlanId => prefix;

    /// <summary>Transitions the drill's tasks make from their assignment to publication.</summary>
    public int Transitions => TaskIds.Count * Steps;

    public string Region { get; }

    public IReadOnlyList<string> TaskIds { get; private set; } = [];

    public string Supervisor => supervisor;

    /// <summary>Sets up <paramref name="enterprises"/> enterprises, the people, the plan, and draws its first round: one task per enterprise.</summary>
    public async Task PrepareAsync(int enterprises)
    {
        using var admin = cluster.Http(1, cluster.AdminToken);
        supervisor = await TaskScenario.CredentialAsync(admin, "监督员", "supervisor", null);
        using var boss = cluster.Http(1, supervisor);
        for (var i = 0; i < enterprises; i++)
        {
            var created = await boss.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = $"演练锂盐{i}", regionCode = Region, categories = new[] { DrawScenario.Category }, riskClass = i % 2 == 0 ? "B" : "D" });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        for (var i = 0; i < 8; i++)
        {
            var id = $"{prefix}-I{i}";
            var body = new { name = $"检查员{i}", unit = i % 2 == 0 ? "海西州市场监督管理局" : "格尔木市市场监督管理局", regionCode = Region, qualifiedCategories = new[] { DrawScenario.Category }, maxOpenTasks = enterprises };
            (await boss.PutAsJsonAsync($"/api/inspectors/{id}", body)).EnsureSuccessStatusCode();
            tokens[id] = await TaskScenario.CredentialAsync(admin, $"检查员{i}", "inspector", id);
        }

        foreach (var lab in new[] { "LAB1", "LAB2" })
        {
            var id = $"{prefix}-{lab}";
            (await boss.PutAsJsonAsync($"/api/labs/{id}", new { name = lab, accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = TaskScenario.LithiumItems, mayRetest = true })).EnsureSuccessStatusCode();
            tokens[id] = await TaskScenario.CredentialAsync(admin, lab, "lab", id);
        }

        (await boss.PutAsJsonAsync($"/api/plans/{prefix}", Plan(prefix, "0 0 9 1 12 ?", Region))).StatusCode.Should().Be(HttpStatusCode.Created);
        await DrawScenario.CommitAndDrawAsync(boss, prefix);
        var board = await TaskScenario.WaitForAsync(async () =>
            await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{prefix}/tasks") is var b && b.GetArrayLength() == enterprises ? b : (JsonElement?)null);
        TaskIds = board.EnumerateArray().Select(r => r.GetProperty("taskId").GetString()!).Order(StringComparer.Ordinal).ToArray();
        foreach (var row in board.EnumerateArray())
        {
            var taskId = row.GetProperty("taskId").GetString()!;
            var uscc = row.GetProperty("uscc").GetString()!;
            teams[taskId] = row.GetProperty("team").EnumerateArray().Select(x => x.GetString()!).ToArray();
            batchOf[taskId] = $"{prefix}-B{batchOf.Count}";
            (await boss.PutAsJsonAsync($"/api/batches/{batchOf[taskId]}", new { enterpriseUscc = uscc, producerUscc = uscc, category = DrawScenario.Category, productName = "电池级碳酸锂", standard = "YS/T 582-2013", batchNumber = "20261101" })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// A plan of one round, on the given cron schedule, that samples every enterprise of the region; a department of its
    /// own, named after the plan (a department has one plan a year).
    /// </summary>
    public static object Plan(string planId, string schedule, string region) => new
    {
        year = 2026, department = $"{DrawScenario.Department}（{planId}）", categories = new[] { DrawScenario.Category }, regions = new[] { region },
        quotas = new { ratioByRiskClass = new Dictionary<string, decimal> { ["B"] = 1m, ["D"] = 1m }, allKeyItemsAtClassD = false },
        goalBatches = 10, roundSchedule = schedule, rounds = 1,
    };

    /// <summary>
    /// Drives every task through steps <paramref name="from"/> to <paramref name="to"/> (1 to <see cref="Steps"/>: to
    /// publication), <paramref name="concurrency"/> tasks at a time, pausing <paramref name="pause"/> between a task's steps.
    /// </summary>
    public async Task RunAsync(DrillCaller caller, int concurrency, TimeSpan pause, Action<int>? onTransition = null, int from = 1, int to = Steps)
    {
        var done = 0;
        tokens[Boss] = supervisor;
        await Parallel.ForEachAsync(TaskIds, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (taskId, _) =>
        {
            var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";
            foreach (var (step, who, action, body) in StepsOf(taskId).Where(s => s.Step >= from && s.Step <= to))
            {
                await caller.PostAsync(tokens[who], $"{path}/{action}", body, $"{taskId}/{step}", stream: taskId);
                onTransition?.Invoke(Interlocked.Increment(ref done));
                await Task.Delay(pause, CancellationToken.None);
            }
        });
    }

    /// <summary>
    /// Starts <see cref="RunAsync"/> to publication and says when a third of its transitions are done (the moment the
    /// drills inject their fault), as a <see cref="Stopwatch"/> timestamp.
    /// </summary>
    public (Task Workload, Task<long> AThirdDone) Start(DrillCaller caller, int concurrency, TimeSpan pause, Action<int>? onTransition = null)
    {
        var third = Transitions / 3;
        var mark = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workload = RunAsync(caller, concurrency, pause, n =>
        {
            onTransition?.Invoke(n);
            if (n == third)
            {
                mark.TrySetResult(Stopwatch.GetTimestamp());
            }
        });
        return (workload, mark.Task.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    /// <summary>A task's steps as its people take them: a failed test, an objection, a passing re-test, publication.</summary>
    private IEnumerable<(int Step, string Who, string Action, object Body)> StepsOf(string taskId)
    {
        var team = teams[taskId];
        var (lab1, lab2) = ($"{prefix}-LAB1", $"{prefix}-LAB2");
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        yield return (1, team[0], "accept", new { });
        yield return (2, team[1], "accept", new { });
        yield return (3, team[0], "record-sampling", new { batchId = batchOf[taskId], testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1", "QH-2" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        yield return (4, team[1], "hand-over", new { labId = lab1 });
        yield return (5, lab1, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1", "QH-2" } });
        yield return (6, lab1, "post-results", new { items = TaskScenario.LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.40m : 0.0001m }).ToArray() });
        yield return (7, lab1, "issue-report", new { reportNumber = $"{taskId}-R" });
        yield return (8, Boss, "notify-enterprise", new { receivedOn = today });
        yield return (9, Boss, "file-objection", new { filedOn = today, items = new[] { "li2co3" }, reason = "检验方法有误" });
        yield return (10, Boss, "assign-retest", new { labId = lab2 });
        yield return (11, lab2, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-2" } });
        yield return (12, lab2, "post-results", new { items = new[] { new { item = "li2co3", kind = "value", value = 99.60m } } });
        yield return (Steps, Boss, "publish", new { });
    }

    /// <summary>What the store says of the drill's tasks: each task's stage and version, and its events in the audit trail.</summary>
    public async Task<DrillOutcome> OutcomeAsync()
    {
        await using var db = NpgsqlDataSource.Create(cluster.ConnectionString);
        var stages = new Dictionary<string, (string Stage, int Version)>();
        using var boss = cluster.Http(1, supervisor);
        foreach (var id in TaskIds)
        {
            var task = await boss.GetFromJsonAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(id)}");
            stages[id] = (task.GetProperty("stage").GetString()!, task.GetProperty("version").GetInt32());
        }

        var audited = new Dictionary<string, (long Events, long Versions)>();
        await using (var command = db.CreateCommand("SELECT stream, count(*), count(DISTINCT version) FROM audit_trail WHERE stream = ANY($1) GROUP BY stream"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = TaskIds.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                audited[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        long published;
        await using (var command = db.CreateCommand("SELECT count(*) FROM task_board WHERE plan_id = $1 AND stage = 'Published'"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = prefix });
            published = (long)(await command.ExecuteScalarAsync())!;
        }

        return new DrillOutcome(stages, audited, published);
    }

    /// <summary>How many of the drill's events the audit trail holds (read from PostgreSQL only, so it answers during a bus outage).</summary>
    public async Task<long> AuditedAsync()
    {
        await using var db = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var command = db.CreateCommand("SELECT count(*) FROM audit_trail WHERE stream = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = TaskIds.ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Polls until every task's events are in the audit trail and on the board (at most <paramref name="seconds"/>).</summary>
    public async Task<DrillOutcome> SettledAsync(int seconds = 120)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var outcome = await OutcomeAsync();
            if (outcome.Settled(TaskIds.Count) || watch.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                return outcome;
            }

            await Task.Delay(500);
        }
    }

    private const string Boss = "boss";
}

/// <summary>The drill's tasks as stored: stage and version per task; audit-trail events (and distinct versions) per task; tasks published on the board.</summary>
public sealed record DrillOutcome(
    IReadOnlyDictionary<string, (string Stage, int Version)> Tasks,
    IReadOnlyDictionary<string, (long Events, long Versions)> Audited,
    long PublishedOnBoard)
{
    /// <summary>Events a drill task makes: its assignment and the drill's steps.</summary>
    public const int EventsPerTask = TaskDrill.Steps + 1;

    public long EventsAudited => Audited.Values.Sum(a => a.Events);

    public bool Settled(int tasks) => PublishedOnBoard == tasks && EventsAudited == (long)tasks * EventsPerTask;
}
