using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Tasks;
using Samples.Silo.Audit;
using Samples.Silo.Draws;
using Samples.Silo.Plans;
using Samples.Silo.Telemetry;

namespace Samples.Silo.Tasks;

/// <summary>
/// The one consumer of task events: a batch at a time, the board, the audit trail and the notifications in one
/// transaction (so they never disagree), then the draw supplements that declines and "cannot sample" call for and the
/// department's sampling history (each recorded sampling), and the public result of each task published. Every
/// part is idempotent, so a batch that fails is simply delivered again.
/// </summary>
public sealed class SamplingTasksChangedConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, DrawSupplements supplements, SamplingHistoryRecorder history,
    Publication.PublicResultRecorder publicResults)
    : IConsumer<Batch<SamplingTasksChanged>>
{
    public async Task Consume(ConsumeContext<Batch<SamplingTasksChanged>> context)
    {
        var ct = context.CancellationToken;
        var events = context.Message.SelectMany(m => m.Message.Events).ToArray();
        var serviceId = cluster.Value.ServiceId;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await TaskBoardWriter.WriteAsync(connection, transaction, serviceId, events, ct);
            await NotificationWriter.WriteAsync(connection, transaction, serviceId, events, ct);

            // Last, so the chain's lock is held only for the append and the commit: two batches overlap in everything else.
            await AuditTrailWriter.WriteAsync(connection, transaction, serviceId, events.Select(AuditTrailWriter.Of).ToArray(), ct);
            await transaction.CommitAsync(ct);
        }

        // The board, trail and notices are written: that is when a reader sees the change.
        WorkflowMetrics.Consumed("task-read-models", events.Select(e => e.Entry.At), DateTimeOffset.UtcNow);

        foreach (var e in events.Where(DrawSupplements.Concerns))
        {
            await supplements.HandleAsync(e);
        }

        foreach (var e in events.Where(SamplingHistoryRecorder.Concerns))
        {
            await history.HandleAsync(e);
        }

        foreach (var e in events.Where(Publication.PublicResultRecorder.Concerns))
        {
            await publicResults.HandleAsync(e, ct);
        }
    }
}
