using System.Text.Json;
using MassTransit;
using Npgsql;
using Samples.Domain.Operations;

namespace Samples.Silo.Operations;

/// <summary>
/// The first filter of every receive endpoint's error pipe: a message its consumer gave up on (the retry budget spent) is
/// written to messaging_faults, then acknowledged; only when it cannot be written for good (a non-transient store error,
/// or the silo stopping) does it go on to MassTransit's own error transport (the <c>_error</c> queue).
/// <para>
/// Why here and not elsewhere (MassTransit 8.5): a fault observer (<c>IConsumeObserver.ConsumeFault</c>, <c>Fault&lt;T&gt;</c>
/// events) is told of a failure but cannot hold the message back, so a fault it fails to store (the store being what
/// failed) would be gone; <c>DiscardFaultedMessages</c> drops the message. The error pipe runs while the broker still holds
/// the message unacknowledged: waiting here until PostgreSQL answers keeps it in RabbitMQ's durable queue (redelivered to
/// another silo should this one die) and, on the in-memory transport, in the only place it exists. So both transports
/// record with retries, and nothing is acknowledged before it is in the table.
/// </para>
/// </summary>
public sealed partial class FaultKeepingFilter(FaultStore store, FaultWatch watch, TimeSpan retryBudget, IHostApplicationLifetime lifetime, ILogger<FaultKeepingFilter> logger)
    : IFilter<ExceptionReceiveContext>
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(15);

    private readonly int attempts = 1 + RetryBudget.Intervals(retryBudget).Count;

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!context.IsFaulted)
        {
            await context.NotifyFaulted(context.Exception);
        }

        var fault = Describe(context, retryBudget, attempts);
        var wait = FirstWait;

        // The silo stopping ends the wait too: the message then goes to the error queue rather than holding the stop up.
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        var ct = giveUp.Token;
        while (true)
        {
            try
            {
                await store.RecordAsync(fault, ct);
                watch.Changed();
                LogKept(logger, fault.MessageType, fault.Endpoint, fault.ExceptionType, fault.ExceptionMessage);
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && FaultTriage.IsTransient(Chain(ex)))
            {
                LogStoreDown(logger, fault.MessageType, fault.Endpoint, wait, ex.Message);
                try
                {
                    await Task.Delay(wait, ct);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                wait = wait * 2 < LongestWait ? wait * 2 : LongestWait;
            }
            catch (Exception ex)
            {
                LogNotKept(logger, ex, fault.MessageType, fault.Endpoint);
                break;
            }
        }

        // Not kept: MassTransit's error queue holds it (durable with RabbitMQ).
        await next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("samples-keep-fault");

    /// <summary>The message's id and type from its envelope (MassTransit's JSON), the endpoint's queue name, and the cause.</summary>
    public static FaultRecord Describe(ExceptionReceiveContext context, TimeSpan retryBudget, int attempts)
    {
        var body = context.Body.GetString();
        Guid? messageId = null;
        var messageType = "unknown";
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (envelope.RootElement.TryGetProperty("messageId", out var id) && id.TryGetGuid(out var parsed))
            {
                messageId = parsed;
            }

            if (envelope.RootElement.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array && types.GetArrayLength() > 0)
            {
                messageType = types[0].GetString() ?? messageType;
            }
        }
        catch (JsonException)
        {
            // Not an envelope MassTransit wrote: kept as it came, for an operator to read.
        }

        var last = context.ExceptionTimestamp is var at && at != default ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : DateTimeOffset.UtcNow;
        var exception = Innermost(context.Exception);
        return new FaultRecord(
            messageId ?? context.GetMessageId() ?? Guid.NewGuid(),
            messageType,
            QueueName(context.InputAddress),
            body,
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            FaultTriage.IsTransient(Chain(context.Exception)),
            // The retries ran inside the consumer's pipe, each after its wait: the first failure was a budget earlier.
            last - retryBudget,
            last,
            attempts);
    }

    /// <summary>The endpoint as its queue name (task-read-models), the same on every transport and host.</summary>
    public static string QueueName(Uri address) => address.AbsolutePath.Trim('/').Split('/')[^1];

    public static IReadOnlyList<FailureCause> Chain(Exception exception)
    {
        var chain = new List<FailureCause>();
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e) && chain.Count < 20)
        {
            chain.Add(new(e.GetType().FullName ?? e.GetType().Name, (e as PostgresException)?.SqlState));
            if (e is AggregateException aggregate)
            {
                aggregate.InnerExceptions.Reverse().ToList().ForEach(pending.Push);
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }

        return chain;
    }

    /// <summary>The exception that says what happened (a batch's or a wrapper's cause), for people to read.</summary>
    private static Exception Innermost(Exception exception)
    {
        var e = exception;
        while ((e is AggregateException { InnerExceptions.Count: 1 } || e.GetType().Namespace?.StartsWith("MassTransit", StringComparison.Ordinal) == true) && e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {MessageType} message was given up on at {Endpoint} ({ExceptionType}: {Reason}); kept in messaging_faults for redelivery")]
    private static partial void LogKept(ILogger logger, string messageType, string endpoint, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A faulted {MessageType} message from {Endpoint} cannot be kept yet (the store: {Reason}); trying again in {Wait}, the message stays unacknowledged")]
    private static partial void LogStoreDown(ILogger logger, string messageType, string endpoint, TimeSpan wait, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A faulted {MessageType} message from {Endpoint} could not be kept in messaging_faults; it goes to the endpoint's error queue")]
    private static partial void LogNotKept(ILogger logger, Exception ex, string messageType, string endpoint);
}
