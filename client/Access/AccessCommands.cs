using System.CommandLine;
using Samples.Client.Commands;
using Samples.Client.Output;
using Samples.Contracts.Access;
using Samples.Client.Language;

namespace Samples.Client.Access;

/// <summary><c>samples credential create|revoke</c> and <c>samples whoami</c>.</summary>
public static class AccessCommands
{
    public static Command Credential(GlobalOptions global)
    {
        var name = new Option<string>("--name") { Description = "Who the credential is for", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Role.All)}", Required = true };
        var subject = new Option<string?>("--subject") { Description = "For an inspector or lab credential: the inspector number or lab id it acts as" };
        var create = new Command("create", "Issue a credential (admin); its token is shown once") { name, role, subject };
        create.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var issued = await api.PostAsync<IssuedCredential>("/api/credentials",
                new { name = result.GetValue(name), role = result.GetValue(role), subject = result.GetValue(subject) }, cancellationToken);
            global.Printer(result).Print(issued,
                [(Labels.KeyId, issued.KeyId), (Labels.PersonName, issued.Name), (Labels.Role, issued.Role), (Labels.ActsAs, issued.Subject), (Labels.Token, issued.Token), (Labels.Note, Messages.TokenShownOnce.In(global.Language(result)))]);
            return 0;
        });
        var keyId = new Argument<string>("key-id") { Description = "The credential's key id (the part between smp_ and the dot)" };
        var revoke = new Command("revoke", "Revoke a credential (admin): its token stops working at once") { keyId };
        revoke.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            await api.DeleteAsync($"/api/credentials/{Uri.EscapeDataString(result.GetValue(keyId)!)}", cancellationToken);
            result.InvocationConfiguration.Output.WriteLine(Messages.Revoked(result.GetValue(keyId)!).In(global.Language(result)));
            return 0;
        });
        var command = new Command("credential", "API credentials");
        command.Subcommands.Add(create);
        command.Subcommands.Add(revoke);
        return command;
    }

    public static Command WhoAmI(GlobalOptions global)
    {
        var command = new Command("whoami", "Show which credential and role you are using");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var me = await api.GetAsync<ApiPrincipal>("/api/whoami", cancellationToken);
            global.Printer(result).Print(me, [(Labels.KeyId, me.KeyId), (Labels.PersonName, me.Name), (Labels.Role, me.Role), (Labels.ActsAs, me.Subject)]);
            return 0;
        });
        return command;
    }
}
