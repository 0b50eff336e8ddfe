using System.Diagnostics;
using System.Text;
using Samples.Client;
using Samples.Client.Http;
using Samples.Draw;

namespace Samples.Tests.Host.Draw;

/// <summary>
/// Identical results across two processes: the <c>samples tickets</c> program, started as a child process, prints the
/// same bytes as the in-process ticket computation. Nothing in a draw may depend on the process (hash seeds, culture,
/// dictionary order).
/// </summary>
public sealed class TicketsAcrossProcessesTests
{
    private static readonly string[] Ids =
    [
        "ENT|91632800QH000001X", "ENT|91632800QH000002X", "BATCH|91630100MA000003X|LC-2026-0117", "INS|QH-0004",
        "青海盐湖工业股份有限公司", "ab-1", "ab-2", "cd-1", "ef-3", "AB-130", "Ω-7", "x", "y", "z", "0", "00",
    ];

    [Theory]
    [InlineData("314159", null)]
    [InlineData("SSJ-v1|targets|QH-2026-R03|0f3c|5be1", null)]
    [InlineData("种子 seed", "5")]
    public async Task The_child_process_prints_exactly_what_the_library_computes(string seed, string? take)
    {
        var expected = new UTF8Encoding(false).GetBytes(string.Concat(
            Tickets.Sample(Ids, seed, take is null ? Ids.Length : int.Parse(take, System.Globalization.CultureInfo.InvariantCulture))
                .Select(t => $"{t.Ticket} {t.Id}\n")));

        var (code, output, error) = await RunSamplesAsync(string.Concat(Ids.Select(id => id + "\n")), take is null ? ["tickets", "--seed", seed] : ["tickets", "--seed", seed, "--take", take]);

        code.Should().Be(ExitCodes.Ok, error);
        output.Should().Equal(expected, "the same tickets in the same order, byte for byte");
    }

    /// <summary>Runs the built <c>samples.dll</c> (copied beside the tests by the project reference) with the dotnet host.</summary>
    private static async Task<(int Code, byte[] Output, string Error)> RunSamplesAsync(string input, string[] args)
    {
        var dll = typeof(SamplesCli).Assembly.Location;
        File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")).Should().BeTrue($"{dll} must be runnable on its own");
        var start = new ProcessStartInfo(DotnetHost(), [dll, .. args])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        // The child reads standard input in the locale's encoding: pin it, so the test does not depend on the runner's locale.
        start.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        await reading;
        return (process.ExitCode, output.ToArray(), await error);
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
    }
}
