using System.CommandLine;
using Samples.Client.Commands;
using Samples.Client.Config;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Contracts.Access;
using Samples.Client.Language;

namespace Samples.Client.Access;

/// <summary><c>samples login</c> and <c>samples logout</c>: keep a credential in the configuration file instead of typing it.</summary>
public static class LoginCommands
{
    public static Command Login(GlobalOptions global, TextReader input)
    {
        var token = new Option<string>("--with-token") { Description = "The token to save (smp_KEYID.SECRET; default: read from standard input)" };
        var command = new Command("login", "Check a credential against the API and save it (and the API address) for later commands") { token };
        command.SetAction(async (result, cancellationToken) =>
        {
            var given = result.GetValue(token) ?? result.GetValue(global.Token) ?? await input.ReadLineAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(given))
            {
                throw new CliException(Errors.NoToken, ExitCodes.Usage);
            }

            var api = global.GivenApi(result) ?? GlobalOptions.DefaultApi;
            using (var client = GlobalOptions.Client(api, given))
            {
                // Saved only once the API accepts it: a typo is reported now, not at the next command.
                var me = await client.GetAsync<ApiPrincipal>("/api/whoami", cancellationToken);
                var path = global.ConfigPath(result);
                new CliConfig(api, given.Trim()).Save(path);
                global.Printer(result).Print(me, [
                    (Labels.LoggedInAs, me.Name),
                    (Labels.Role, me.Role),
                    (Labels.ActsAs, me.Subject),
                    (Labels.Api, api),
                    (Labels.SavedTo, path),
                ]);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Logout(GlobalOptions global)
    {
        var command = new Command("logout", "Forget the saved credential");
        command.SetAction(result =>
        {
            var path = global.ConfigPath(result);
            result.InvocationConfiguration.Output.WriteLine((CliConfig.Delete(path) ? Messages.Removed(path) : Messages.NothingSaved(path)).In(global.Language(result)));
            return ExitCodes.Ok;
        });
        return command;
    }
}
