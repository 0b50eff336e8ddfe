using Samples.Client;

namespace Samples.Tests.Support;

/// <summary>
/// Runs the <c>samples</c> command line in-process against a running silo, capturing what it prints. Unless the
/// arguments name a <c>--config</c>, a file that does not exist is named, so a login saved on the machine never counts.
/// </summary>
public static class CliRunner
{
    private static readonly string NoConfig = Path.Combine(Path.GetTempPath(), $"samples-no-config-{Guid.NewGuid():N}.json");

    public static async Task<(int Code, string Output, string Error)> RunAsync(RunningSilo silo, string? token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var all = args.Concat(["--api", silo.Address.ToString()]).Concat(token is null ? [] : new[] { "--token", token })
            .Concat(args.Contains("--config") ? [] : new[] { "--config", NoConfig }).ToArray();
        var code = await SamplesCli.RunAsync(all, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
