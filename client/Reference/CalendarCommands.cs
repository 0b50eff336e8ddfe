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
using Samples.Client.Language;

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
            global.Printer(result).Table(calendar, [Labels.Year, Labels.Version, Labels.Origin, Labels.DaysOff, Labels.WorkedWeekendDays, Labels.Source, Labels.SourceDate],
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
                result.InvocationConfiguration.Output.WriteLine(Messages.CalendarNotice(notice).In(global.Language(result)));
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
            var lang = global.Language(result);
            foreach (var v in versions.EnumerateArray())
            {
                var s = v.GetProperty("schedule");
                var added = v.GetProperty("addedBy").GetString() is { } by ? Messages.AddedBy(ChinaTime.Text(v.GetProperty("addedAt").GetDateTimeOffset()), by).In(lang) : null;
                output.WriteLine(Messages.CalendarVersion(Number(s, "year"), Number(v, "version"), v.GetProperty("origin").GetString()!, added).In(lang));
                output.WriteLine(Messages.CalendarSource(s.GetProperty("sourceTitle").GetString()!, s.GetProperty("sourceDate").GetString()!).In(lang));
                if (v.GetProperty("reason").GetString() is { } reason)
                {
                    output.WriteLine(Messages.CalendarReason(reason).In(lang));
                }

                foreach (var h in s.GetProperty("holidays").EnumerateArray())
                {
                    var days = h.GetProperty("daysOff").EnumerateArray().Select(d => d.GetString()!).ToArray();
                    output.WriteLine(Messages.Holiday(h.GetProperty("name").GetString()!, days[0] + (days.Length > 1 ? $" – {days[^1]}" : string.Empty), days.Length).In(lang));
                }

                var worked = s.GetProperty("workingWeekendDays").EnumerateArray().Select(d => d.GetString()!).ToArray();
                output.WriteLine(Messages.WorkedWeekend(worked.Length == 0 ? Messages.None.In(lang) : string.Join(", ", worked)).In(lang));
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
            var lang = global.Language(result);
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
                result.InvocationConfiguration.Error.WriteLine($"samples: {Errors.CalendarNotStored(wanted).Error(lang)}");
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
            result.InvocationConfiguration.Output.WriteLine((answer.GetProperty("repeat").GetBoolean()
                ? Messages.CalendarRepeat(wanted, Number(v, "version"))
                : Messages.CalendarInForce(wanted, Number(v, "version"), Number(v, "revision"), answer.GetProperty("then").GetString()!)).In(lang));
            return 0;
        });
        return command;
    }

    /// <summary>The year's schedule from the file: the whole file, or its entry for <paramref name="year"/> when it lists several years.</summary>
    private static JsonObject Read(FileInfo info, int year)
    {
        if (!info.Exists)
        {
            throw new CliException(Errors.NoSuchFile(info.FullName), ExitCodes.Usage);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(info.FullName));
        }
        catch (JsonException ex)
        {
            throw new CliException(Errors.NotJson(info.FullName, ex.Message), ExitCodes.Usage);
        }

        if (node?["years"] is JsonArray years)
        {
            node = years.FirstOrDefault(y => y?["year"]?.GetValue<int>() == year)?.DeepClone()
                ?? throw new CliException(Errors.NoYear(info.FullName, year), ExitCodes.Usage);
        }

        return node as JsonObject ?? throw new CliException(Errors.NotSchedule(info.FullName), ExitCodes.Usage);
    }

    private static string Number(JsonElement e, string name) => e.GetProperty(name).GetInt32().ToString(CultureInfo.InvariantCulture);
}
