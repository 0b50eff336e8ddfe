using System.Threading.Channels;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;
using Samples.Grains.Reference;

namespace Samples.Silo.Tasks;

/// <summary>
/// After a working-calendar version is stored, asks every task whose deadline was flagged for lack of a year to count it
/// again (a few at a time, in the background, so the admin's request returns at once), and once more after every silo
/// has refreshed its calendar (a task changed meanwhile on another silo may have been counted with the old one). Should
/// this silo stop midway, nothing is lost: each open task's reminder counts its flagged deadlines too, and the same
/// request again (adding the same schedule) starts the recount again.
/// </summary>
public sealed partial class DeadlineRecount(TaskQueries queries, IGrainFactory grains, TimeProvider clock, ILogger<DeadlineRecount> logger) : BackgroundService
{
    private const int AtOnce = 8;
    private readonly Channel<int> requests = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a recount with the calendar of at least <paramref name="calendarRevision"/>.</summary>
    public void Request(int calendarRevision) => requests.Writer.TryWrite(calendarRevision);

    /// <summary>Counts the flagged deadlines of every task now; returns how many tasks got a date.</summary>
    public async Task<int> RecountAsync(int calendarRevision, CancellationToken ct)
    {
        var ids = await queries.FlaggedDeadlineTaskIdsAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var dated = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = ct }, async (id, _) =>
        {
            var task = await grains.GetGrain<ISamplingTaskGrain>(id).RecountDeadlinesAsync(calendarRevision, today);
            if (task is not null && task.Due?.Flag is null && task.PublicationDeadline?.Flag is null)
            {
                Interlocked.Increment(ref dated);
            }
        });
        LogRecounted(logger, ids.Count, dated, calendarRevision);
        return dated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var revision in requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RecountAsync(revision, stoppingToken);
                await Task.Delay(2 * WorkingCalendarCache.Refresh, clock, stoppingToken);
                await RecountAsync(revision, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, revision);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Working calendar revision {Revision}: {Tasks} tasks had flagged deadlines, {Dated} of them now have every date")]
    private static partial void LogRecounted(ILogger logger, int tasks, int dated, int revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recounting flagged deadlines for working calendar revision {Revision} stopped; each task's daily reminder counts them, or add the same schedule again to restart")]
    private static partial void LogFailed(ILogger logger, Exception ex, int revision);
}
