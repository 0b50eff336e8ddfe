using System.Diagnostics;
using Npgsql;
using Orleans.Runtime;
using Samples.Silo.Hosting;

namespace Samples.Silo.Api;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/health", CheckAsync).AllowAnonymous();

    /// <summary>200 when this silo is active and PostgreSQL answers; 503 otherwise, with what is wrong.</summary>
    private static async Task<IResult> CheckAsync(
        SamplesSettings settings, ILocalSiloDetails silo, IClusterMembershipService membership, CancellationToken cancellationToken)
    {
        var postgres = await ProbePostgresAsync(settings.ConnectionString, cancellationToken);
        var snapshot = membership.CurrentSnapshot;
        var members = snapshot.Members.Values
            .Select(m => new MemberHealth(m.SiloAddress.ToString(), m.Name, m.Status.ToString()))
            .OrderBy(m => m.Address, StringComparer.Ordinal)
            .ToArray();
        var siloStatus = snapshot.GetSiloStatus(silo.SiloAddress);
        var healthy = postgres.Reachable && siloStatus == SiloStatus.Active;
        var report = new HealthReport(
            healthy ? "healthy" : "unhealthy",
            new SiloHealth(silo.SiloAddress.ToString(), silo.Name, siloStatus.ToString(), settings.ClusterId, settings.ServiceId),
            postgres,
            new ClusterHealth(members.Count(m => m.Status == nameof(SiloStatus.Active)), snapshot.Version.Value, members));
        return Results.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
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

public sealed record HealthReport(string Status, SiloHealth Silo, PostgresHealth Postgres, ClusterHealth Cluster);

public sealed record SiloHealth(string Address, string Name, string Status, string ClusterId, string ServiceId);

public sealed record PostgresHealth(bool Reachable, double LatencyMs, string? Error);

public sealed record ClusterHealth(int ActiveSilos, long MembershipVersion, IReadOnlyList<MemberHealth> Members);

public sealed record MemberHealth(string Address, string Name, string Status);
