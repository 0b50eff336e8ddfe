using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Input;
using Samples.Client.Output;
using Samples.Domain.Reference;
using Samples.Client.Language;

namespace Samples.Client.Tasks;

/// <summary>
/// <c>samples task …</c> (inspectors and supervisors) and <c>samples lab …</c> (labs): every step of a sampling task.
/// Each change is sent with an Idempotency-Key (a new one per command unless <c>--idempotency-key</c> is given), so the
/// command's own retries, or a script's, never apply a step twice.
/// </summary>
public static class TaskCommands
{
    public static Command Task(GlobalOptions global)
    {
        var command = new Command("task", "Sampling tasks (抽样任务): inbox, accept or decline, record sampling, hand over; supervisors: notify, objections, conclude, publish, disposal");
        command.Subcommands.Add(Inbox(global));
        command.Subcommands.Add(Show(global));
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Step(global, "accept", "accept", "Accept a task drawn for you (inspector)", _ => new { }));

        var reason = Required("--reason", "Why (recorded in the task's history)");
        command.Subcommands.Add(Step(global, "decline", "decline", "Decline with a reason; the draw's stream supplies the replacement (inspector)", r => new { reason = r.GetValue(reason) }, reason));
        command.Subcommands.Add(RecordSampling(global));
        var cannot = Required("--reason", "Why it cannot be sampled (no such product, not for sale, lot too small)");
        command.Subcommands.Add(Step(global, "cannot-sample", "cannot-sample", "The target cannot be sampled; the stratum's next alternate is used (inspector)", r => new { reason = r.GetValue(cannot) }, cannot));
        var refused = Required("--reason", "What the enterprise did");
        command.Subcommands.Add(Step(global, "refused", "enterprise-refused", "The enterprise refused the sampling; its legal consequence is recorded (inspector)", r => new { reason = r.GetValue(refused) }, refused));
        var lab = Required("--lab", "The accredited lab's id");
        command.Subcommands.Add(Step(global, "hand-over", "hand-over", "Hand the test and reserve samples to a lab (inspector)", r => new { labId = r.GetValue(lab) }, lab));

