using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;

namespace Samples.Silo.Audit;

/// <summary>Appends draw steps to the audit trail, beside task changes (a stream per draw); idempotent by event id.</summary>
public sealed class DrawAuditConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<DrawStepRecorded>>
{
    public Task Consume(ConsumeContext<Batch<DrawStepRecorded>> context) =>
        AuditTrailWriter.AppendAsync(database, cluster.Value.ServiceId, [.. context.Message.Select(m => AuditTrailWriter.Of(m.Message))], context.CancellationToken);
}

/// <summary>Appends working-calendar changes to the audit trail (the stream <c>working-calendar</c>); idempotent by event id.</summary>
public sealed class CalendarAuditConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<CalendarChangeRecorded>>
{
    public Task Consume(ConsumeContext<Batch<CalendarChangeRecorded>> context) =>
        AuditTrailWriter.AppendAsync(database, cluster.Value.ServiceId, [.. context.Message.Select(m => AuditTrailWriter.Of(m.Message))], context.CancellationToken);
}
