using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Http;
using Samples.Client.Language;

namespace Samples.Client.Commands;

/// <summary>
/// <c>samples ops reconcile [--repair]</c> (admins): each task's and draw's version against the task board and the audit
/// trail. Reports only, unless --repair: then what lags has its events published again. Exit 0 when nothing is left
/// behind (or all of it was repaired), 1 when something still disagrees.
/// </summary>
public static class ReconcileCommand
{
    private static readonly Text Checked = new("已核对", "Checked");
    private static readonly Text Behind = new("落后", "Behind");
    private static readonly Text Repaired = new("已修复", "Repaired");
    private static readonly Text Ahead = new("超前（需人工查看）", "Ahead (for a person to look at)");
    private static readonly Text Kind = new("类型", "Kind");
    private static readonly Text Id = new("编号", "Id");
    private static readonly Text Grain = new("实体版本", "Grain version");
    private static readonly Text Board = new("任务看板版本", "Board version");
    private static readonly Text MissingAudit = new("审计缺少的版本", "Missing from the audit trail");
    private static readonly Text State = new("状态", "State");

    public static Command Create(GlobalOptions global)
    {
        var repair = new Option<bool>("--repair") { Description = "Publish the events of what lags again (without it, only report)" };
        var command = new Command("reconcile", "Compare every task's and draw's version with the task board and the audit trail (admins)") { repair };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var fix = result.GetValue(repair);
            var report = await api.PostAsync<JsonElement>($"/api/ops/reconcile?repair={(fix ? "true" : "false")}", new { }, cancellationToken);
            var printer = global.Printer(result);
            var lang = printer.Lang;
            int Count(string name) => report.GetProperty(name).GetInt32();
            var streams = report.GetProperty("streams").EnumerateArray().ToList();
            if (printer.IsJson)
            {
                printer.Print(report, []);
            }
            else
            {
                printer.Print(report, [
                    (Checked, Count("checked").ToString(CultureInfo.InvariantCulture)),
                    (Behind, Count("behind").ToString(CultureInfo.InvariantCulture)),
                    (Repaired, Count("repaired").ToString(CultureInfo.InvariantCulture)),
                    (Ahead, Count("ahead").ToString(CultureInfo.InvariantCulture)),
                ]);
                if (streams.Count > 0)
                {
                    printer.Table(report, [Kind, Id, Grain, Board, MissingAudit, State], streams.Select(s => new[]
                    {
                        s.GetProperty("kind").GetString() == "draw" ? new Text("抽取", "draw").In(lang) : new Text("任务", "task").In(lang),
                        s.GetProperty("id").GetString() ?? string.Empty,
                        s.GetProperty("grainVersion").GetInt32().ToString(CultureInfo.InvariantCulture),
                        s.GetProperty("boardVersion").ValueKind == JsonValueKind.Number ? s.GetProperty("boardVersion").GetInt32().ToString(CultureInfo.InvariantCulture) : "-",
                        string.Join(",", s.GetProperty("missingAudit").EnumerateArray().Select(v => v.GetInt32().ToString(CultureInfo.InvariantCulture))),
                        (s.GetProperty("ahead").GetBoolean() ? new Text("超前", "ahead")
                            : s.GetProperty("repaired").GetBoolean() ? new Text("已重新发布", "republished") : new Text("落后", "behind")).In(lang),
                    }));
                }
            }

            var left = streams.Count(s => s.GetProperty("ahead").GetBoolean() || !s.GetProperty("repaired").GetBoolean());
            return left == 0 ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }
}
