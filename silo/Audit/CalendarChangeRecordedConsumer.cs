using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Reference;

namespace Samples.Silo.Audit;

/// <summary>Appends working-calendar changes to the audit trail (the stream <c>working-calendar</c>); idempotent by event id.</summary>
public sealed class CalendarChangeRecordedConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<CalendarChangeRecorded>>
{
    public Task Consume(ConsumeContext<Batch<CalendarChangeRecorded>> context) =>
        AuditTrailWriter.AppendAsync(database, cluster.Value.ServiceId, [.. context.Message.Select(m => AuditTrailWriter.Of(m.Message))], context.CancellationToken);
}
