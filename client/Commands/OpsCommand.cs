using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Domain.Reference;

namespace Samples.Client.Commands;

/// <summary>
/// <c>samples ops</c>: operations for admins. <c>ops errors</c> lists the messages a consumer gave up on (what waits, per
/// message and endpoint, then each); <c>ops errors redeliver ID</c> or <c>--all</c> sends them again.
/// </summary>
public static class OpsCommand
{
    private static readonly Text Message = new("消息", "Message");
    private static readonly Text Endpoint = new("处理方", "Endpoint");
    private static readonly Text Count = new("条数", "Count");
    private static readonly Text Id = new("编号", "ID");
    private static readonly Text Cause = new("原因", "Cause");
    private static readonly Text Kind = new("类别", "Kind");
    private static readonly Text LastFailed = new("最后失败", "Last failed");
    private static readonly Text Attempts = new("尝试", "Attempts");
    private static readonly Text Redelivered = new("重新投递", "Redelivered");
    private static readonly Text Transient = new("暂时（存储或消息总线不可达）", "transient (store or bus unreachable)");
    private static readonly Text Permanent = new("需人工处理", "needs a person");

    public static Command Create(GlobalOptions global)
    {
        var all = new Option<bool>("--all") { Description = "Also list faults already redelivered" };
        var limit = new Option<int?>("--limit") { Description = "At most this many faults (1-1000, default 100)" };
        var errors = new Command("errors", "Messages a consumer gave up on after its retry budget (admins): counts and each, newest first") { all, limit };
        errors.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var query = $"/api/ops/errors?all={(result.GetValue(all) ? "true" : "false")}"
                + (result.GetValue(limit) is { } n ? string.Create(CultureInfo.InvariantCulture, $"&limit={n}") : string.Empty);
            var list = await api.GetAsync<JsonElement>(query, cancellationToken);
            var printer = global.Printer(result);
            var lang = global.Language(result);
            if (printer.IsJson)
            {
                printer.Print(list, []);
                return ExitCodes.Ok;
            }

            var output = result.InvocationConfiguration.Output;
            var waiting = list.GetProperty("waiting").GetInt32();
            await output.WriteLineAsync(waiting == 0
                ? new Text("没有等待重新投递的消息。", "No faulted message waits.").In(lang)
                : new Text($"{waiting} 条消息等待重新投递（samples ops errors redeliver --all）。", $"{waiting} faulted messages wait for redelivery (samples ops errors redeliver --all).").In(lang));
            if (waiting > 0)
            {
                printer.Table(list, [Message, Endpoint, Count], list.GetProperty("counts").EnumerateArray().Select(c => new[]
                {
                    MessageName(c.GetProperty("messageType").GetString()!).Label(lang),
                    EndpointName(c.GetProperty("endpoint").GetString()!).Label(lang),
                    c.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture),
                }));
            }

            var faults = list.GetProperty("faults").EnumerateArray().ToList();
            if (faults.Count > 0)
            {
                await output.WriteLineAsync();
                printer.Table(list, [Id, Message, Endpoint, Kind, Cause, LastFailed, Attempts, Redelivered], faults.Select(f => new[]
                {
                    f.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture),
                    MessageName(f.GetProperty("messageType").GetString()!).Label(lang),
                    EndpointName(f.GetProperty("endpoint").GetString()!).Label(lang),
                    (f.GetProperty("transient").GetBoolean() ? Transient : Permanent).In(lang),
                    $"{f.GetProperty("exceptionType").GetString()!.Split('.')[^1]}: {Shorten(f.GetProperty("exceptionMessage").GetString()!)}",
                    ChinaTime.Text(f.GetProperty("lastFailedAt").GetDateTimeOffset()),
                    f.GetProperty("attempts").GetInt32().ToString(CultureInfo.InvariantCulture),
                    f.GetProperty("redeliveredAt").ValueKind == JsonValueKind.Null ? "-"
                        : $"{ChinaTime.Text(f.GetProperty("redeliveredAt").GetDateTimeOffset())} {f.GetProperty("redeliveredBy").GetString()}",
                }));
            }

            return ExitCodes.Ok;
        });

        var id = new Argument<long?>("id") { Description = "The fault's ID as samples ops errors lists it", Arity = ArgumentArity.ZeroOrOne };
        var every = new Option<bool>("--all") { Description = "Redeliver every waiting fault" };
        var redeliver = new Command("redeliver", "Send faulted messages again to their endpoint (marked with when and by whom, audited; one already redelivered is not sent twice)") { id, every };
        redeliver.SetAction(async (result, cancellationToken) =>
        {
            var lang = global.Language(result);
            var one = result.GetValue(id);
            if (one is null == !result.GetValue(every))
            {
                throw new CliException(new Text("请给出一个编号或 --all", "give one fault ID or --all"), ExitCodes.Usage);
            }

            using var api = global.Client(result);
            var answer = await api.PostAsync<JsonElement>(one is { } n ? string.Create(CultureInfo.InvariantCulture, $"/api/ops/errors/{n}/redeliver") : "/api/ops/errors/redeliver",
                new { }, cancellationToken);
            var printer = global.Printer(result);
            var not = answer.GetProperty("notRedelivered").EnumerateArray().Select(p => p.GetString()).ToList();
            printer.Print(answer,
            [
                (new Text("已重新投递", "Redelivered"), answer.GetProperty("redelivered").GetInt32().ToString(CultureInfo.InvariantCulture)),
                (new Text("此前已投递（未重复发送）", "Already redelivered (not sent again)"), answer.GetProperty("alreadyRedelivered").GetInt32().ToString(CultureInfo.InvariantCulture)),
                (new Text("未能投递", "Not redelivered"), not.Count == 0 ? "-" : string.Join('\n', not)),
            ]);
            return not.Count == 0 ? ExitCodes.Ok : ExitCodes.Refused;
        });
        errors.Subcommands.Add(redeliver);
        return new Command("ops", "Operations (admins): faulted messages, reconciliation") { errors, ReconcileCommand.Create(global) };
    }

    /// <summary>What the message carries, named for people; an unknown type keeps its name.</summary>
    public static Text MessageName(string urn) => urn.Split(':')[^1] switch
    {
        "SamplingTasksChanged" => new("任务变更", "Task changes"),
        "DrawStepRecorded" => new("抽取步骤", "Draw steps"),
        "CalendarChangeRecorded" => new("工作日历变更", "Calendar changes"),
        var other => Text.Same(other),
    };

    /// <summary>What the endpoint builds from it.</summary>
    public static Text EndpointName(string queue) => queue switch
    {
        "task-read-models" => new("任务看板、审计与通知", "Task board, audit and notices"),
        "draw-audit" => new("抽取审计", "Draw audit"),
        "calendar-audit" => new("日历审计", "Calendar audit"),
        var other => Text.Same(other),
    };

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
