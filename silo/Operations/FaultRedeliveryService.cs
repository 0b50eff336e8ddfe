using MassTransit;
using Samples.Domain.Operations;

namespace Samples.Silo.Operations;

/// <summary>
/// Counts what waits (for the gauge and /health) and, once the store and the bus are both seen healthy after being
/// otherwise (or at start), redelivers what faulted from a transient cause before that moment, each at most once per
/// recovery (<see cref="FaultTriage.ShouldRedeliverAutomatically"/>). Every silo runs it; the row's mark, taken in a
/// transaction, lets one of them send each message.
/// </summary>
public sealed partial class FaultRedeliveryService(FaultStore store, FaultRedelivery redelivery, FaultWatch watch, IBusControl bus, TimeProvider clock,
    ILogger<FaultRedeliveryService> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    public const string Actor = "系统自动重投 / automatic redelivery after recovery";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? healthySince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await watch.WaitAsync(Every, stoppingToken);
                if (bus.CheckHealth().Status != BusHealthStatus.Healthy)
                {
                    healthySince = null;
                    continue;
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                var waiting = await store.ListAsync(all: false, limit: 1000, timeout.Token);
                healthySince ??= clock.GetUtcNow();
                watch.Counted((await store.CountWaitingAsync(timeout.Token)).Sum(c => c.Count));
                foreach (var fault in waiting.Where(f => FaultTriage.ShouldRedeliverAutomatically(f.Facts, healthySince.Value)).OrderBy(f => f.Id))
                {
                    var answer = await redelivery.RedeliverAsync(fault.Id, Actor, automatic: true, timeout.Token);
                    LogRedelivered(logger, fault.Id, fault.MessageType, fault.Endpoint, answer.Outcome);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store (or the bus) did not answer: a recovery starts when both next do.
                healthySince = null;
                LogUnavailable(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Faulted message {Id} ({MessageType} at {Endpoint}) redelivered automatically after recovery: {Outcome}")]
    private static partial void LogRedelivered(ILogger logger, long id, string messageType, string endpoint, RedeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Faulted messages not checked: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
