using System.Diagnostics;

namespace Samples.Tests.Support;

/// <summary>One run of a repository script through bash: its exit code and what it printed.</summary>
public sealed record ScriptRun(int ExitCode, string Output, string Error)
{
    public static async Task<ScriptRun> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new ScriptRun(process.ExitCode, await output, await error);
    }
}
