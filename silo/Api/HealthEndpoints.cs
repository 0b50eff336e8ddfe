using System.Diagnostics;
using System.Security.Claims;
using System.Text.Json.Serialization;
using MassTransit;
using Npgsql;
using Orleans.Runtime;
using Quartz;
using Samples.Contracts.Access;
using Samples.Domain.Reference;
using Samples.Grains.Reference;
using Samples.Silo.Hosting;
using Samples.Silo.Operations;

namespace Samples.Silo.Api;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", CheckAsync).AllowAnonymous().Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// 200 when this silo is active, PostgreSQL answers, the bus and the scheduler run; 503 otherwise. Anyone (a load
    /// balancer) gets the status alone; an admin gets what is wrong, with the cluster id, service id and silo addresses,
    /// which are what an Orleans client needs to find the cluster and so are not for strangers.
    /// </summary>
    private static async Task<IResult> CheckAsync(
        ClaimsPrincipal user,
        SamplesSettings settings,
        ILocalSiloDetails silo,
        IClusterMembershipService membership,
        IBusControl bus,
        ISchedulerFactory schedulers,
        WorkingCalendarCache calendars,
        TimeProvider clock,
        FaultWatch faults,
        CancellationToken cancellationToken)
    {
        var postgres = await ProbePostgresAsync(settings.ConnectionString, cancellationToken);
        var snapshot = membership.CurrentSnapshot;
        var members = snapshot.Members.Values
            .Select(m => new MemberHealth(m.SiloAddress.ToString(), m.Name, m.Status.ToString()))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToArray();
        var siloStatus = snapshot.GetSiloStatus(silo.SiloAddress);
        var busHealth = bus.CheckHealth();
        var messaging = new MessagingHealth(settings.Transport.ToString(), busHealth.Status.ToString(), busHealth.Description);
        var scheduling = await ProbeSchedulerAsync(schedulers, cancellationToken);
        var healthy = postgres.Reachable && siloStatus == SiloStatus.Active
            && busHealth.Status == BusHealthStatus.Healthy && scheduling.Running;
        var code = healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!user.IsInRole(Role.Admin))
        {
            return Results.Json(new HealthReport(healthy ? "healthy" : "unhealthy"), statusCode: code);
        }

        var report = new HealthReport(
            healthy ? "healthy" : "unhealthy",
            new SiloHealth(silo.SiloAddress.ToString(), silo.Name, siloStatus.ToString(), settings.ClusterId, settings.ServiceId),
            postgres,
            new ClusterHealth(members.Count(m => m.Status == nameof(SiloStatus.Active)), snapshot.Version.Value, members),
            messaging,
            scheduling,
            [.. await WarningsAsync(calendars, clock), .. faults.Warning() is { } faulted ? [faulted] : Array.Empty<string>()]);
        return Results.Json(report, statusCode: code);
    }

    /// <summary>What an operator should act on soon without the silo being unhealthy: a working-calendar year missing.</summary>
    private static async Task<string[]> WarningsAsync(WorkingCalendarCache calendars, TimeProvider clock)
    {
        try
        {
            var calendar = await calendars.CurrentAsync();
            return CalendarCoverage.Notice(calendar.KnownYears, ChinaTime.DateOf(clock.GetUtcNow())) is { } notice ? [notice] : [];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Health answers whatever fails behind it (the store, the cluster): a warning, never a 500.
            return [$"the working calendar could not be read: {ex.Message}"];
        }
    }

    private static async Task<SchedulingHealth> ProbeSchedulerAsync(ISchedulerFactory schedulers, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var meta = await scheduler.GetMetadata(cancellationToken);
        return new SchedulingHealth(
            meta.Status == SchedulerStatus.Running,
            meta.Status.ToString(),
            meta.SchedulerInstanceId,
            meta.JobStoreTypeName,
            meta.JobStorePersistent,
            meta.JobStoreClustered);
    }

    private static async Task<PostgresHealth> ProbePostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return new PostgresHealth(true, watch.Elapsed.TotalMilliseconds, null);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return new PostgresHealth(false, watch.Elapsed.TotalMilliseconds, ex.Message);
        }
    }
}

/// <summary>What /health answers: the status for anyone; the rest (null, left out of the JSON) for admins only.</summary>
public sealed record HealthReport(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SiloHealth? Silo = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PostgresHealth? Postgres = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ClusterHealth? Cluster = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MessagingHealth? Messaging = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SchedulingHealth? Scheduling = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

public sealed record MessagingHealth(string Transport, string Status, string Description);

public sealed record SchedulingHealth(bool Running, string Status, string InstanceId, string JobStore, bool Persistent, bool Clustered);

public sealed record SiloHealth(string Address, string Name, string Status, string ClusterId, string ServiceId);

public sealed record PostgresHealth(bool Reachable, double LatencyMs, string? Error);

public sealed record ClusterHealth(int ActiveSilos, long MembershipVersion, IReadOnlyList<MemberHealth> Members);

public sealed record MemberHealth(string Address, string Name, string Status);
