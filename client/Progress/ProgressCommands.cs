using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Client.Tasks;
using Samples.Client.Language;

namespace Samples.Client.Progress;

/// <summary>
/// The supervisor's overview: <c>samples progress PLAN</c> (batches toward the goal, coverage, projected date),
/// <c>samples overdue</c>, <c>samples objections PLAN</c>, and the public results list <c>samples results</c>.
/// </summary>
public static class ProgressCommands
{
    /// <summary>The stages of a task under objection: filed, re-test assigned, reserve sample received by the re-test lab.</summary>
    public static readonly string[] ObjectionStages = ["Objected", "RetestAssigned", "RetestReceived"];

    public static Command Progress(GlobalOptions global)
    {
        var plan = new Argument<string>("plan") { Description = "Plan id" };
        var command = new Command("progress", "Batches with a test conclusion against the plan's goal, by category, region and month; coverage; the projected date") { plan };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var p = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/progress", cancellationToken);
            var printer = global.Printer(result);
            var goal = p.GetProperty("goal").GetInt32();
            var concluded = p.GetProperty("concluded").GetInt32();
            var coverage = p.GetProperty("coverage");
            var pace = p.GetProperty("pace");
            var lang = printer.Lang;
            printer.Print(p, [
                (Labels.Plan, p.GetProperty("planId").GetString()),
                (Labels.Purpose, (p.TryGetProperty("purpose", out var purpose) && purpose.GetString() == "risk-monitoring" ? Labels.RiskMonitoring : Labels.Supervision).In(lang)),
                (Labels.Concluded, Messages.ConcludedOf(concluded, goal, Percent(concluded, goal), Bar(concluded, goal)).In(lang)),
                (Labels.Failed, p.GetProperty("failed").GetInt32().ToString(CultureInfo.InvariantCulture)),
                (Labels.Enterprises, Covered(coverage, "enterprises", lang)),
                (Labels.KeySupervised, Covered(coverage, "keySupervised", lang)),
                (Labels.Licensed, Covered(coverage, "licensed", lang)),
                (Labels.Pace, pace.GetProperty("perDay").ValueKind == JsonValueKind.Null ? "-" : Messages.PerDay(pace.GetProperty("perDay").GetDouble(), pace.GetProperty("basis").GetString()).In(lang)),
                (Labels.GoalReached, pace.GetProperty("reachedOn").ValueKind == JsonValueKind.Null ? Messages.NotAtThisPace.In(lang) : pace.GetProperty("reachedOn").GetString()),
            ]);
            if (!result.GetValue(global.Json))
            {
                foreach (var (title, key) in new[] { (Labels.Category, "byCategory"), (Labels.Region, "byRegion"), (Labels.Month, "byMonth") })
                {
                    result.InvocationConfiguration.Output.WriteLine();
                    printer.Table(p, [title, Labels.Concluded, Labels.Failed], p.GetProperty(key).EnumerateArray().Select(r => new[]
                    {
                        r.GetProperty("key").GetString() ?? "-",
                        r.GetProperty("concluded").GetInt32().ToString(CultureInfo.InvariantCulture),
                        r.GetProperty("failed").GetInt32().ToString(CultureInfo.InvariantCulture),
                    }));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Overdue(GlobalOptions global)
    {
        var owner = new Option<string?>("--owner") { Description = "Only deadlines owned by: inspector, lab, supervisor or enterprise" };
        var command = new Command("overdue", "Tasks past a deadline, or whose deadline is flagged (supervisor)") { owner };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var who = result.GetValue(owner);
            var rows = await api.GetAsync<JsonElement>("/api/tasks/overdue" + (who is null ? string.Empty : $"?owner={Uri.EscapeDataString(who)}"), cancellationToken);
            TaskCommands.PrintBoard(global.Printer(result), rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Objections(GlobalOptions global)
    {
        var plan = new Argument<string>("plan") { Description = "Plan id" };
        var command = new Command("objections", "A plan's tasks under objection: filed, re-test assigned or under re-test (supervisor)") { plan };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/tasks", cancellationToken);
            TaskCommands.PrintBoard(global.Printer(result), rows, r => ObjectionStages.Contains(r.GetProperty("stage").GetString()));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command PublicResults(GlobalOptions global)
    {
        var limit = new Option<int?>("--limit") { Description = "How many, newest first (default 500)" };
        var command = new Command("results", "The public results list (一公开); needs no credential") { limit };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>("/api/results" + (result.GetValue(limit) is { } n ? $"?limit={n}" : string.Empty), cancellationToken);
            var lang = global.Language(result);
            global.Printer(result).Table(rows, [Labels.Published, Labels.Enterprise, Labels.Category, Labels.Batch, Labels.Outcome, Labels.Late], rows.EnumerateArray().Select(r => new[]
            {
                r.GetProperty("publishedOn").GetString() ?? "-", r.GetProperty("enterprise").GetString() ?? "-", r.GetProperty("category").GetString() ?? "-",
                r.GetProperty("batchId").GetString() ?? "-", r.GetProperty("outcome").GetString() ?? "-", r.GetProperty("late").GetBoolean() ? Messages.LateMark.In(lang) : string.Empty,
            }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Covered(JsonElement coverage, string name, Lang lang)
    {
        var all = coverage.GetProperty(name).GetInt32();
        var covered = coverage.GetProperty(name + "Covered").GetInt32();
        return Messages.CoveredOf(covered, all, Percent(covered, all)).In(lang);
    }

    private static string Percent(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100.0 * part / whole):0}%");

    /// <summary>A 20-character bar, so the figure reads at a glance in a terminal.</summary>
    private static string Bar(int part, int whole)
    {
        var filled = whole == 0 ? 0 : (int)Math.Round(20.0 * Math.Min(part, whole) / whole);
        return "[" + new string('#', filled) + new string('.', 20 - filled) + "]";
    }
}
