using System.Diagnostics;
using System.Text;
using Samples.Client;
using Samples.Domain.Tests.Draw;
using Samples.Draw;

namespace Samples.Tests.Host.Draw;

/// <summary>
/// `samples verify` compiled ahead of time (client/Verify) says exactly what the managed command says, or answers 125 and
/// leaves the case to it (the `samples` wrapper then runs the managed command). Run here as the solution builds it
/// (the same code under the JIT; ops/bench-draw.sh compares the published native binary's output on the large draw).
/// </summary>
public sealed class AheadOfTimeVerifyTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("samples-verify-aot-");

    public void Dispose() => _folder.Delete(true);

    private static string VerifyDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
        {
            dir = dir.Parent;
        }

        dir.Should().NotBeNull("the tests run inside the repository");
        // The same configuration as this test assembly (…/bin/<configuration>/net10.0/).
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(dir!.FullName, "client", "Verify", "bin", configuration, "net10.0", "samples-verify.dll");
        File.Exists(dll).Should().BeTrue($"the test project's reference builds {dll}");
        return dll;
    }

    private static async Task<(int Code, string Output)> AheadOfTimeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [VerifyDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        (await error).Should().BeEmpty("the ahead-of-time verifier writes nothing on standard error");
        return (process.ExitCode, await output);
    }

    private static async Task<(int Code, string Output)> ManagedAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await SamplesCli.RunAsync(args, output, new StringWriter(), new StringReader(""));
        return (code, output.ToString());
    }

    private string Published()
    {
        var ceremony = DrawFixture.Ceremony() with { Format = DrawBundle.FormatV2 };
        var path = Path.Combine(_folder.FullName, "bundle.json");
        File.WriteAllText(path, Bundles.Create(ceremony, inlineFrames: false).ToJson());
        foreach (var frame in new[] { (ceremony.Targets.Sha256, ceremony.Targets.Bytes), (ceremony.Inspectors.Sha256, ceremony.Inspectors.Bytes), (ceremony.Exclusions.Sha256, ceremony.Exclusions.Bytes) })
        {
            using var file = File.Create(Path.Combine(_folder.FullName, PublishedFrames.FileName(frame.Item1)));
            PublishedFrames.Compress(frame.Item2, file);
        }

        return path;
    }

    [Fact]
    public async Task It_says_what_the_managed_command_says_when_the_draw_verifies_and_when_it_does_not()
    {
        var path = Published();
        var tampered = Path.Combine(_folder.FullName, "tampered.json");
        var json = File.ReadAllText(path);
        var at = json.IndexOf("\"ticket\": \"", StringComparison.Ordinal) + "\"ticket\": \"".Length;
        File.WriteAllText(tampered, string.Concat(json.AsSpan(0, at), json[at] == '1' ? "2" : "1", json.AsSpan(at + 1)));

        string[][] cases =
        [
            ["verify", path],
            ["verify", path, "--lang", "en"],
            ["verify", tampered],
            ["verify", tampered, "--lang", "en"],
            ["verify", path, "--commitment", new string('a', 64)],
            ["verify", path, "--bundle-sha256", new string('b', 64), "--lang", "en", "--frames", _folder.FullName],
        ];
        foreach (var args in cases)
        {
            var managed = await ManagedAsync(args);
            var native = await AheadOfTimeAsync(args);

            native.Should().Be(managed, string.Join(' ', args));
        }

        (await ManagedAsync("verify", path)).Code.Should().Be(0, "the case list holds a draw that verifies");
        (await ManagedAsync("verify", tampered)).Code.Should().Be(1, "and one that does not");
    }

    [Fact]
    public async Task It_leaves_help_wrong_arguments_and_unreadable_files_to_the_managed_command()
    {
        var path = Published();
        File.WriteAllText(Path.Combine(_folder.FullName, "bad.json"), "not json");

        string[][] cases =
        [
            ["verify", "--help"],
            ["verify"],
            ["verify", path, "--lang", "fr"],
            ["verify", path, "--frames", Path.Combine(_folder.FullName, "nope")],
            ["verify", path, "--beacon-relay", "http://127.0.0.1:9"],
            ["verify", path, "--unknown"],
            ["verify", Path.Combine(_folder.FullName, "bad.json")],
            ["verify", Path.Combine(_folder.FullName, "missing.json")],
            ["tickets", "--seed", "1"],
        ];
        foreach (var args in cases)
        {
            (await AheadOfTimeAsync(args)).Should().Be((125, ""), string.Join(' ', args));
        }
    }
}
