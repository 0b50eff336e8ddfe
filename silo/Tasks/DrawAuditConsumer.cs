using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Draws;

namespace Samples.Silo.Tasks;

/// <summary>Appends draw steps to the audit trail, beside task changes (a stream per draw); idempotent by event id.</summary>
public sealed class DrawAuditConsumer(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IConsumer<Batch<DrawStepRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<DrawStepRecorded>> context)
    {
        var ct = context.CancellationToken;
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await AuditTrailWriter.WriteAsync(connection, transaction, cluster.Value.ServiceId, context.Message.Select(m => AuditTrailWriter.Of(m.Message)).ToArray(), ct);
        await transaction.CommitAsync(ct);
    }
}
