using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Contracts.Access;
using Samples.Domain.Accounts;
using Samples.Domain.Reference;

namespace Samples.Client.Accounts;

/// <summary><c>samples user create|list|logout-everywhere</c>: person accounts, for an admin.</summary>
public static class UserCommands
{
    public static Command User(GlobalOptions global, TextReader input)
    {
        var user = new Option<string>("--user") { Description = "The user name people log in with: 3-40 of a-z 0-9 . - _ (e.g. li.jian)", Required = true };
        var name = new Option<string>("--name") { Description = "The person's name", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Role.All)}", Required = true };
        var subject = new Option<string?>("--subject") { Description = "For an inspector or a lab: the inspector number or lab id the person acts as" };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the first password from standard input; without it a strong one is made and shown once (never on the command line)",
        };
        var create = new Command("create", "Create a person's account (admin); the first password must be changed at the first login")
            { user, name, role, subject, passwordStdin };
        create.SetAction(async (result, cancellationToken) =>
        {
            var lang = global.Language(result);
            var password = result.GetValue(passwordStdin) ? (await input.ReadLineAsync(cancellationToken))?.Trim() ?? string.Empty : AccountRules.NewFirstPassword();
            using var api = global.Client(result);
            var account = await api.PostAsync<JsonElement>("/api/users",
                new { userName = result.GetValue(user), name = result.GetValue(name), role = result.GetValue(role), subject = result.GetValue(subject), password }, cancellationToken);
            global.Printer(result).Print(account,
            [
                (Labels.User, Text(account, "userName")), (Labels.PersonName, Text(account, "name")), (Labels.Role, Text(account, "role")), (Labels.ActsAs, Text(account, "subject")),
                (Labels.FirstPassword, result.GetValue(passwordStdin) ? Messages.AsGiven.In(lang) : password),
                (Labels.Note, Messages.GivePassword.In(lang)),
            ]);
            return ExitCodes.Ok;
        });

        var list = new Command("list", "Every account: role, who it acts as, whether the first password is still to change, lockouts, open sessions");
        list.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var users = await api.GetAsync<JsonElement>("/api/users", cancellationToken);
            var lang = global.Language(result);
            global.Printer(result).Table(users, [Labels.User, Labels.PersonName, Labels.Role, Labels.ActsAs, Labels.FirstPassword, Labels.LockedUntil, Labels.Sessions],
                users.EnumerateArray().Select(u => new[]
                {
                    Text(u, "userName"), Text(u, "name"), Text(u, "role"), Text(u, "subject"),
                    (u.GetProperty("mustChangePassword").GetBoolean() ? Messages.ToChange : Messages.Changed).In(lang),
                    u.TryGetProperty("lockedUntil", out var locked) && locked.ValueKind == JsonValueKind.String ? ChinaTime.Cell(locked.GetDateTimeOffset()) : "",
                    u.GetProperty("openSessions").GetInt32().ToString(CultureInfo.InvariantCulture),
                }));
            return ExitCodes.Ok;
        });

        var who = new Argument<string>("user") { Description = "The user name" };
        var logout = new Command("logout-everywhere", "End every login session of an account (admin): a lost phone, a person who left") { who };
        logout.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var ended = await api.PostAsync<JsonElement>($"/api/users/{Uri.EscapeDataString(result.GetValue(who)!)}/logout-everywhere", new { }, cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync(Messages.SessionsEnded(ended.GetProperty("ended").GetInt32(), result.GetValue(who)!).In(global.Language(result)));
            return ExitCodes.Ok;
        });

        var command = new Command("user", "Person accounts (admin): people log in to the web application with these; API tokens stay for machines");
        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        command.Subcommands.Add(logout);
        return command;
    }

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
