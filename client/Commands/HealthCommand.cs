using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Client.Language;

namespace Samples.Client.Commands;

/// <summary>
/// <c>samples health</c>: is the silo up; with an admin credential (SAMPLES_TOKEN) also whether PostgreSQL is reachable
/// and who is in the cluster (the silo shows that detail to admins only).
/// </summary>
public static class HealthCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("health", "Check the silo; with an admin credential also PostgreSQL, the bus, the scheduler and cluster membership");
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
                // Statuses and warnings are the silo's words; the labels and the client's own words follow --lang.
                var lang = global.Language(result);
                if (!report.TryGetProperty("silo", out var silo))
                {
                    global.Printer(result).Print(report, [(Labels.Status, report.GetProperty("status").GetString()), (Labels.Detail, Messages.HealthDetailForAdmins.In(lang))]);
                    return status == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.Unavailable;
                }

                var pg = report.GetProperty("postgres");
                var cluster = report.GetProperty("cluster");
                var bus = report.GetProperty("messaging");
                var scheduler = report.GetProperty("scheduling");
                var fields = new List<(Text, string?)>
                {
                    (Labels.Status, report.GetProperty("status").GetString()),
                    (Labels.Silo, $"{silo.GetProperty("address").GetString()} {silo.GetProperty("status").GetString()} ({Labels.Cluster.In(lang)} {silo.GetProperty("clusterId").GetString()})"),
                    (Labels.Postgres, pg.GetProperty("reachable").GetBoolean()
                        ? string.Create(CultureInfo.InvariantCulture, $"{Messages.Reachable.In(lang)} ({pg.GetProperty("latencyMs").GetDouble():0.0} ms)")
                        : $"{Messages.Unreachable.In(lang)}: {pg.GetProperty("error").GetString()}"),
                    (Labels.Cluster, Messages.ActiveSilos(cluster.GetProperty("activeSilos").GetInt32()).In(lang)),
                    (Labels.Messaging, $"{bus.GetProperty("transport").GetString()} {bus.GetProperty("status").GetString()}"),
                    (Labels.Scheduler, $"{scheduler.GetProperty("status").GetString()} ({scheduler.GetProperty("jobStore").GetString()}"
                        + (scheduler.GetProperty("clustered").GetBoolean() ? $", {Messages.Clustered.In(lang)})" : ")")),
                };
                foreach (var warning in report.TryGetProperty("warnings", out var warnings) ? warnings.EnumerateArray() : default)
                {
                    fields.Add((Labels.Warning, warning.GetString()));
                }

                global.Printer(result).Print(report, fields);
            }

            return status == HttpStatusCode.OK ? ExitCodes.Ok : ExitCodes.Unavailable;
        });
        return command;
    }
}
