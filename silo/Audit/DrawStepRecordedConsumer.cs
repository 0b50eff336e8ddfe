using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Draws;
using Samples.Silo.Telemetry;

namespace Samples.Silo.Audit;

/// <summary>Appends draw steps to the audit trail, beside task changes (a stream per draw); idempotent by event id.</summary>
public sealed class DrawStepRecordedConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<DrawStepRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<DrawStepRecorded>> context)
    {
        await AuditTrailWriter.AppendAsync(database, cluster.Value.ServiceId, [.. context.Message.Select(m => AuditTrailWriter.Of(m.Message))], context.CancellationToken);
        WorkflowMetrics.Consumed("draw-audit", context.Message.Select(m => m.Message.Entry.At), DateTimeOffset.UtcNow);
    }
}
