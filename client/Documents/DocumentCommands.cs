using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Client.Output;
using Samples.Domain.Reference;

namespace Samples.Client.Documents;

/// <summary>
/// <c>samples document …</c>: a task's official documents (文书) as PDF: issue one (a correction needs <c>--reason</c>),
/// list them, save one, and verify a code or a file against what the system issued (anyone, no credential needed).
/// </summary>
public static class DocumentCommands
{
    /// <summary>The kinds in the order the work produces them (DocumentKind.All on the server).</summary>
    // The kinds as the silo knows them (domain/Documents), in the order a task reaches them.
    private static readonly string[] Kinds = [.. Samples.Domain.Documents.DocumentKind.All.Select(k => k.Code)];

    public static Command Document(GlobalOptions global)
    {
        var command = new Command("document", "Official documents of a task (文书): sampling record, test report, result notice, disposal notice, public result sheet; verify a code or a PDF");
        command.Subcommands.Add(Issue(global));
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Get(global));
        command.Subcommands.Add(Verify(global));
        return command;
    }

    private static Command Issue(GlobalOptions global)
    {
        var task = TaskArgument();
        var kind = KindArgument();
        var reason = new Option<string?>("--reason") { Description = "Why the document is issued again with changed facts (a correction; not needed the first time)" };
        var command = new Command("issue", "Issue a task's document from the task as it stands; the same facts again answer the version in force (supervisors every kind, the team's inspectors the sampling record, the task's lab its report)") { task, kind, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var lang = global.Language(result);
            var (status, body) = await api.PostAnswerAsync($"{TaskPath(result.GetValue(task)!)}/documents/{Uri.EscapeDataString(result.GetValue(kind)!)}", new { reason = result.GetValue(reason) }, cancellationToken);
            if (status == HttpStatusCode.BadRequest)
            {
                // Each refused field in the server's words; a correction without a reason says which option gives it.
                foreach (var (field, message) in FieldProblems(body))
                {
                    var text = field == "reason" ? Errors.ReasonNeeded(message) : Text.Same($"400 {field}: {message}");
                    await result.InvocationConfiguration.Error.WriteLineAsync($"samples: {text.Error(lang)}");
                }

                return ExitCodes.Refused;
            }

            var printer = global.Printer(result);
            if (!result.GetValue(global.Json))
            {
                var number = Str(body, "number");
                result.InvocationConfiguration.Output.WriteLine((status == HttpStatusCode.Created ? Messages.DocumentIssued(number) : Messages.DocumentUnchanged(number)).In(lang));
            }

            PrintInfo(printer, body);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var task = TaskArgument();
        var command = new Command("list", "A task's documents: kind, number, version, verification code, when issued, and what replaced each") { task };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>($"{TaskPath(result.GetValue(task)!)}/documents", cancellationToken);
            var lang = global.Language(result);
            var all = rows.EnumerateArray().ToList();
            string? ReplacedBy(JsonElement d) => all.FirstOrDefault(x => Str(x, "replaces") == Str(d, "number")) is { ValueKind: JsonValueKind.Object } later ? Str(later, "number") : null;
            var sorted = all.OrderBy(d => Array.IndexOf(Kinds, Str(d, "kind"))).ThenBy(d => d.GetProperty("version").GetInt32());
            global.Printer(result).Table(rows, [Labels.DocumentKind, Labels.Number, Labels.Version, Labels.Code, Labels.IssuedAt, Labels.IssuedBy, Labels.ReplacedBy],
                sorted.Select(d => new[]
                {
                    KindTitle(Str(d, "kind")).In(lang), Str(d, "number"), d.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture), Str(d, "code"),
                    ChinaTime.Cell(d.GetProperty("issuedAt").GetDateTimeOffset()), Str(d, "issuedBy"), ReplacedBy(d) ?? "-",
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(GlobalOptions global)
    {
        var task = TaskArgument();
        var kind = KindArgument();
        var version = new Argument<int>("version") { Description = "The version (1 for the first issue; document list shows them)" };
        var output = new Option<FileInfo>("--out") { Description = "Where to save the PDF (e.g. report.pdf)", Required = true };
        var command = new Command("get", "Save one version of a task's document as the PDF issued") { task, kind, version, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var path = $"{TaskPath(result.GetValue(task)!)}/documents/{Uri.EscapeDataString(result.GetValue(kind)!)}/{result.GetValue(version)}/pdf";
            using var response = await api.GetStreamAsync(path, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var file = result.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            result.InvocationConfiguration.Output.WriteLine(Messages.DocumentSaved(file.FullName, bytes.Length, Sha256(bytes)).In(global.Language(result)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify(GlobalOptions global)
    {
        var file = new Argument<FileInfo?>("file") { Description = "A document's PDF: its SHA-256 is computed here and looked up (a changed copy is not found)", Arity = ArgumentArity.ZeroOrOne };
        var code = new Option<string?>("--code") { Description = "The verification code printed under the document's QR code (e.g. 7K3M-Q9XD-2PWA)" };
        var command = new Command("verify", "What the system holds for a document's code, or whether a PDF is exactly a document issued here; exit 0 if it matches, 1 if not (no credential needed)") { file, code };
        command.SetAction(async (result, cancellationToken) =>
        {
            var lang = global.Language(result);
            var (pdf, given) = (result.GetValue(file), result.GetValue(code));
            if ((pdf is null) == (given is null))
            {
                throw new CliException(Errors.CodeOrFile, ExitCodes.Usage);
            }

            string path;
            string? sha = null;
            if (pdf is not null)
            {
                if (!pdf.Exists)
                {
                    throw new CliException(Errors.NoSuchFile(pdf.FullName), ExitCodes.Usage);
                }

                sha = Sha256(await File.ReadAllBytesAsync(pdf.FullName, cancellationToken));
                path = $"/api/verify/files/{sha}";
            }
            else
            {
                path = $"/api/verify/{Uri.EscapeDataString(given!.Trim())}";
            }

            using var api = global.Client(result);
            var (status, body) = await api.GetAnyAsync<JsonElement>(path, cancellationToken);
            var output = result.InvocationConfiguration.Output;
            if (status == HttpStatusCode.NotFound)
            {
                var verdict = sha is null ? Messages.NoSuchCode(given!.Trim()) : Messages.FileNotIssued(pdf!.Name, sha);
                if (result.GetValue(global.Json))
                {
                    output.WriteLine(JsonSerializer.Serialize(new { matches = false, sha256 = sha, code = given, problem = Str(body, "detail") }, ApiClient.Json));
                }
                else
                {
                    output.WriteLine(verdict.In(lang));
                }

                return ExitCodes.NotVerified;
            }

            if (status != HttpStatusCode.OK)
            {
                throw new CliException(Text.Same($"{(int)status} {Str(body, "detail")}"), status == HttpStatusCode.BadRequest ? ExitCodes.Refused : ExitCodes.Unavailable);
            }

            var intact = body.GetProperty("contentIntact").GetBoolean();
            PrintVerified(global.Printer(result), output, body, sha is null ? (intact ? Messages.OnRecord : Messages.RecordDamaged) : Messages.FileMatches(pdf!.Name));
            return intact ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    /// <summary>The verdict first, a warning when a later version replaced it, the facts and digests, then every block as printed.</summary>
    private static void PrintVerified(Printer printer, TextWriter output, JsonElement d, Text verdict)
    {
        var lang = printer.Lang;
        if (printer.IsJson)
        {
            printer.Print(d, []);
            return;
        }

        output.WriteLine(verdict.In(lang));
        if (d.TryGetProperty("replacedBy", out var later) && later.ValueKind == JsonValueKind.String)
        {
            output.WriteLine(Messages.Replaced(later.GetString()!).In(lang));
        }

        output.WriteLine();
        printer.Print(d, [
            (Labels.Title, $"{Str(d, "titleZh")} {Str(d, "titleEn")}"),
            (Labels.Number, Str(d, "number")),
            (Labels.Version, d.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture)),
            (Labels.Task, Str(d, "subject")),
            (Labels.IssuedOn, Str(d, "issuedOn")),
            (Labels.Replaces, Str(d, "replaces") is "-" ? null : $"{Str(d, "replaces")} ({Str(d, "reason")})"),
            (Labels.ContentSha256, Str(d, "contentSha256")),
            (Labels.PdfSha256, Str(d, "pdfSha256")),
        ]);
        foreach (var block in d.GetProperty("blocks").EnumerateArray())
        {
            output.WriteLine();
            output.WriteLine($"【{Str(block, "headingZh")} {Str(block, "headingEn")}】");
            var fields = block.GetProperty("fields").EnumerateArray().Select(f => (new Text(Str(f, "labelZh"), Str(f, "labelEn")), (string?)Str(f, "value"))).ToList();
            if (fields.Count > 0)
            {
                printer.Print(block, fields);
            }

            if (block.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.Object)
            {
                printer.Table(table, [.. table.GetProperty("columns").EnumerateArray().Select(c => Text.Same(c.GetString() ?? string.Empty))],
                    table.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToArray()));
            }
        }
    }

    private static void PrintInfo(Printer printer, JsonElement d) => printer.Print(d, [
        (Labels.DocumentKind, KindTitle(Str(d, "kind")).Label(printer.Lang)),
        (Labels.Number, Str(d, "number")),
        (Labels.Version, d.GetProperty("version").GetInt32().ToString(CultureInfo.InvariantCulture)),
        (Labels.Code, Str(d, "code")),
        (Labels.Replaces, Str(d, "replaces") is "-" ? null : $"{Str(d, "replaces")} ({Str(d, "reason")})"),
        (Labels.IssuedAt, ChinaTime.Cell(d.GetProperty("issuedAt").GetDateTimeOffset())),
        (Labels.IssuedBy, Str(d, "issuedBy")),
        (Labels.PdfSha256, Str(d, "pdfSha256")),
        (Labels.Pdf, Str(d, "pdfUrl")),
    ]);

    private static Text KindTitle(string kind) => kind switch
    {
        "sampling-record" => new("抽样单", "Sampling record"),
        "test-report" => new("检验报告", "Test report"),
        "result-notice" => new("检验结果通知书", "Notice of test results"),
        "disposal-notice" => new("不合格处置通知书", "Notice of failure and order to rectify"),
        "result-sheet" => new("结果公开单", "Public result sheet"),
        _ => Text.Same(kind),
    };

    private static IEnumerable<(string Field, string Message)> FieldProblems(JsonElement problem)
    {
        if (problem.ValueKind != JsonValueKind.Object || !problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            yield return ("-", Str(problem, "detail"));
            yield break;
        }

        foreach (var field in errors.EnumerateObject())
        {
            yield return (field.Name, string.Join("; ", field.Value.EnumerateArray().Select(m => m.GetString())));
        }
    }

    private static Argument<string> TaskArgument() => new("task") { Description = "Task id (draw:uscc:category), as task list prints it" };

    private static Argument<string> KindArgument()
    {
        var kind = new Argument<string>("kind") { Description = "sampling-record, test-report, result-notice, disposal-notice or result-sheet" };
        kind.AcceptOnlyFromAmong(Kinds);
        return kind;
    }

    private static string TaskPath(string taskId) => $"/api/tasks/{Uri.EscapeDataString(taskId)}";

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined ? v.ToString() : "-";
}
