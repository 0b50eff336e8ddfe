using Samples.Client;
using Samples.Client.Http;
using Samples.Domain.Catalogue;
using Samples.Domain.Tests.Draw;
using Samples.Draw;

namespace Samples.Tests.Host.Draw;

/// <summary><c>samples tickets</c> and <c>samples verify</c>: offline, no --api or --token.</summary>
public sealed class DrawCliTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("samples-draw-cli-");

    public void Dispose() => _folder.Delete(true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SamplesCli.RunAsync(args, output, error, new StringReader(input));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Tickets_prints_every_id_in_ticket_order_with_the_full_ticket()
    {
        var result = await RunAsync("ab-1\nab-2\r\ncd-1\n\nef-3\n", "tickets", "--seed", "314159");

        result.Code.Should().Be(ExitCodes.Ok, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => l.Split(' ')[1]).Should().Equal(["cd-1", "ef-3", "ab-1", "ab-2"], "the spec's sample order");
        lines[0].Should().Be($"{Tickets.Ticket("cd-1", "314159")} cd-1", "the full ticket, then the id");
        Tickets.Cut(lines[2].Split(' ')[0], 9).Should().Be("0.9098039269", "the spec's cut ticket");
    }

    [Fact]
    public async Task Tickets_take_prints_the_k_smallest()
    {
        var result = await RunAsync("ab-1\nab-2\ncd-1\nef-3\n", "tickets", "--seed", "314159", "--take", "2");

        result.Code.Should().Be(ExitCodes.Ok, result.Error);
        result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).Should().Equal(["cd-1", "ef-3"], "the two smallest");
    }

    [Fact]
    public async Task Tickets_refuses_a_duplicate_id_in_one_line()
    {
        var result = await RunAsync("a\nb\na\n", "tickets", "--seed", "1");

        result.Code.Should().Be(ExitCodes.Usage, "wrong input");
        result.Error.Trim().Should().Be("samples: 第 3 行：编号 'a' 重复（首次出现在第 1 行） / line 3: duplicate id 'a' (first on line 1)", "one clear line");
    }

    [Fact]
    public async Task Tickets_without_a_seed_is_wrong_arguments()
    {
        var result = await RunAsync("a\n", "tickets");

        result.Code.Should().Be(ExitCodes.Usage, "--seed is required");
        result.Error.Should().Contain("--seed", "the message names the option");
    }

    [Fact]
    public async Task Verify_accepts_an_untouched_bundle()
    {
        var path = Write("draw.json", Bundles.Create(DrawFixture.Ceremony()).ToJson());

        var result = await RunAsync("", "verify", path, "--lang", "en");
        var chinese = await RunAsync("", "verify", path);

        result.Code.Should().Be(ExitCodes.Ok, result.Output + result.Error);
        result.Output.Trim().Should().Be("verified: draw QH-2026-R03, 22 picks in 5 strata, 22 teams, 2 outside contribution(s)", "a one-line summary");
        chinese.Output.Trim().Should().Be("验证通过：抽取 QH-2026-R03，5 层共 22 个抽中对象，22 个检查组，2 份外部熵");
    }

    [Fact]
    public async Task Verify_with_the_announced_commitment_tells_a_resealed_forgery_apart()
    {
        var genuine = Bundles.Create(DrawFixture.Ceremony());
        var announced = Seals.CommitmentSha256(genuine.Commitment);
        // A forger back-dates the commitment by an hour and seals the bundle again: it verifies in itself.
        var forged = Bundles.Seal(genuine with { Commitment = genuine.Commitment with { CommittedAt = genuine.Commitment.CommittedAt.AddHours(-1) } });
        Verifier.Verify(forged).Should().BeEmpty("the forgery is consistent in itself (the order of events still holds)");

        (await RunAsync("", "verify", Write("genuine.json", genuine.ToJson()), "--commitment", announced)).Code.Should().Be(ExitCodes.Ok);
        var caught = await RunAsync("", "verify", Write("forged.json", forged.ToJson()), "--commitment", announced);

        caught.Code.Should().Be(ExitCodes.NotVerified);
        caught.Output.Should().Contain("这不是公告的那次抽取");

        // After the draw: a forged contribution source, re-sealed, keeps the commitment but not the published bundle hash.
        var published = Seals.BundleSha256(genuine);
        var renamed = Bundles.Seal(genuine with { Contributions = [genuine.Contributions[0] with { Source = "witness 张冒名" }, .. genuine.Contributions.Skip(1)] });
        (await RunAsync("", "verify", Write("renamed.json", renamed.ToJson()), "--commitment", announced)).Code.Should().Be(ExitCodes.Ok, "the commitment alone does not cover contributions");
        var anchored = await RunAsync("", "verify", Write("renamed2.json", renamed.ToJson()), "--bundle-sha256", published);
        anchored.Code.Should().Be(ExitCodes.NotVerified);
        anchored.Output.Should().Contain("这不是公布的那个抽取包");
        (await RunAsync("", "verify", Write("genuine2.json", genuine.ToJson()), "--bundle-sha256", published)).Code.Should().Be(ExitCodes.Ok);
    }

    [Fact]
    public async Task Verify_prints_what_differs_and_exits_1()
    {
        var bundle = Bundles.Create(DrawFixture.Ceremony());
        var picks = bundle.Picks.ToArray();
        (picks[0], picks[1]) = (picks[1], picks[0]);
        var path = Write("draw.json", (bundle with { Picks = picks }).ToJson());

        var result = await RunAsync("", "verify", path, "--lang", "en");

        result.Code.Should().Be(ExitCodes.NotVerified, "the bundle was tampered with");
        result.Output.Should().StartWith("DOES NOT VERIFY: draw QH-2026-R03, 3 difference(s):")
            .And.Contain($"  stratum {picks[0].Stratum} pick 1: bundle says {picks[0].Id}, recomputed {picks[1].Id}")
            .And.Contain("  seal: the picks changed after the draw");
    }

    [Fact]
    public async Task Verify_reads_frames_held_by_hash_from_a_folder()
    {
        var ceremony = DrawFixture.Ceremony();
        var path = Write("draw.json", Bundles.Create(ceremony, inlineFrames: false).ToJson());
        var frames = _folder.CreateSubdirectory("frames");
        File.WriteAllBytes(Path.Combine(frames.FullName, "targets.csv"), ceremony.Targets.Bytes);
        File.WriteAllBytes(Path.Combine(frames.FullName, "inspectors.csv"), ceremony.Inspectors.Bytes);
        File.WriteAllBytes(Path.Combine(frames.FullName, "exclusions.csv"), ceremony.Exclusions.Bytes);

        var without = await RunAsync("", "verify", path);
        var with = await RunAsync("", "verify", path, "--frames", frames.FullName);

        without.Code.Should().Be(ExitCodes.NotVerified, "the frames are missing");
        without.Output.Should().Contain("target frame: not in the bundle and not given (--frames DIR)");
        with.Code.Should().Be(ExitCodes.Ok, with.Output + with.Error);
    }

    [Fact]
    public async Task Verify_streams_compressed_frames_kept_by_their_hash_beside_the_bundle()
    {
        var ceremony = DrawFixture.Ceremony();
        var bundle = Bundles.Create(ceremony, inlineFrames: false);
        var path = Write("by-hash.json", bundle.ToJson());
        foreach (var frame in new[] { (ceremony.Targets.Sha256, ceremony.Targets.Bytes), (ceremony.Inspectors.Sha256, ceremony.Inspectors.Bytes), (ceremony.Exclusions.Sha256, ceremony.Exclusions.Bytes) })
        {
            using var file = File.Create(Path.Combine(_folder.FullName, PublishedFrames.FileName(frame.Item1)));
            PublishedFrames.Compress(frame.Item2, file);
        }

        var verified = await RunAsync("", "verify", path);
        verified.Code.Should().Be(ExitCodes.Ok, verified.Output + verified.Error);

        // Another frame in the target frame's place: found by the name, refused by the bytes it decompresses to.
        var tampered = ceremony.Targets.Bytes.ToArray();
        tampered[^2] = (byte)(tampered[^2] == (byte)'A' ? 'B' : 'A');
        using (var file = File.Create(Path.Combine(_folder.FullName, PublishedFrames.FileName(ceremony.Targets.Sha256))))
        {
            PublishedFrames.Compress(tampered, file);
        }

        var refused = await RunAsync("", "verify", path);
        refused.Code.Should().Be(ExitCodes.NotVerified);
        refused.Output.Should().Contain($"target frame: sha256 of the bytes is {Tickets.Sha256Hex(tampered)}, the commitment says {ceremony.Targets.Sha256}");

        // Bytes that are not gzip at all: one difference naming the frame, not a crash.
        File.WriteAllText(Path.Combine(_folder.FullName, PublishedFrames.FileName(ceremony.Targets.Sha256)), "not gzip");
        var unreadable = await RunAsync("", "verify", path);
        unreadable.Code.Should().Be(ExitCodes.NotVerified);
        unreadable.Output.Should().Contain("target frame: unreadable:");
    }

    [Fact]
    public async Task Verify_of_a_missing_or_malformed_file_is_one_line_without_a_stack_trace()
    {
        var missing = await RunAsync("", "verify", Path.Combine(_folder.FullName, "nope.json"));
        var garbage = await RunAsync("", "verify", Write("bad.json", "not json"));

        missing.Code.Should().Be(ExitCodes.Usage, "unreadable file");
        missing.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("samples: ").And.Contain("nope.json");
        garbage.Code.Should().Be(ExitCodes.Usage, "not a bundle");
        garbage.Error.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith($"samples: {Path.Combine(_folder.FullName, "bad.json")}: not a draw bundle: ");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
