using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Client.Output;
using Samples.Domain.Reference;

namespace Samples.Client.Bulletins;

/// <summary>
/// <c>samples bulletin …</c>: quality bulletins (质量公告). Supervisors draft one for a period and scope (its figures
/// printed as tables for review) and publish exactly the figures reviewed, named by their SHA-256; anyone lists the
/// published ones and reads one, saving its PDF and CSV.
/// </summary>
public static class BulletinCommands
{
    public static Command Bulletin(GlobalOptions global)
    {
        var command = new Command("bulletin", "Quality bulletins (质量公告): draft, review and publish (supervisor); list and read (anyone)");
        command.Subcommands.Add(Draft(global));
        command.Subcommands.Add(Publish(global));
        command.Subcommands.Add(Get(global));
        command.Subcommands.Add(List(global));
        return command;
    }

    private static Command Draft(GlobalOptions global)
    {
        var period = new Option<string>("--period") { Description = "A year (2026) or a quarter (2026-Q4)", Required = true };
        var scope = new Option<string?>("--scope") { Description = "province (default), prefecture:CODE (e.g. prefecture:632800) or category:CODE" };
        var command = new Command("draft", "Compute the draft of a period and scope from the published results and print its figures for review (supervisor)") { period, scope };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var view = await api.PostAsync<JsonElement>("/api/bulletins", new { period = result.GetValue(period), scope = result.GetValue(scope) ?? "province" }, cancellationToken);
            PrintBulletin(global, result, view);
            if (!result.GetValue(global.Json))
            {
                result.InvocationConfiguration.Output.WriteLine();
                result.InvocationConfiguration.Output.WriteLine(BulletinTexts.PublishHint(Text(view, "id"), Text(view, "figuresSha256")).In(global.Language(result)));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Publish(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The bulletin's id, as draft prints it (e.g. 2026-province)" };
        var sha = new Option<string>("--sha256") { Description = "The SHA-256 of the draft's figures you reviewed (refused when the draft changed since)", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why: required when the bulletin was published before (a correction, 更正)" };
        var command = new Command("publish", "Publish the draft exactly as reviewed (supervisor)") { id, sha, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var view = await api.PostAsync<JsonElement>($"/api/bulletins/{Uri.EscapeDataString(result.GetValue(id)!)}/publish",
                new { figuresSha256 = result.GetValue(sha), reason = result.GetValue(reason) }, cancellationToken);
            PrintIdentity(global.Printer(result), view);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(GlobalOptions global)
    {
        var id = new Argument<string>("id") { Description = "The bulletin's id (samples bulletin list prints them)" };
        var draft = new Option<bool>("--draft") { Description = "The current draft rather than the published bulletin (supervisor)" };
        var pdf = new Option<FileInfo?>("--pdf") { Description = "Also save its PDF to this file" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Also save its figures as CSV to this file" };
        var command = new Command("get", "One bulletin: its figures, number and verification code; optionally its PDF and CSV") { id, draft, pdf, csv };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var path = $"/api/bulletins/{Uri.EscapeDataString(result.GetValue(id)!)}" + (result.GetValue(draft) ? "/draft" : string.Empty);
            var view = await api.GetAsync<JsonElement>(path, cancellationToken);
            PrintBulletin(global, result, view);
            var lang = global.Language(result);
            foreach (var (file, url, what) in new[] { (result.GetValue(pdf), Text(view, "pdfUrl"), "PDF"), (result.GetValue(csv), Text(view, "csvUrl"), "CSV") })
            {
                if (file is null)
                {
                    continue;
                }

                // Saved byte for byte as served: the PDF's SHA-256 is what /verify shows.
                using var response = await api.GetStreamAsync(url, cancellationToken);
                await using (var target = File.Create(file.FullName))
                {
                    await response.Content.CopyToAsync(target, cancellationToken);
                }

                await result.InvocationConfiguration.Error.WriteLineAsync(BulletinTexts.Saved(what, file.FullName).In(lang));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var drafts = new Option<bool>("--drafts") { Description = "The drafts under review instead (supervisor)" };
        var command = new Command("list", "The published bulletins, newest first (anyone); or the drafts") { drafts };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>(result.GetValue(drafts) ? "/api/bulletins/drafts" : "/api/bulletins", cancellationToken);
            var sorted = rows.EnumerateArray().OrderByDescending(r => Text(r, "publishedAt"), StringComparer.Ordinal).ToList();
            global.Printer(result).Table(rows, [BulletinTexts.Bulletin, BulletinTexts.Edition, BulletinTexts.Number, BulletinTexts.PublishedAt, BulletinTexts.Title],
                sorted.Select(r => new[] { Text(r, "id"), Text(r, "edition"), Text(r, "number"), When(r, "publishedAt"), Text(r, "title") }));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The bulletin's identity, then (for people) its figures as tables: what a reviewer checks before publishing.</summary>
    private static void PrintBulletin(GlobalOptions global, ParseResult result, JsonElement view)
    {
        var printer = global.Printer(result);
        PrintIdentity(printer, view);
        if (result.GetValue(global.Json))
        {
            return;
        }

        var f = view.GetProperty("figures");
        var output = result.InvocationConfiguration.Output;
        var total = f.GetProperty("total");
        var retests = f.GetProperty("retests");
        output.WriteLine();
        printer.Print(view, [
            (BulletinTexts.Range, $"{Text(f, "from")} — {Text(f, "to")}"),
            (BulletinTexts.Batches, Text(total, "batches")),
            (BulletinTexts.Passed, Text(total, "passed")),
            (BulletinTexts.Failed, Text(total, "failed")),
            (BulletinTexts.PassRate, Rate(total)),
            (BulletinTexts.Retests, BulletinTexts.RetestLine(retests.GetProperty("retested").GetInt32(), retests.GetProperty("reversed").GetInt32(), retests.GetProperty("upheld").GetInt32()).In(printer.Lang)),
            (BulletinTexts.Withdrawn, Text(f, "withdrawn")),
        ]);
        foreach (var (title, key) in new[] { (BulletinTexts.ByCategory, "byCategory"), (BulletinTexts.ByPrefecture, "byPrefecture"), (BulletinTexts.ByKind, "byEnterpriseKind"), (BulletinTexts.Trend, "trend") })
        {
            output.WriteLine();
            output.WriteLine(title.Label(printer.Lang));
            printer.Table(view, [title, BulletinTexts.Batches, BulletinTexts.Passed, BulletinTexts.Failed, BulletinTexts.PassRate],
                f.GetProperty(key).EnumerateArray().Select(t => new[] { Text(t, "name"), Text(t, "batches"), Text(t, "passed"), Text(t, "failed"), Rate(t) }));
        }

        output.WriteLine();
        output.WriteLine(BulletinTexts.Failing.Label(printer.Lang));
        printer.Table(view, [BulletinTexts.Enterprise, BulletinTexts.Producer, BulletinTexts.Product, BulletinTexts.BatchNumber, BulletinTexts.FailedItems, BulletinTexts.Lab, BulletinTexts.Disposal],
            f.GetProperty("failing").EnumerateArray().Select(p => new[]
            {
                Text(p, "enterprise"), Text(p, "producer"), string.Join(' ', new[] { Text(p, "product"), Text(p, "trademark"), Text(p, "specification") }.Where(x => x != "-")),
                Text(p, "batchNumber"),
                string.Join("; ", p.GetProperty("failedItems").EnumerateArray().Select(i => $"{Text(i, "name")} {Text(i, "result")}/{Text(i, "limit")}")),
                Text(p, "lab"), Text(p, "disposal"),
            }));
    }

    private static void PrintIdentity(Printer printer, JsonElement view)
    {
        var published = Text(view, "status") == "published";
        printer.Print(view, [
            (BulletinTexts.Bulletin, Text(view, "id")),
            (BulletinTexts.Title, Text(view, "title")),
            (BulletinTexts.Status, (published ? BulletinTexts.PublishedWord : BulletinTexts.Draft).In(printer.Lang)),
            (BulletinTexts.Edition, Text(view, "edition")),
            (BulletinTexts.Number, published ? Text(view, "number") : null),
            (BulletinTexts.Code, published ? Text(view, "code") : null),
            (published ? BulletinTexts.PublishedAt : BulletinTexts.DraftedAt, When(view, published ? "publishedAt" : "draftedAt")),
            (BulletinTexts.Replaces, view.TryGetProperty("replaces", out var r) && r.ValueKind == JsonValueKind.String ? $"{r.GetString()}: {Text(view, "reason")}" : null),
            (BulletinTexts.Sha, Text(view, "figuresSha256")),
            (BulletinTexts.Files, $"{Text(view, "pdfUrl")}\n{Text(view, "csvUrl")}"),
        ]);
    }

    private static string Rate(JsonElement tally) =>
        tally.TryGetProperty("passRate", out var r) && r.ValueKind == JsonValueKind.Number ? string.Create(CultureInfo.InvariantCulture, $"{r.GetDecimal():0.0} %") : "-";

    private static string When(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? ChinaTime.Cell(v.GetDateTimeOffset()) : "-";

    internal static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined ? v.ToString() : "-";
}
