using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Domain.Operations;
using Samples.Grains.Tasks;

namespace Samples.Silo.Operations;

/// <summary>
/// The reconciliation check: each sampling task grain's version against the task board and the audit trail, each draw
/// grain's audit chain against the trail (<see cref="Reconciliation"/> decides). Ids come from the grains' stored state
/// and from the read models, so a grain whose board row is gone and a row whose grain is gone are both seen. Repair
/// publishes the grain's events again through the same sink the grains use; the consumers skip what they have.
/// </summary>
public sealed partial class ReconcileService(
    NpgsqlDataSource database, IOptions<ClusterOptions> cluster, IGrainFactory grains, ITaskEventSink events, ILogger<ReconcileService> logger)
{
    /// <summary>Grains asked at once: enough to keep the silo busy, few enough not to crowd out the people using it.</summary>
    private const int Parallel = 16;

    private string ServiceId => cluster.Value.ServiceId;

    public async Task<ReconcileReport> RunAsync(bool repair, CancellationToken ct)
    {
        var audited = await AuditedAsync(ct);
        var board = await BoardAsync(ct);
        var taskIds = (await StoredAsync("task", ct)).Union(board.Keys).Union(audited.Keys.Where(IsTask)).ToHashSet(StringComparer.Ordinal);
        var drawIds = (await StoredAsync("draw", ct)).Union(audited.Keys.Where(IsDraw)).ToHashSet(StringComparer.Ordinal);

        var tasks = new Dictionary<string, TaskView?>(StringComparer.Ordinal);
        await ForEachAsync(taskIds, async id =>
        {
            var view = await grains.GetGrain<ISamplingTaskGrain>(id).GetAsync();
            lock (tasks)
            {
                tasks[id] = view;
            }
        }, ct);
        var draws = new Dictionary<string, int>(StringComparer.Ordinal);
        await ForEachAsync(drawIds, async id =>
        {
            var version = await grains.GetGrain<IDrawGrain>(id).GetAuditVersionAsync();
            lock (draws)
            {
                draws[id] = version;
            }
        }, ct);

        IReadOnlyCollection<int> Audited(string id) => audited.TryGetValue(id, out var v) ? v : [];
        var taskLags = Reconciliation.Compare(
            tasks.Select(t => new StreamVersions(t.Key, t.Value?.Version ?? 0, board.TryGetValue(t.Key, out var b) ? b : null, Audited(t.Key))), hasBoard: true);
        var drawLags = Reconciliation.Compare(draws.Select(d => new StreamVersions(d.Key, d.Value, null, Audited(d.Key))), hasBoard: false);

        var repaired = new List<string>();
        if (repair)
        {
            foreach (var lag in taskLags.Where(l => l.Repairable))
            {
                await events.PublishAsync(Events(tasks[lag.Id]!, lag), ct);
                repaired.Add(lag.Id);
            }

            foreach (var lag in drawLags.Where(l => l.Repairable))
            {
                // A draw keeps the entries of the steps audited since it began keeping them: older ones cannot be sent again.
                var kept = await grains.GetGrain<IDrawGrain>(lag.Id).RepublishAuditAsync();
                if (kept >= lag.MissingAudit.Count && kept > 0)
                {
                    repaired.Add(lag.Id);
                }
            }

            LogRepaired(logger, repaired.Count, taskLags.Count + drawLags.Count);
        }

        var behind = taskLags.Select(l => Row("task", l)).Concat(drawLags.Select(l => Row("draw", l))).ToList();
        return new ReconcileReport(tasks.Count + draws.Count, behind.Count(b => !b.Ahead), repaired.Count, behind.Count(b => b.Ahead), behind);

        ReconcileRow Row(string kind, StreamLag l) =>
            new(kind, l.Id, l.GrainVersion, l.BoardVersion, l.BoardBehind, l.MissingAudit, l.Ahead, repaired.Contains(l.Id));
    }

    /// <summary>
    /// The events that bring a task's read models level: the newest change (for the board) and each change the trail
    /// lacks, with its own history entry (the audit trail records entries; the board keeps only the newest version).
    /// </summary>
    private static List<SamplingTaskChanged> Events(TaskView task, StreamLag lag)
    {
        var summary = TaskSummary.Of(task);
        var list = lag.MissingAudit
            .Select(v => task.History.FirstOrDefault(h => h.Version == v))
            .OfType<TaskHistoryEntry>()
            .Where(h => h.Version != task.Version)
            .Select(h => new SamplingTaskChanged($"{task.TaskId}#{h.Version}", h, summary))
            .ToList();
        list.Add(SamplingTaskChanged.Of(task));
        return list;
    }

    /// <summary>A trail stream is a draw's (<c>{plan}:R{round}</c>), the working calendar's, or else a task's.</summary>
    private static bool IsDraw(string stream) => DrawStream().IsMatch(stream);

    private static bool IsTask(string stream) => !IsDraw(stream) && stream != CalendarChangeRecorded.Stream;

    [System.Text.RegularExpressions.GeneratedRegex(@":R[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex DrawStream();

    private static async Task ForEachAsync(IEnumerable<string> ids, Func<string, Task> each, CancellationToken ct) =>
        await System.Threading.Tasks.Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (id, _) => await each(id));

    /// <summary>The keys of the grains of one state name (<c>task</c>, <c>draw</c>) stored for this deployment.</summary>
    private async Task<List<string>> StoredAsync(string stateName, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT grainidextensionstring FROM orleansstorage WHERE serviceid = $1 AND graintypestring = $2 AND payloadbinary IS NOT NULL AND grainidextensionstring IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private async Task<Dictionary<string, int>> BoardAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT task_id, version FROM task_board WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var board = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            board[reader.GetString(0)] = reader.GetInt32(1);
        }

        return board;
    }

    /// <summary>Each stream's recorded versions (the working calendar's stream is not a grain this check knows).</summary>
    private async Task<Dictionary<string, HashSet<int>>> AuditedAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT stream, version FROM audit_trail WHERE service_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var audited = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var stream = reader.GetString(0);
            if (!audited.TryGetValue(stream, out var versions))
            {
                audited[stream] = versions = [];
            }

            versions.Add(reader.GetInt32(1));
        }

        return audited;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: published again the events of {Repaired} of {Lagging} streams whose read models disagreed with their grains")]
    private static partial void LogRepaired(ILogger logger, int repaired, int lagging);
}

/// <summary>
/// The check's answer: streams checked, behind (read models lag; repairable), repaired (events published again; the
/// consumers apply them within moments), ahead (a read model beyond its grain: for a person), and each stream that disagrees.
/// </summary>
public sealed record ReconcileReport(int Checked, int Behind, int Repaired, int Ahead, IReadOnlyList<ReconcileRow> Streams);

/// <summary>One stream that disagrees: a task or a draw, its grain's version, the board's (tasks), the audit versions missing.</summary>
public sealed record ReconcileRow(string Kind, string Id, int GrainVersion, int? BoardVersion, bool BoardBehind, IReadOnlyList<int> MissingAudit, bool Ahead, bool Repaired);
