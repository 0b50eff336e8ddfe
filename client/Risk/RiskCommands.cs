using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Client.Output;
using Samples.Domain.Reference;

namespace Samples.Client.Risk;

/// <summary>
/// <c>samples risk …</c>: the enterprise evaluation model (风险分类, supervisors and admins). The model's versions and
/// indicators, a new version uploaded, a month's imported indicators, the monthly run (counts and early warnings), a
/// month's classes with their explanation, and one enterprise's class history.
/// </summary>
public static class RiskCommands
{
    private static readonly string[] Classes = ["A", "B", "C", "D"];

    public static Command Risk(GlobalOptions global)
    {
        var command = new Command("risk", "Enterprise risk classification (风险分类): the evaluation model, imported indicators, the monthly run (supervisor, admin)");
        command.Subcommands.Add(Models(global));
        command.Subcommands.Add(UploadModel(global));
        command.Subcommands.Add(Import(global));
        command.Subcommands.Add(Run(global));
        command.Subcommands.Add(Show(global));
        command.Subcommands.Add(Enterprise(global));
        return command;
    }

    private static Command Models(GlobalOptions global)
    {
        var command = new Command("models", "The model's versions, newest (in force) first, and the indicators and thresholds of the one in force");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var models = await api.GetAsync<JsonElement>("/api/risk/models", cancellationToken);
            var printer = global.Printer(result);
            printer.Table(models, [RiskTexts.Version, RiskTexts.Model, RiskTexts.EffectiveFrom, RiskTexts.Uploaded, RiskTexts.Sha],
                models.EnumerateArray().Select(m => new[]
                {
                    $"{Text(m.GetProperty("model"), "id")} v{Text(m.GetProperty("model"), "version")}", Name(m.GetProperty("model"), printer.Lang),
                    Text(m.GetProperty("model"), "effectiveFrom"), Uploaded(m, printer.Lang), Text(m, "sha256"),
                }));
            if (printer.IsJson || models.GetArrayLength() == 0)
            {
                return ExitCodes.Ok;
            }

            var inForce = models[0].GetProperty("model");
            var output = result.InvocationConfiguration.Output;
            output.WriteLine();
            output.WriteLine(RiskTexts.InForce(Name(inForce, printer.Lang), Text(inForce, "version")).In(printer.Lang));
            printer.Table(inForce, [RiskTexts.Code, RiskTexts.Indicator, RiskTexts.Source, RiskTexts.PointsPerUnit, RiskTexts.Cap],
                inForce.GetProperty("indicators").EnumerateArray().Select(i => new[]
                {
                    Text(i, "code"), printer.Lang == Lang.En ? Text(i, "nameEn") : Text(i, "nameZh"),
                    (Text(i, "source") == "import" ? RiskTexts.Imported : RiskTexts.SystemRecords).In(printer.Lang), Text(i, "pointsPerUnit"), Text(i, "cap"),
                }));
            output.WriteLine();
            printer.Table(inForce, [RiskTexts.Class, RiskTexts.MinScore],
                inForce.GetProperty("classes").EnumerateArray().Select(c => new[] { Text(c, "class"), Text(c, "minScore") }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command UploadModel(GlobalOptions global)
    {
        var file = new Argument<FileInfo>("file") { Description = "The model as JSON (id, version above every stored one, nameZh, nameEn, effectiveFrom, source, indicators, classes); samples risk models --json shows the one in force" };
        var command = new Command("upload-model", "Store a new version of the evaluation model; the next run uses it") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var info = result.GetValue(file)!;
            using var content = new StringContent(await File.ReadAllTextAsync(info.FullName, cancellationToken), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var api = global.Client(result);
            var (ok, answer) = await api.PostContentAsync("/api/risk/models", content, cancellationToken);
            if (!ok)
            {
                return Refused(global, result, answer, RiskTexts.ModelNotStored);
            }

            var model = answer.GetProperty("model");
            global.Printer(result).Print(answer, [
                (RiskTexts.Version, $"{Text(model, "id")} v{Text(model, "version")}"),
                (RiskTexts.Model, Name(model, global.Language(result))),
                (RiskTexts.Indicators, model.GetProperty("indicators").GetArrayLength().ToString(CultureInfo.InvariantCulture)),
                (RiskTexts.Sha, Text(answer, "sha256")),
            ]);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Import(GlobalOptions global)
    {
        var month = MonthOption();
        var file = new Argument<FileInfo>("file") { Description = "CSV with the header uscc,indicator,value; only the model's 'import' indicators (complaints, credit-warning, licence-problem …)" };
        var command = new Command("import", "Import a month's indicators (replaces what was imported for the month); nothing is imported when one row is wrong") { month, file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var info = result.GetValue(file)!;
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(info.FullName, cancellationToken));
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            using var api = global.Client(result);
            var (ok, answer) = await api.PostContentAsync($"/api/risk/indicators?month={Uri.EscapeDataString(result.GetValue(month)!)}", content, cancellationToken);
            if (!ok)
            {
                return Refused(global, result, answer, RiskTexts.NotImported);
            }

            var lang = global.Language(result);
            if (result.GetValue(global.Json))
            {
                result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(answer, ApiClient.Json));
            }
            else
            {
                result.InvocationConfiguration.Output.WriteLine(RiskTexts.ImportedRows(Text(answer, "rows"), Text(answer, "month")).In(lang));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Run(GlobalOptions global)
    {
        var month = MonthOption();
        var command = new Command("run", "Classify every enterprise for the month under the newest model; prints the counts per class and the early warnings") { month };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var view = await api.PostAsync<JsonElement>("/api/risk/runs", new { month = result.GetValue(month) }, cancellationToken);
            await PrintRunAsync(global, result, api, view, cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(GlobalOptions global)
    {
        var month = MonthOption();
        var riskClass = new Option<string?>("--class") { Description = "Only this class: A, B, C or D" };
        riskClass.AcceptOnlyFromAmong(Classes);
        var command = new Command("show", "A month's run (the latest of the month) and its classes, highest score first, each with the indicators that scored") { month, riskClass };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var m = Uri.EscapeDataString(result.GetValue(month)!);
            var view = await api.GetAsync<JsonElement>($"/api/risk/runs/{m}", cancellationToken);
            var query = result.GetValue(riskClass) is { } c ? $"?riskClass={c}" : string.Empty;
            var list = await api.GetAsync<JsonElement>($"/api/risk/runs/{m}/classifications{query}", cancellationToken);
            var printer = global.Printer(result);
            if (printer.IsJson)
            {
                result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { run = view.GetProperty("run"), warnings = view.GetProperty("warnings"), classifications = list }, ApiClient.Json));
                return ExitCodes.Ok;
            }

            await PrintRunAsync(global, result, api, view, cancellationToken);
            result.InvocationConfiguration.Output.WriteLine();
            result.InvocationConfiguration.Output.WriteLine(RiskTexts.ClassesOf(result.GetValue(month)!, list.GetArrayLength()).In(printer.Lang));
            printer.Table(list, [RiskTexts.Uscc, RiskTexts.Class, RiskTexts.Score, RiskTexts.Explanation],
                list.EnumerateArray().OrderByDescending(e => e.GetProperty("score").GetDecimal()).ThenBy(e => Text(e, "uscc"), StringComparer.Ordinal)
                    .Select(e => new[] { Text(e, "uscc"), Text(e, "class"), Number(e, "score"), Scored(e) }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Enterprise(GlobalOptions global)
    {
        var uscc = new Argument<string>("uscc") { Description = "The enterprise's unified social credit code" };
        var command = new Command("enterprise", "One enterprise's class history, newest first, each run explained by its indicators") { uscc };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var code = result.GetValue(uscc)!.Trim().ToUpperInvariant();
            var history = await api.GetAsync<JsonElement>($"/api/risk/enterprises/{Uri.EscapeDataString(code)}", cancellationToken);
            var printer = global.Printer(result);
            if (printer.IsJson)
            {
                result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(history, ApiClient.Json));
                return ExitCodes.Ok;
            }

            var output = result.InvocationConfiguration.Output;
            var names = await NamesAsync(api, [code], cancellationToken);
            output.WriteLine($"{names[code]}  {code}");
            if (history.GetArrayLength() == 0)
            {
                output.WriteLine(RiskTexts.NeverClassified.In(printer.Lang));
                return ExitCodes.Ok;
            }

            printer.Table(history, [RiskTexts.Month, RiskTexts.RunNo, RiskTexts.Class, RiskTexts.Score],
                history.EnumerateArray().Select(h => new[] { Text(h, "month"), Text(h, "run"), Text(h, "class"), Number(h, "score") }));
            foreach (var h in history.EnumerateArray())
            {
                output.WriteLine();
                output.WriteLine(RiskTexts.Why(Text(h, "month"), Text(h, "run"), Text(h, "class"), Number(h, "score")).In(printer.Lang));
                printer.Table(h, [RiskTexts.Indicator, RiskTexts.Value, RiskTexts.Points],
                    h.GetProperty("contributions").EnumerateArray().Select(c => new[] { $"{Text(c, "name")} ({Text(c, "indicator")})", Number(c, "value"), Number(c, "points") }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The run's facts, its counts per class and its early warnings (enterprises named), as tables; or its JSON.</summary>
    private static async Task PrintRunAsync(GlobalOptions global, ParseResult result, ApiClient api, JsonElement view, CancellationToken cancellationToken)
    {
        var printer = global.Printer(result);
        var run = view.GetProperty("run");
        printer.Print(view, [
            (RiskTexts.Month, $"{Text(run, "month")} · {RiskTexts.RunNumber(Text(run, "run")).In(printer.Lang)}"),
            (RiskTexts.Model, $"{Text(run, "modelId")} v{Text(run, "modelVersion")}"),
            (RiskTexts.ModelSha, Text(run, "modelSha256")),
            (RiskTexts.InputsSha, Text(run, "inputsSha256")),
            (RiskTexts.Enterprises, Text(run, "enterprises")),
            (RiskTexts.Changed, Text(run, "changed")),
            (RiskTexts.RunBy, $"{Text(run, "runBy")} · {ChinaTime.Text(run.GetProperty("runAt").GetDateTimeOffset())}"),
        ]);
        if (printer.IsJson)
        {
            return;
        }

        var output = result.InvocationConfiguration.Output;
        var counts = run.GetProperty("counts");
        output.WriteLine();
        printer.Table(view, [RiskTexts.Class, RiskTexts.Count], Classes.Select(c => new[] { c, counts.TryGetProperty(c, out var n) ? n.ToString() : "0" }));
        var warnings = view.GetProperty("warnings").EnumerateArray().ToList();
        output.WriteLine();
        output.WriteLine(RiskTexts.Warnings(warnings.Count).In(printer.Lang));
        if (warnings.Count == 0)
        {
            return;
        }

        var names = await NamesAsync(api, [.. warnings.Select(w => Text(w, "uscc"))], cancellationToken);
        printer.Table(view, [RiskTexts.Enterprise, RiskTexts.Uscc, RiskTexts.ClassChange, RiskTexts.ScoreChange, RiskTexts.Rising],
            warnings.Select(w => new[]
            {
                names[Text(w, "uscc")], Text(w, "uscc"), $"{Text(w, "from")} → {Text(w, "to")}", $"{Number(w, "scoreBefore")} → {Number(w, "scoreNow")}",
                string.Join(", ", w.GetProperty("rising").EnumerateArray().Select(r => r.GetString())),
            }));
    }

    /// <summary>The enterprises' names from the directory (supervisors may read it); a code stays a code when unknown.</summary>
    private static async Task<Dictionary<string, string>> NamesAsync(ApiClient api, IReadOnlyList<string> usccs, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var uscc in usccs.Distinct(StringComparer.Ordinal))
        {
            var (status, body) = await api.GetAnyAsync<JsonElement>($"/api/enterprises/{Uri.EscapeDataString(uscc)}", cancellationToken);
            names[uscc] = (int)status == 200 && body.TryGetProperty("name", out var n) ? n.GetString() ?? uscc : uscc;
        }

        return names;
    }

    /// <summary>A refused upload or import: what was not done, then each refused field (a row, a model field) and why.</summary>
    private static int Refused(GlobalOptions global, ParseResult result, JsonElement answer, Text what)
    {
        var error = result.InvocationConfiguration.Error;
        if (result.GetValue(global.Json))
        {
            result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(answer, ApiClient.Json));
        }

        error.WriteLine($"samples: {what.Error(global.Language(result))}");
        if (answer.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                foreach (var problem in field.Value.EnumerateArray())
                {
                    error.WriteLine($"  {field.Name}: {problem.GetString()}");
                }
            }
        }
        else
        {
            error.WriteLine($"  {Text(answer, "detail")}");
        }

        return ExitCodes.Refused;
    }

    private static Option<string> MonthOption() => new("--month") { Description = "The month, YYYY-MM (e.g. 2026-12)", Required = true };

    /// <summary>The indicators that added points: "failures 1→30; complaints 3→30".</summary>
    private static string Scored(JsonElement evaluation)
    {
        var scored = evaluation.GetProperty("contributions").EnumerateArray().Where(c => c.GetProperty("points").GetDecimal() > 0)
            .Select(c => $"{Text(c, "indicator")} {Number(c, "value")}→{Number(c, "points")}").ToList();
        return scored.Count == 0 ? "-" : string.Join("; ", scored);
    }

    private static string Name(JsonElement model, Lang lang) => lang == Lang.En ? Text(model, "nameEn") : Text(model, "nameZh");

    private static string Uploaded(JsonElement m, Lang lang) =>
        Text(m, "uploadedBy") == "shipped" ? RiskTexts.Shipped.In(lang) : $"{Text(m, "uploadedBy")} · {ChinaTime.Cell(m.GetProperty("uploadedAt").GetDateTimeOffset())}";

    private static string Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture) : Text(e, name);

    private static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined ? v.ToString() : "-";
}
