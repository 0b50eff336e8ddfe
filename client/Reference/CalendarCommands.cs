using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Domain.Reference;

namespace Samples.Client.Reference;

/// <summary>
/// <c>samples calendar list|show|add</c>: the working calendar's years (the State Council's days off and worked weekend
/// days), as operators keep it: a year is added the day its notice appears, a correction is a new version with a reason.
/// </summary>
public static class CalendarCommands
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("calendar", "The working calendar (工作日历): each year's official days off and worked weekend days, which every legal deadline counts on");
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Show(global));
        command.Subcommands.Add(Add(global));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "The years the calendar holds, with the version in force of each, and what is missing");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var calendar = await api.GetAsync<JsonElement>("/api/calendar", cancellationToken);
            var years = calendar.GetProperty("years");
            global.Printer(result).Table(calendar, ["Year", "Version", "Origin", "Days off", "Worked weekend days", "Source", "Source date"],
                years.EnumerateArray().Select(v =>
                {
                    var s = v.GetProperty("schedule");
                    return new[]
                    {
                        Number(s, "year"), Number(v, "version"), v.GetProperty("origin").GetString()!,
                        s.GetProperty("holidays").EnumerateArray().Sum(h => h.GetProperty("daysOff").GetArrayLength()).ToString(CultureInfo.InvariantCulture),
                        s.GetProperty("workingWeekendDays").GetArrayLength().ToString(CultureInfo.InvariantCulture),
                        s.GetProperty("sourceTitle").GetString()!, s.GetProperty("sourceDate").GetString()!,
                    };
                }));
            if (!result.GetValue(global.Json) && calendar.GetProperty("notice").GetString() is { } notice)
            {
                result.InvocationConfiguration.Output.WriteLine();
                result.InvocationConfiguration.Output.WriteLine($"Notice: {notice}");
            }

            return 0;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var year = new Argument<int>("year") { Description = "The year, e.g. 2027" };
        var command = new Command("show", "One year's schedule: every version (the last is in force), its holidays and worked weekend days") { year };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var versions = await api.GetAsync<JsonElement>($"/api/calendar/{result.GetValue(year)}", cancellationToken);
            if (result.GetValue(global.Json))
            {
                global.Printer(result).Table(versions, [], []);
                return 0;
            }

            var output = result.InvocationConfiguration.Output;
            foreach (var v in versions.EnumerateArray())
            {
                var s = v.GetProperty("schedule");
                output.WriteLine($"{Number(s, "year")} version {Number(v, "version")} ({v.GetProperty("origin").GetString()}" +
                    (v.GetProperty("addedBy").GetString() is { } by ? $", added {ChinaTime.Text(v.GetProperty("addedAt").GetDateTimeOffset())} by {by}" : string.Empty) + ")");
                output.WriteLine($"  source: {s.GetProperty("sourceTitle").GetString()}, {s.GetProperty("sourceDate").GetString()}");
                if (v.GetProperty("reason").GetString() is { } reason)
                {
                    output.WriteLine($"  reason: {reason}");
                }

                foreach (var h in s.GetProperty("holidays").EnumerateArray())
                {
                    var days = h.GetProperty("daysOff").EnumerateArray().Select(d => d.GetString()!).ToArray();
                    output.WriteLine($"  {h.GetProperty("name").GetString()}: {days[0]}{(days.Length > 1 ? $" – {days[^1]}" : string.Empty)} ({days.Length} days off)");
                }

                var worked = s.GetProperty("workingWeekendDays").EnumerateArray().Select(d => d.GetString()!).ToArray();
                output.WriteLine($"  worked weekend days (调休上班): {(worked.Length == 0 ? "none" : string.Join(", ", worked))}");
                output.WriteLine($"  sha256 {v.GetProperty("sha256").GetString()}");
            }

            return 0;
        });
        return command;
    }

    private static Command Add(GlobalOptions global)
    {
        var year = new Argument<int>("year") { Description = "The year the schedule is for, e.g. 2027" };
        var file = new Option<FileInfo>("--file") { Description = "The schedule as JSON: {sourceTitle, sourceDate, holidays: [{name, daysOff: [yyyy-MM-dd …]}], workingWeekendDays: [yyyy-MM-dd …]}, or a file of several years in the format of domain/Reference/Data/working-calendar.json", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why a year already held is corrected (required then; the correction is a new version)" };
        var command = new Command("add", "Add a year's official schedule, or a correction of it (admin); deadlines flagged for lack of the year are then counted") { year, file, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            var wanted = result.GetValue(year);
            var body = Read(result.GetValue(file)!, wanted);
            if (result.GetValue(reason) is { } why)
            {
                body["reason"] = why;
            }

            using var api = global.Client(result);
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var (ok, answer) = await api.PostContentAsync($"/api/calendar/{wanted}", content, cancellationToken);
            if (!ok)
            {
                result.InvocationConfiguration.Error.WriteLine($"samples: the schedule of {wanted} was not stored:");
                foreach (var field in answer.GetProperty("errors").EnumerateObject())
                {
                    foreach (var problem in field.Value.EnumerateArray())
                    {
                        result.InvocationConfiguration.Error.WriteLine($"  {field.Name}: {problem.GetString()}");
                    }
                }

                return ExitCodes.Refused;
            }

            var v = answer.GetProperty("version");
            result.InvocationConfiguration.Output.WriteLine(answer.GetProperty("repeat").GetBoolean()
                ? $"{wanted} version {Number(v, "version")} was already stored: nothing changed"
                : $"{wanted} version {Number(v, "version")} is in force (calendar revision {Number(v, "revision")}); {answer.GetProperty("then").GetString()}");
            return 0;
        });
        return command;
    }

    /// <summary>The year's schedule from the file: the whole file, or its entry for <paramref name="year"/> when it lists several years.</summary>
    private static JsonObject Read(FileInfo info, int year)
    {
        if (!info.Exists)
        {
            throw new CliException($"{info.FullName}: no such file", ExitCodes.Usage);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(info.FullName));
        }
        catch (JsonException ex)
        {
            throw new CliException($"{info.FullName}: not JSON ({ex.Message})", ExitCodes.Usage);
        }

        if (node?["years"] is JsonArray years)
        {
            node = years.FirstOrDefault(y => y?["year"]?.GetValue<int>() == year)?.DeepClone()
                ?? throw new CliException($"{info.FullName}: lists no year {year}", ExitCodes.Usage);
        }

        return node as JsonObject ?? throw new CliException($"{info.FullName}: expected a JSON object with sourceTitle, sourceDate, holidays and workingWeekendDays", ExitCodes.Usage);
    }

    private static string Number(JsonElement e, string name) => e.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture);
}
