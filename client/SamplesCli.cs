using System.CommandLine;
using Samples.Client.Access;
using Samples.Client.Audit;
using Samples.Client.Bulletins;
using Samples.Client.Catalogue;
using Samples.Client.Accounts;
using Samples.Client.Commands;
using Samples.Client.Demo;
using Samples.Client.Directory;
using Samples.Client.Documents;
using Samples.Client.Draws;
using Samples.Client.Http;
using Samples.Client.Language;
using Samples.Client.Progress;
using Samples.Client.Publication;
using Samples.Client.Reference;
using Samples.Client.Risk;
using Samples.Client.Tasks;

namespace Samples.Client;

/// <summary>The <c>samples</c> command line: talks to the Samples HTTP API.</summary>
public static class SamplesCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, Console.In, cancellationToken);

    /// <param name="input">Standard input, for commands that read it (<c>samples tickets</c>).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TextReader input, CancellationToken cancellationToken = default)
    {
        VerifyTrace.Mark("SamplesCli.RunAsync");
        var global = new GlobalOptions();
        var root = new RootCommand("samples: supervision sampling (双随机一公开) from the command line.\n"
            + "Exit codes: 0 ok, 1 wrong arguments (for verify: does not verify), 2 refused by the API, 3 not authenticated or not allowed, 4 API unreachable or failing.");
        global.AddTo(root);
        if (args is ["verify", ..])
        {
            // `samples verify` builds its own command only: the whole tree (every command's options and actions, compiled
            // on first use) costs an offline verification about 0.1 s of start-up (ops/bench-draw.sh measures it).
            root.Subcommands.Add(DrawCommands.Verify(global));
        }
        else
        {
            AddCommands(root, global, input);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        VerifyTrace.Mark("command tree built");
        var parsed = root.Parse(args);
        var lang = global.Language(parsed);
        if (parsed.Errors.Count > 0)
        {
            // A wrong argument: what was wrong, one line each, and where the usage is; not the whole help text.
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"samples: {problem.Message}");
            }

            await error.WriteLineAsync($"samples: {Messages.SeeHelp(string.Join(' ', CommandPath(parsed.CommandResult))).Error(lang)}");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliException ex)
        {
            await error.WriteLineAsync($"samples: {ex.Text.Error(lang)}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be read or written: the user's to fix, so one line, not a stack trace.
            await error.WriteLineAsync($"samples: {Errors.IoFailure(ex.Message).Error(lang)}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or HttpRequestException)
        {
            // The server answered something this client does not understand (another version, a proxy's page).
            await error.WriteLineAsync($"samples: {Errors.UnexpectedAnswer(ex.Message).Error(lang)}");
            return ExitCodes.Unavailable;
        }
    }

    private static void AddCommands(RootCommand root, GlobalOptions global, TextReader input)
    {
        root.Subcommands.Add(EnterpriseCommands.Create(global));
        root.Subcommands.Add(DirectoryCommands.Inspectors(global));
        root.Subcommands.Add(DirectoryCommands.Labs(global).WithLabWork(global));
        root.Subcommands.Add(DirectoryCommands.Batches(global));
        root.Subcommands.Add(DirectoryCommands.Plans(global));
        root.Subcommands.Add(AccessCommands.Credential(global));
        root.Subcommands.Add(AccessCommands.WhoAmI(global));
        root.Subcommands.Add(UserCommands.User(global, input));
        root.Subcommands.Add(HealthCommand.Create(global));
        root.Subcommands.Add(CatalogueCommands.Create(global));
        root.Subcommands.Add(CalendarCommands.Create(global));
        root.Subcommands.Add(DemoCommands.Create(global));
        root.Subcommands.Add(DrawCommands.Tickets(global, input));
        root.Subcommands.Add(DrawCommands.Verify(global));
        root.Subcommands.Add(DrawCeremonyCommands.Create(global));
        root.Subcommands.Add(FairnessCommand.Create(global));
        root.Subcommands.Add(AuditCommand.Create(global));
        root.Subcommands.Add(TaskCommands.Task(global));
        root.Subcommands.Add(DocumentCommands.Document(global));
        root.Subcommands.Add(ProgressCommands.Progress(global));
        root.Subcommands.Add(ProgressCommands.Overdue(global));
        root.Subcommands.Add(ProgressCommands.Objections(global));
        root.Subcommands.Add(ProgressCommands.PublicResults(global).WithPublicationWork(global));
        root.Subcommands.Add(BulletinCommands.Bulletin(global));
        root.Subcommands.Add(RiskCommands.Risk(global));
        root.Subcommands.Add(OpsCommand.Create(global));
        root.Subcommands.Add(LoginCommands.Login(global, input));
        root.Subcommands.Add(LoginCommands.Logout(global));
    }

    private static Stack<string> CommandPath(System.CommandLine.Parsing.CommandResult? command)
    {
        var names = new Stack<string>();
        for (var c = command; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(c.Command is RootCommand ? "samples" : c.Command.Name);
        }

        return names;
    }
}
