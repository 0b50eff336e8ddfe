using System.CommandLine;
using System.Net;
using System.Text.Json;
using Samples.Client.Http;

namespace Samples.Client.Commands;

/// <summary><c>samples health</c>: is the silo up, is PostgreSQL reachable, who is in the cluster.</summary>
public static class HealthCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("health", "Check the silo, PostgreSQL and cluster membership (no credential needed)");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var (status, report) = await api.GetAnyAsync<JsonElement>("/health", cancellationToken);
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(global.Json))
            {
                output.WriteLine(JsonSerializer.Serialize(report, ApiClient.Json));
            }
            else
            {
                var silo = report.GetProperty("silo");
                var pg = report.GetProperty("postgres");
                var cluster = report.GetProperty("cluster");
                output.WriteLine($"Status      {report.GetProperty("status").GetString()}");
                output.WriteLine($"Silo        {silo.GetProperty("address").GetString()} {silo.GetProperty("status").GetString()} (cluster {silo.GetProperty("clusterId").GetString()})");
                output.WriteLine(pg.GetProperty("reachable").GetBoolean()
                    ? $"PostgreSQL  reachable ({pg.GetProperty("latencyMs").GetDouble():0.0} ms)"
                    : $"PostgreSQL  UNREACHABLE: {pg.GetProperty("error").GetString()}");
                output.WriteLine($"Cluster     {cluster.GetProperty("activeSilos").GetInt32()} active silo(s)");
                var bus = report.GetProperty("messaging");
                output.WriteLine($"Messaging   {bus.GetProperty("transport").GetString()} {bus.GetProperty("status").GetString()}");
                var scheduler = report.GetProperty("scheduling");
                output.WriteLine($"Scheduler   {scheduler.GetProperty("status").GetString()} ({scheduler.GetProperty("jobStore").GetString()}"
                    + (scheduler.GetProperty("clustered").GetBoolean() ? ", clustered)" : ")"));
                foreach (var warning in report.TryGetProperty("warnings", out var warnings) ? warnings.EnumerateArray() : default)
                {
                    output.WriteLine($"Warning     {warning.GetString()}");
                }
            }

            return status == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.Unavailable;
        });
        return command;
    }
}