        var receivedOn = new Option<DateOnly>("--received-on") { Description = "When the enterprise received the report (yyyy-mm-dd; the objection window runs from it)", Required = true };
        command.Subcommands.Add(Step(global, "notify", "notify-enterprise", "Record that the enterprise was notified of the result (supervisor)", r => new { receivedOn = r.GetValue(receivedOn) }, receivedOn));
        command.Subcommands.Add(Objection(global));
        var retestLab = new Option<string?>("--lab") { Description = "The re-test lab (drugs, industrial products); cosmetics and devices draw it at random when omitted" };
        command.Subcommands.Add(Step(global, "retest", "assign-retest", "Send the reserve sample to a different lab for the re-test (supervisor)", r => new { labId = r.GetValue(retestLab) }, retestLab));
        command.Subcommands.Add(Step(global, "conclude", "conclude", "Conclude the task once the objection window has closed (supervisor)", _ => new { }));
        command.Subcommands.Add(Step(global, "publish", "publish", "Publish the concluded result (一公开) (supervisor)", _ => new { }));
        command.Subcommands.Add(Disposal(global));
        command.Subcommands.Add(OpenTargeted(global));
        return command;
    }

    /// <summary>Adds a lab's daily work to <c>samples lab</c>: samples to act on, receipt with the seals checked, results from a CSV, the report.</summary>
    public static Command WithLabWork(this Command command, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Subcommands.Add(LabSamples(global));
        var seals = new Option<string[]>("--seal") { Description = "A seal number seen on the sample (repeat the option for each)", Required = true, AllowMultipleArgumentsPerToken = true };
        var broken = new Option<bool>("--broken") { Description = "A seal was broken or did not match: the sample is invalid and the team samples again" };
        var note = new Option<string?>("--note") { Description = "What was seen" };
        command.Subcommands.Add(Step(global, "receive", "receive", "Receive a sample handed to this lab, with the seals checked",
            r => new { sealsIntact = !r.GetValue(broken), sealsSeen = r.GetValue(seals), note = r.GetValue(note) }, seals, broken, note));
        command.Subcommands.Add(PostResults(global));
        var number = Required("--number", "The report's number");
        command.Subcommands.Add(Step(global, "report", "issue-report", "Issue the test report", r => new { reportNumber = r.GetValue(number) }, number));
        return command;
    }

    private static Command Inbox(GlobalOptions global)
    {
        var inspector = new Option<string?>("--inspector") { Description = "Whose inbox (supervisors; an inspector's credential shows its own)" };
        var command = new Command("inbox", "Tasks waiting for you (or an inspector): to accept, to sample, to hand over") { inspector };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var who = result.GetValue(inspector);
            var rows = await api.GetAsync<JsonElement>("/api/tasks/inbox" + (who is null ? string.Empty : $"?inspector={Uri.EscapeDataString(who)}"), cancellationToken);
            PrintBoard(global.Printer(result), rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var plan = new Argument<string>("plan") { Description = "Plan id" };
        var stage = new Option<string[]>("--stage") { Description = "Only tasks at these stages (e.g. Objected; repeat the option)", AllowMultipleArgumentsPerToken = true };
        var command = new Command("list", "A plan's tasks with their stage, deadline and outcome (supervisor)") { plan, stage };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/tasks", cancellationToken);
            var stages = result.GetValue(stage) ?? [];
            PrintBoard(global.Printer(result), rows, r => stages.Length == 0 || stages.Contains(Text(r, "stage"), StringComparer.OrdinalIgnoreCase));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var task = new Argument<string>("task") { Description = "Task id (draw:uscc:category)" };
        var history = new Option<bool>("--history") { Description = "Also print the task's hash-chained history" };
        var command = new Command("show", "One task: stage, team, deadline, results and verdict") { task, history };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var view = await api.GetAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(result.GetValue(task)!)}", cancellationToken);
            var printer = global.Printer(result);
            PrintTask(printer, view);
            if (result.GetValue(history) && !result.GetValue(global.Json))
            {
                result.InvocationConfiguration.Output.WriteLine();
                printer.Table(view, [Labels.Seq, Labels.At, Labels.Who, Labels.Action, Labels.Detail], view.GetProperty("history").EnumerateArray().Select(h => new[]
                {
                    h.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture),
                    ChinaTime.Cell(h.GetProperty("at").GetDateTimeOffset()),
                    Text(h, "actor"), Text(h, "action"), Text(h, "detail"),
                }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command RecordSampling(GlobalOptions global)
    {
        var batch = Required("--batch", "The product batch sampled (its id in the batch directory)");
        var test = new Option<decimal>("--test-quantity") { Description = "Quantity of the test sample", Required = true };
        var reserve = new Option<decimal>("--reserve-quantity") { Description = "Quantity of the reserve sample", Required = true };
        var unit = Required("--unit", "Unit of both quantities (kg, g, units …)");
        var seals = new Option<string[]>("--seal") { Description = "A seal number (repeat the option for each)", Required = true, AllowMultipleArgumentsPerToken = true };
        var refusedToSign = new Option<string?>("--refused-to-sign") { Description = "The enterprise refused to sign the sampling record: what happened (otherwise it signed)" };
        var on = new Option<DateOnly?>("--on") { Description = "Sampling date (yyyy-mm-dd; default: today, China time)" };
        var variants = new Option<string[]>("--variant") { Description = "A product variant as key=value, e.g. grade=battery (repeat the option)", AllowMultipleArgumentsPerToken = true };
        return Step(global, "record-sampling", "record-sampling", "Record what was sampled: batch, quantities, seals, the signed record (inspector)", r => new
        {
            batchId = r.GetValue(batch),
            testQuantity = r.GetValue(test),
            reserveQuantity = r.GetValue(reserve),
            unit = r.GetValue(unit),
            seals = r.GetValue(seals),
            signedByEnterprise = r.GetValue(refusedToSign) is null,
            refusedToSignNote = r.GetValue(refusedToSign),
            sampledOn = r.GetValue(on) ?? ChinaTime.DateOf(DateTimeOffset.UtcNow),
            variants = KeyValues(r.GetValue(variants), "--variant"),
        }, batch, test, reserve, unit, seals, refusedToSign, on, variants);
    }

    private static Command Objection(GlobalOptions global)
    {
        var items = new Option<string[]>("--item") { Description = "A disputed item code (repeat the option); the re-test covers only these", Required = true, AllowMultipleArgumentsPerToken = true };
        var reason = Required("--reason", "The enterprise's grounds");
        var filedOn = new Option<DateOnly?>("--filed-on") { Description = "When the objection was filed (yyyy-mm-dd; default: today, China time)" };
        return Step(global, "object", "file-objection", "Record the enterprise's objection, within the window (supervisor)", r => new
        {
            filedOn = r.GetValue(filedOn) ?? ChinaTime.DateOf(DateTimeOffset.UtcNow),
            items = r.GetValue(items),
            reason = r.GetValue(reason),
        }, items, reason, filedOn);
    }

    private static Command Disposal(GlobalOptions global)
    {
        var step = Required("--step", "ordered, rectified, reinspected, notice, second-reinspection …");
        var on = new Option<DateOnly>("--on") { Description = "When (yyyy-mm-dd)", Required = true };
        var passed = new Option<bool?>("--passed") { Description = "For a re-inspection: true or false" };
        var note = new Option<string?>("--note") { Description = "A note for the record" };
        return Step(global, "disposal", "record-disposal", "A step of a failed product's disposal case (supervisor)",
            r => new { step = r.GetValue(step), on = r.GetValue(on), passed = r.GetValue(passed), note = r.GetValue(note) }, step, on, passed, note);
    }

    /// <summary>A targeted inspection (重点检查): a named enterprise, a reason of a fixed kind and its evidence, a team the supervisor names.</summary>
    private static Command OpenTargeted(GlobalOptions global)
    {
        var plan = new Argument<string>("PLAN") { Description = "The plan the task counts under (apart from its random draws)" };
        var uscc = Required("--uscc", "The enterprise to inspect");
        var kind = Required("--reason-kind", "complaint, risk-signal, failed-follow-up or higher-level");
        var reference = Required("--reference", "The complaint or report number, the signal, the failed task or the assignment");
        var evidence = Required("--evidence", "Why this enterprise: what the reference says");
        var team = new Option<string[]>("--inspector") { Description = "An inspector of the team (repeat: at least two)", Required = true, AllowMultipleArgumentsPerToken = true };
        var category = new Option<string?>("--category") { Description = "The product category (when the enterprise has more than one of the plan's)" };
        var key = KeyOption();
        var command = new Command("open-targeted", "Open a targeted inspection (重点检查) of a named enterprise, counted apart from the random draws (supervisor)")
        {
            plan, uscc, kind, reference, evidence, team, category, key,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var body = new
            {
                uscc = result.GetValue(uscc), category = result.GetValue(category), reasonKind = result.GetValue(kind), reference = result.GetValue(reference),
                evidence = result.GetValue(evidence), team = result.GetValue(team),
            };
            var view = await api.PostOnceAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/targeted-tasks", body,
                result.GetValue(key) ?? Guid.NewGuid().ToString("N"), cancellationToken);
            PrintTask(global.Printer(result), view);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command LabSamples(GlobalOptions global)
    {
        var lab = new Option<string?>("--lab") { Description = "Which lab (supervisors; a lab's credential shows its own)" };
        var all = new Option<bool>("--all") { Description = "Also samples already finished" };
        var command = new Command("samples", "Samples handed to the lab that it still has to act on") { lab, all };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var query = new List<string>();
            if (result.GetValue(lab) is { } l)
            {
                query.Add($"lab={Uri.EscapeDataString(l)}");
            }

            if (result.GetValue(all))
            {
                query.Add("all=true");
            }

            var rows = await api.GetAsync<JsonElement>("/api/lab/samples" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query)), cancellationToken);
            PrintBoard(global.Printer(result), rows);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command PostResults(GlobalOptions global)
    {
        var file = new Option<FileInfo>("--file") { Description = "CSV with a header: item,kind[,value,reported_as,detection_limit,note]; kind is value, not-detected, detected, conforms or does-not-conform", Required = true };
        var check = new Option<bool>("--check") { Description = "Only check the file; send nothing" };
        var key = KeyOption();
        var task = TaskArgument();
        var command = new Command("results", "Post a sample's results item by item from a CSV file, checked before sending") { task, file, check, key };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            var lang = global.Language(result);
            if (!path.Exists)
            {
                throw new CliException(Errors.OptionNoSuchFile("--file", path.FullName), ExitCodes.Usage);
            }

            var (items, problems) = ResultsCsv.Parse(await File.ReadAllTextAsync(path.FullName, cancellationToken));
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await result.InvocationConfiguration.Error.WriteLineAsync($"samples: {Errors.FileProblem(path.Name, problem).Error(lang)}");
                }

                return ExitCodes.Usage;
            }

            if (result.GetValue(check))
            {
                result.InvocationConfiguration.Output.WriteLine(Messages.ResultsChecked(path.Name, items.Count).In(lang));
                return ExitCodes.Ok;
            }

            return await SendAsync(global, result, result.GetValue(task)!, "post-results", new { items }, result.GetValue(key), cancellationToken);
        });
        return command;
    }

    /// <summary>A command that applies one workflow action to one task and prints the task as it now is.</summary>
    private static Command Step(GlobalOptions global, string name, string action, string description, Func<ParseResult, object> body, params Option[] options)
    {
        var task = TaskArgument();
        var key = KeyOption();
        var command = new Command(name, description) { task, key };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
            await SendAsync(global, result, result.GetValue(task)!, action, body(result), result.GetValue(key), cancellationToken));
        return command;
    }

    private static async Task<int> SendAsync(GlobalOptions global, ParseResult result, string taskId, string action, object body, string? key, CancellationToken cancellationToken)
    {
        using var api = global.Client(result);
        var view = await api.PostOnceAsync<JsonElement>($"/api/tasks/{Uri.EscapeDataString(taskId)}/{action}", body, key ?? Guid.NewGuid().ToString("N"), cancellationToken);
        PrintTask(global.Printer(result), view);
        return ExitCodes.Ok;
    }

    private static void PrintTask(Printer printer, JsonElement t)
    {
        var due = t.TryGetProperty("due", out var d) && d.ValueKind == JsonValueKind.Object ? $"{Text(d, "on")} ({Text(d, "owner")}: {Text(d, "what")})" : null;
        var verdict = t.TryGetProperty("finalVerdict", out var f) && f.ValueKind == JsonValueKind.Object ? f
            : t.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.Object ? v : (JsonElement?)null;
        // Stages, verdicts, deadlines and the next step are the server's words, shown as they come.
        printer.Print(t, [
            (Labels.Task, Text(t, "taskId")),
            (Labels.Stage, Text(t, "stage")),
            (Labels.Version, t.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture)),
            (Labels.Enterprise, Text(t, "uscc")),
            (Labels.Category, Text(t, "category")),
            (Labels.Team, string.Join(", ", t.GetProperty("team").EnumerateArray().Select(m => $"{Text(m, "inspectorId")} ({Text(m, "status")})"))),
            (Labels.Lab, Text(t, "labId")),
            (Labels.Verdict, verdict is { } x ? Text(x, "summary") : null),
            (Labels.Due, due),
            (Labels.Overdue, t.GetProperty("overdue").GetArrayLength() == 0 ? null : string.Join("; ", t.GetProperty("overdue").EnumerateArray().Select(o => o.GetString()))),
            (Labels.Next, Text(t, "nextStep")),
        ]);
    }

    internal static void PrintBoard(Printer printer, JsonElement rows, Func<JsonElement, bool>? keep = null)
    {
        var shown = rows.EnumerateArray().Where(keep ?? (_ => true)).ToList();
        printer.Table(keep is null ? rows : JsonSerializer.SerializeToElement(shown), [Labels.Task, Labels.Stage, Labels.Due, Labels.Owner, Labels.What, Labels.Outcome],
            shown.Select(r => new[] { Text(r, "taskId"), Text(r, "stage"), Text(r, "dueOn"), Text(r, "dueOwner"), Text(r, "dueWhat"), Text(r, "outcome") }));
    }

    private static Dictionary<string, string>? KeyValues(string[]? pairs, string option)
    {
        if (pairs is null || pairs.Length == 0)
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new CliException(Errors.NotKeyValue(option, pair), ExitCodes.Usage);
            }

            map[pair[..at].Trim()] = pair[(at + 1)..].Trim();
        }

        return map;
    }

    private static Argument<string> TaskArgument() => new("task") { Description = "Task id (draw:uscc:category), as inbox and list print it" };

    private static Option<string?> KeyOption() => new("--idempotency-key") { Description = "Send under this key (default: a new one); repeating a command with the same key applies it once" };

    private static Option<string> Required(string name, string description) => new(name) { Description = description, Required = true };

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined ? v.ToString() : "-";
}
