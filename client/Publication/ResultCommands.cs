using System.CommandLine;
using System.Text.Json;
using Samples.Client.Bulletins;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Domain.Reference;

namespace Samples.Client.Publication;

/// <summary>
/// Adds to <c>samples results</c> (the public results list): <c>list</c> with names, product, batch, failed items and
/// each result's status and reason; <c>correct</c> and <c>withdraw</c> (supervisors), each a new revision with its
/// reason, never an edit; <c>history</c>, a result's revisions.
/// </summary>
public static class ResultCommands
{
    public static Command WithPublicationWork(this Command command, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Change(global, "correct", "Publish the result again from today's records (e.g. a corrected name), with the reason (supervisor)"));
        command.Subcommands.Add(Change(global, "withdraw", "Withdraw a published result with the reason; it stays listed, marked withdrawn (supervisor)"));
        command.Subcommands.Add(History(global));
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var limit = new Option<int?>("--limit") { Description = "How many, newest first (default 500)" };
        var command = new Command("list", "The published results by name: enterprise, producer, product, batch, outcome, failed items, lab, status (anyone)") { limit };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>("/api/results" + (result.GetValue(limit) is { } n ? $"?limit={n}" : string.Empty), cancellationToken);
            global.Printer(result).Table(rows,
                [Labels.Published, BulletinTexts.Task, BulletinTexts.Enterprise, BulletinTexts.Producer, BulletinTexts.Product, BulletinTexts.BatchNumber, BulletinTexts.Outcome,
                    BulletinTexts.FailedItems, BulletinTexts.Lab, BulletinTexts.Status],
                rows.EnumerateArray().Select(r => new[]
                {
                    Text(r, "publishedOn"), Text(r, "taskId"), Name(r, "enterpriseName", "enterprise"), Name(r, "producerName", "producerUscc"),
                    string.Join(' ', new[] { Text(r, "productName"), Text(r, "trademark"), Text(r, "specification") }.Where(x => x != "-")),
                    Text(r, "batchNumber"), Text(r, "outcome"),
                    string.Join("; ", r.GetProperty("failedItems").EnumerateArray().Select(i => $"{Text(i, "name")} {Text(i, "result")}/{Text(i, "limit")}")),
                    Text(r, "lab"), Status(r),
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Change(GlobalOptions global, string action, string description)
    {
        var task = new Argument<string>("task") { Description = "Task id (as results list prints it)" };
        var reason = new Option<string>("--reason") { Description = "Why (the public reads it)", Required = true };
        var command = new Command(action, description) { task, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var revision = await api.PostAsync<JsonElement>($"/api/results/{Uri.EscapeDataString(result.GetValue(task)!)}/{action}", new { reason = result.GetValue(reason) }, cancellationToken);
            PrintRevision(global, result, revision);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command History(GlobalOptions global)
    {
        var task = new Argument<string>("task") { Description = "Task id" };
        var command = new Command("history", "A published result's revisions: the publication, then each correction or withdrawal with its reason (anyone)") { task };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rows = await api.GetAsync<JsonElement>($"/api/results/{Uri.EscapeDataString(result.GetValue(task)!)}/history", cancellationToken);
            global.Printer(result).Table(rows, [BulletinTexts.Revision, BulletinTexts.Status, BulletinTexts.Reason, BulletinTexts.RecordedAt, BulletinTexts.Enterprise, BulletinTexts.Outcome],
                rows.EnumerateArray().Select(v => new[]
                {
                    Text(v, "revision"), Text(v, "status"), Text(v, "reason"), ChinaTime.Cell(v.GetProperty("recordedAt").GetDateTimeOffset()),
                    Name(v.GetProperty("result"), "enterpriseName", "enterpriseUscc"), Text(v.GetProperty("result"), "outcome"),
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintRevision(GlobalOptions global, ParseResult result, JsonElement v) =>
        global.Printer(result).Print(v, [
            (BulletinTexts.Task, Text(v.GetProperty("result"), "taskId")),
            (BulletinTexts.Revision, Text(v, "revision")),
            (BulletinTexts.Status, Text(v, "status")),
            (BulletinTexts.Reason, Text(v, "reason")),
            (BulletinTexts.RecordedAt, ChinaTime.Cell(v.GetProperty("recordedAt").GetDateTimeOffset())),
            (BulletinTexts.Enterprise, Name(v.GetProperty("result"), "enterpriseName", "enterpriseUscc")),
        ]);

    /// <summary>"published", or "withdrawn: why" / "corrected: why".</summary>
    private static string Status(JsonElement r) => Text(r, "reason") is var why && why != "-" ? $"{Text(r, "status")}: {why}" : Text(r, "status");

    /// <summary>The name, else the code (a result recorded before names were published has none).</summary>
    private static string Name(JsonElement e, string name, string code) => Text(e, name) is var n && n != "-" ? n : Text(e, code);

    private static string Text(JsonElement e, string name) => BulletinCommands.Text(e, name);
}
