using Samples.Client;

namespace Samples.Tests.Support;

/// <summary>Runs the <c>samples</c> command line in-process against a running silo, capturing what it prints.</summary>
public static class CliRunner
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(RunningSilo silo, string? token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var all = args.Concat(["--api", silo.Address.ToString()]).Concat(token is null ? [] : new[] { "--token", token }).ToArray();
        var code = await SamplesCli.RunAsync(all, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
