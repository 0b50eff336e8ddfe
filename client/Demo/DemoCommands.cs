using System.CommandLine;
using System.Globalization;
using Samples.Client.Http;
using Samples.Domain.Demo;
using Samples.Domain.Directory;
using Samples.Client.Language;

namespace Samples.Client.Demo;

/// <summary><c>samples demo csv</c>: the synthetic Qinghai directory as an import file (for trials and benchmarks).</summary>
public static class DemoCommands
{
    public static Command Create(Commands.GlobalOptions global)
    {
        var count = new Option<int>("--enterprises") { Description = "How many enterprises", DefaultValueFactory = _ => 3000 };
        var seed = new Option<ulong>("--seed") { Description = "The same seed gives the same file", DefaultValueFactory = _ => 20260101UL };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write", Required = true };
        var csv = new Command("csv", "Write a synthetic enterprise directory CSV (every name says 示例: example)") { count, seed, output };
        csv.SetAction(async (result, cancellationToken) =>
        {
            var n = result.GetValue(count);
            if (n is < 1 or > 10_000_000)
            {
                throw new Http.CliException(Errors.EnterprisesRange, Http.ExitCodes.Usage);
            }

            var file = result.GetValue(output)!;
            var asOf = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
            var rows = new DemoDataGenerator(result.GetValue(seed)).Enterprises(n, asOf).Select((e, i) => EnterpriseImportMapping.ToRow(e, i + 2));
            await using (var stream = file.Create())
            {
                EnterpriseCsv.Write(stream, rows);
            }

            await result.InvocationConfiguration.Output.WriteLineAsync(Messages.DemoWritten(n, file.FullName, file.Length / 1048576.0).In(global.Language(result)));
            return 0;
        });
        var command = new Command("demo", "Synthetic demo data");
        command.Subcommands.Add(csv);
        return command;
    }
}
