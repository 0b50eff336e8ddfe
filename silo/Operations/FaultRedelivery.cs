using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Samples.Contracts.Draws;
using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Silo.Audit;

namespace Samples.Silo.Operations;

public enum RedeliveryOutcome
{
    Redelivered,
    AlreadyRedelivered,
    NotFound,
    Unknown,
    BusDown,
}

public sealed record RedeliveryAnswer(RedeliveryOutcome Outcome, MessagingFault? Fault, string? Problem = null);

/// <summary>
/// Sends a kept fault's message again to the endpoint that gave up on it (its queue, so no other consumer sees it twice),
/// with its own message id, marks the row with when and by whom and appends that to the audit trail, all or nothing:
/// the mark is committed only after the send, so a failed send leaves it waiting; a send whose commit failed is sent again
/// later, which the consumers (idempotent per event id) take once.
/// </summary>
public sealed class FaultRedelivery(FaultStore store, FaultWatch watch, IBusControl bus, TimeProvider clock)
{
    /// <summary>The messages a consumer of this silo takes: only these can be read back and sent again.</summary>
    private static readonly Dictionary<string, Type> Known = new[] { typeof(SamplingTasksChanged), typeof(DrawStepRecorded), typeof(CalendarChangeRecorded) }
        .ToDictionary(t => MessageUrn.ForTypeString(t), t => t, StringComparer.Ordinal);

    public static string AuditStream(long id) => $"messaging-fault/{id}";

    public async Task<RedeliveryAnswer> RedeliverAsync(long id, string by, bool automatic, CancellationToken ct)
    {
        var fault = await store.FindAsync(id, ct);
        if (fault is null)
        {
            return new(RedeliveryOutcome.NotFound, null);
        }

        if (!fault.Waiting)
        {
            return new(RedeliveryOutcome.AlreadyRedelivered, fault);
        }

        if (!Known.TryGetValue(fault.MessageType, out var type) || await store.BodyAsync(id, ct) is not { } body || Message(body, type) is not { } message)
        {
            return new(RedeliveryOutcome.Unknown, fault, $"a {fault.MessageType} message cannot be read back by this build; see its body in messaging_faults");
        }

        if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
        {
            return new(RedeliveryOutcome.BusDown, fault, "the message bus is not healthy; redeliver once /health shows it healthy");
        }

        var now = clock.GetUtcNow();
        await using var connection = await store.Database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await store.MarkRedeliveredAsync(connection, transaction, id, by, now, automatic, ct) is not { } redeliveries)
        {
            return new(RedeliveryOutcome.AlreadyRedelivered, await store.FindAsync(id, ct));
        }

        await StreamAppender.AppendAsync(connection, transaction, store.Service, AuditStream(id), redeliveries, now, by,
            automatic ? "redeliver-automatically" : "redeliver",
            $"{fault.MessageType} {fault.MessageId} to {fault.Endpoint}, faulted {fault.Faults}x ({fault.ExceptionType}: {fault.ExceptionMessage})", ct);
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{fault.Endpoint}"));
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(Tasks.TaskEventPublisher.PublishTimeout);
            await endpoint.Send(message, type, Pipe.Execute<SendContext>(c => c.MessageId = fault.MessageId), timeout.Token);
        }

        await transaction.CommitAsync(ct);
        watch.Changed();
        return new(RedeliveryOutcome.Redelivered, await store.FindAsync(id, ct));
    }

    /// <summary>The message inside MassTransit's JSON envelope, or null when the body is not one.</summary>
    private static object? Message(string body, Type type)
    {
        try
        {
            using var envelope = JsonDocument.Parse(body);
            return envelope.RootElement.TryGetProperty("message", out var message)
                ? message.Deserialize(type, SystemTextJsonMessageSerializer.Options)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
