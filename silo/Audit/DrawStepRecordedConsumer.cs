using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Draws;

namespace Samples.Silo.Audit;

/// <summary>Appends draw steps to the audit trail, beside task changes (a stream per draw); idempotent by event id.</summary>
public sealed class DrawStepRecordedConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<DrawStepRecorded>>
{
    public Task Consume(ConsumeContext<Batch<DrawStepRecorded>> context) =>
        AuditTrailWriter.AppendAsync(database, cluster.Value.ServiceId, [.. context.Message.Select(m => AuditTrailWriter.Of(m.Message))], context.CancellationToken);
}
