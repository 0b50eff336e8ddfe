using System.CommandLine;
using Samples.Client.Commands;
using Samples.Client.Output;
using Samples.Contracts.Directory;
using Samples.Domain.Reference;
using Samples.Client.Language;

namespace Samples.Client.Directory;

/// <summary><c>samples enterprise register|get</c>: the enterprise directory.</summary>
public static class EnterpriseCommands
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("enterprise", "Enterprises in the target directory (检查对象名录库)");
        command.Subcommands.Add(Register(global));
        command.Subcommands.Add(Get(global));
        command.Subcommands.Add(ImportCommands.Import(global, "enterprises", "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class"));
        command.Subcommands.Add(ImportCommands.Export(global, "enterprises"));
        return command;
    }

    private static Command Register(GlobalOptions global)
    {
        var uscc = new Option<string>("--uscc") { Description = "Unified Social Credit Code, 18 characters", Required = true };
        var name = new Option<string>("--name") { Description = "Registered name", Required = true };
        var address = new Option<string?>("--address") { Description = "Address" };
        var region = new Option<string?>("--region") { Description = "Administrative division code (GB/T 2260), e.g. 632800" };
        var reason = new Option<string?>("--override-reason") { Description = "Register a code that fails its check character, stating why (recorded)" };
        var command = new Command("register", "Register an enterprise (supervisor or admin)") { uscc, name, address, region, reason };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var view = await api.PostAsync<EnterpriseView>("/api/enterprises", new
            {
                uscc = result.GetValue(uscc),
                name = result.GetValue(name),
                address = result.GetValue(address),
                regionCode = result.GetValue(region),
                usccOverrideReason = result.GetValue(reason),
            }, cancellationToken);
            Show(global.Printer(result), view);
            return 0;
        });
        return command;
    }

    private static Command Get(GlobalOptions global)
    {
        var uscc = new Argument<string>("uscc") { Description = "Unified Social Credit Code" };
        var command = new Command("get", "Show an enterprise and its history") { uscc };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var code = Uri.EscapeDataString(result.GetValue(uscc)!.Trim());
            Show(global.Printer(result), await api.GetAsync<EnterpriseView>($"/api/enterprises/{code}", cancellationToken));
            return 0;
        });
        return command;
    }

    private static void Show(Printer printer, EnterpriseView view) => printer.Print(view,
    [
        (Labels.Uscc, view.Uscc),
        (Labels.Name, view.Name),
        (Labels.Address, view.Address),
        (Labels.Region, view.RegionCode),
        (Labels.Registered, Messages.Registered(ChinaTime.Text(view.RegisteredAt), view.RegisteredBy).In(printer.Lang)),
        (Labels.UsccOverride, view.UsccOverride is { } o ? Messages.OverrideApproved(o.Reason, o.ApprovedBy, o.ValidationProblem).In(printer.Lang) : null),
        // One entry a line; the printer lines them up under the value column.
        (Labels.History, string.Join('\n', view.History.Select(h => $"{ChinaTime.Text(h.At)} {h.By}: {h.What}"))),
    ]);
}
