using System.CommandLine;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Draws;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Client.Language;

namespace Samples.Client.Directory;

/// <summary><c>samples inspector list|get</c>, <c>samples lab list</c>, <c>samples plan get|frames</c>.</summary>
public static class DirectoryCommands
{
    public static Command Inspectors(GlobalOptions global)
    {
        var command = new Command("inspector", "Inspectors (执法检查人员名录库)");
        var list = new Command("list", "List every inspector (supervisor)");
        list.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var inspectors = await api.GetAsync<JsonElement>("/api/inspectors", cancellationToken);
            var lang = global.Language(result);
            global.Printer(result).Table(inspectors, [Labels.Number, Labels.PersonName, Labels.Unit, Labels.Region, Labels.OnLeave, Labels.MaxOpen, Labels.Categories],
                inspectors.EnumerateArray().Select(i => new[]
                {
                    Text(i, "number"), Text(i, "name"), Text(i, "unit"), Text(i, "regionCode"),
                    (i.GetProperty("onLeave").GetBoolean() ? Messages.Yes : Messages.No).In(lang), i.GetProperty("maxOpenTasks").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    string.Join(' ', i.GetProperty("qualifiedCategories").EnumerateArray().Select(c => c.GetString())),
                }));
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(ImportCommands.Import(global, "inspectors", "number,name,unit,region_code,qualified_categories,on_leave,max_open_tasks[,conflicts]"));
        command.Subcommands.Add(ImportCommands.Export(global, "inspectors"));
        return command;
    }

    public static Command Batches(GlobalOptions global)
    {
        var command = new Command("batch", "Product batches (产品批次)");
        command.Subcommands.Add(ImportCommands.Import(global, "batches", "batch_id,enterprise_uscc,producer_uscc,category,product_name,trademark,spec_model,standard,batch_number,production_date"));
        command.Subcommands.Add(ImportCommands.Export(global, "batches"));
        return command;
    }

    public static Command Labs(GlobalOptions global)
    {
        var command = new Command("lab", "Labs (检验机构)");
        var list = new Command("list", "List every lab");
        list.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var labs = await api.GetAsync<JsonElement>("/api/labs", cancellationToken);
            var lang = global.Language(result);
            global.Printer(result).Table(labs, [Labels.Id, Labels.Name, Labels.Retests, Labels.Categories],
                labs.EnumerateArray().Select(l => new[]
                {
                    Text(l, "id"), Text(l, "name"), (l.GetProperty("mayRetest").GetBoolean() ? Messages.Yes : Messages.No).In(lang),
                    string.Join(' ', l.GetProperty("accreditedCategories").EnumerateArray().Select(c => c.GetString())),
                }));
            return 0;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(ImportCommands.Import(global, "labs", "id,name,accredited_categories,accredited_items,may_retest"));
        command.Subcommands.Add(ImportCommands.Export(global, "labs"));
        return command;
    }

    public static Command Plans(GlobalOptions global)
    {
        var command = new Command("plan", "Sampling plans and the frames of their rounds");
        var planId = new Argument<string>("plan") { Description = "Plan id, e.g. QH-2026-DEMO" };
        var round = new Option<int>("--round") { Description = "Round number", DefaultValueFactory = _ => 1 };
        var frames = new Command("frames", "Eligible targets per stratum and eligible inspectors of a round, with exclusions") { planId, round };
        frames.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var id = Uri.EscapeDataString(result.GetValue(planId)!);
            var summary = await api.GetAsync<JsonElement>($"/api/plans/{id}/frames?round={result.GetValue(round)}", cancellationToken);
            var printer = global.Printer(result);
            var lang = printer.Lang;
            printer.Table(summary, [Labels.Stratum, Labels.Targets],
                summary.GetProperty("strata").EnumerateArray().Select(s => new[] { Samples.Domain.Plans.SamplingWeightRules.Describe(Text(s, "key")), s.GetProperty("members").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) })
                    .Append([Messages.Total.In(lang), summary.GetProperty("targets").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .Append([Messages.ExcludedTargets.In(lang), summary.GetProperty("excludedTargets").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .Append([Messages.EligibleInspectors.In(lang), summary.GetProperty("inspectors").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)])
                    .Append([Messages.BuiltIn.In(lang), summary.GetProperty("buildMilliseconds").GetDouble().ToString("0", System.Globalization.CultureInfo.InvariantCulture)]));
            return 0;
        });
        var get = new Command("get", "Show the current version of a plan") { planId };
        get.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var plan = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(planId)!)}", cancellationToken);
            result.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(plan, Http.ApiClient.Json));
            return 0;
        });
        command.Subcommands.Add(get);
        command.Subcommands.Add(frames);
        command.Subcommands.Add(DrawCeremonyCommands.Schedule(global));
        return command;
    }

    private static string Text(JsonElement element, string property) => element.GetProperty(property).GetString() ?? "-";
}
