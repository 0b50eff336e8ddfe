using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Domain.Reference;

namespace Samples.Silo.Telemetry;

/// <summary>
/// "samples.workflow.overdue": tasks past a running deadline or with a flagged one, counted on the task board (the read
/// model; an index-friendly count, not a scan of grains). A scrape reads the last count and, when it is older than
/// <see cref="MaxAge"/>, starts one refresh in the background: a scrape never waits for the database, and scraping
/// often costs at most one query a minute.
/// </summary>
public sealed partial class OverdueGauge : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly NpgsqlDataSource database;
    private readonly string serviceId;
    private readonly TimeProvider clock;
    private readonly ILogger<OverdueGauge> logger;
    private readonly Meter meter;
    private long count = -1;
    private DateTimeOffset readAt = DateTimeOffset.MinValue;
    private int refreshing;

    public OverdueGauge(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, TimeProvider clock, IMeterFactory meters, ILogger<OverdueGauge> logger)
    {
        this.database = database;
        serviceId = cluster.Value.ServiceId;
        this.clock = clock;
        this.logger = logger;
        // From the host's meter factory: the gauge goes with this host (a test process runs several).
        meter = meters.Create(WorkflowMetrics.MeterName);
        meter.CreateObservableGauge("samples.workflow.overdue", Observe, "{task}",
            "Tasks past a running deadline or with a flagged deadline, from the task board (refreshed at most once a minute)");
    }

    /// <summary>The count as last read (none until the first read finished).</summary>
    public long? Current => Interlocked.Read(ref count) is var n and >= 0 ? n : null;

    public void Dispose() => meter.Dispose();

    /// <summary>Reads the count now (the first scrape's refresh, and tests).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*) FROM task_board WHERE service_id = $1 AND (due_on < $2 OR due_flag IS NOT NULL)");
        command.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = ChinaTime.DateOf(clock.GetUtcNow()) });
        var read = (long)(await command.ExecuteScalarAsync(ct))!;
        Interlocked.Exchange(ref count, read);
        readAt = clock.GetUtcNow();
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        if (clock.GetUtcNow() - readAt > MaxAge && Interlocked.Exchange(ref refreshing, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await RefreshAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    // The database is away: the gauge shows the last count (or none) and the next scrape tries again.
                    LogRefreshFailed(logger, ex);
                }
                finally
                {
                    Volatile.Write(ref refreshing, 0);
                }
            });
        }

        return Current is { } n ? [new Measurement<long>(n)] : [];
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The overdue gauge could not read the task board")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex);
}
