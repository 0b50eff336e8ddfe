using System.Diagnostics;
using System.Text.Json.Nodes;
using Samples.Domain.Tests.Draw;
using Samples.Draw;

namespace Samples.Tests.Host.Draw;

/// <summary>
/// tests/Independent/verify_bundle.py, a verifier written from draw/spec/draw-spec.md §6 and draw/README.md alone
/// (Python, standard library), against bundles this project makes: if the documents are enough, it verifies every
/// genuine bundle and names the part of a tampered one.
/// </summary>
public sealed class IndependentVerifierTests : IDisposable
{
    private readonly DirectoryInfo _folder = System.IO.Directory.CreateTempSubdirectory("samples-independent-");

    public void Dispose() => _folder.Delete(true);

    private static string Script
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Samples.sln")))
            {
                dir = dir.Parent;
            }

            dir.Should().NotBeNull("the test runs inside the repository");
            return Path.Combine(dir!.FullName, "tests", "Independent", "verify_bundle.py");
        }
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not on PATH: install it (Debian: apt-get install python3) to run the independent verifier", e);
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>A short team (capacity 1) completed, a withdrawn inspector replaced, two alternates used: every kind of step.</summary>
    private static DrawBundle Supplements()
    {
        var inspectors = CanonicalFrames.Inspectors([.. DrawFixture.Inspectors().Rows.Select(r => r with { Capacity = Math.Min(r.Capacity, 2) })]);
        var plain = SealFixture.V2(DrawFixture.Ceremony(inspectors: inspectors));
        var report = Staffing.Of(inspectors.Rows, Bundles.QuotasOf(plain.Targets, plain.Rules.Quotas), plain.Rules.Teams);
        var ceremony = report.ShortPools.Count == 0 ? plain : plain with { Staffing = new(StaffingShortfall.AllowShortTeams, report.ShortPools) };
        return Bundles.Create(ceremony, afterDraw: s =>
        {
            var teams = s.Result.Teams;
            var full = teams.Where(t => t.Members.Count == 2).ToList();
            s.Replace(full[0].TargetId, full[0].Members[1], "declined (回避)");
            s.UseAlternate(full[1].TargetId, "closed (停业)");
            s.UseAlternate(full[2].TargetId, "moved away \"迁出\"");
            var shortTeam = s.Result.Teams.FirstOrDefault(t => t.Members.Count < 2 && t.Status != "target replaced by an alternate");
            if (shortTeam is not null)
            {
                s.Complete(shortTeam.TargetId, "短缺补足");
            }

            s.Replace(full[3].TargetId, full[3].Members[0], "ill");
        });
    }

    /// <summary>Recusal facts aimed at the plain draw's teams, so the teams change.</summary>
    private static DrawBundle Recusals()
    {
        var plain = SealFixture.Plain();
        var enterprise = (string id) => id.Split('|')[1];
        var ceremony = SealFixture.V2(DrawFixture.Ceremony(
            conflicts: [new(plain.Teams[0].Members[0], enterprise(plain.Teams[0].TargetId), "亲属任职"), new(plain.Teams[2].Members[0], plain.Teams[2].TargetId, "whole id")],
            inspections: [new(plain.Teams[1].Members[1], enterprise(plain.Teams[1].TargetId), new DateOnly(2026, 1, 15)), new("INS|QH-0099", "x", new DateOnly(2026, 1, 1))]));
        var bundle = Bundles.Create(ceremony);
        bundle.Teams.Select(t => string.Join(",", t.Members)).Should().NotEqual(plain.Teams.Select(t => string.Join(",", t.Members)), "the facts change teams");
        return bundle;
    }

    /// <summary>
    /// What the fixtures leave out: marked strata with weights (one above 1), a class without a ratio, a fixed number
    /// above the stratum's members, a pool nobody covers (allowed short), and a stratum's alternates used up.
    /// </summary>
    private static DrawBundle Edges()
    {
        var rows = DrawFixture.Targets().Rows.ToList();
        for (var i = 0; i < 15; i++)
        {
            rows.Add(new TargetRow($"ENT|91632800TS{i:D6}X", "632800|lithium-carbonate|B|tourist-site"));
        }

        for (var i = 0; i < 6; i++)
        {
            rows.Add(new TargetRow($"BATCH|91632800AB{i:D6}X|碳酸锂", "632800|lithium-carbonate|C|abnormal-operation+tourist-site"));
        }

        for (var i = 0; i < 5; i++)
        {
            rows.Add(new TargetRow($"ENT|91630100CO{i:D6}X", "630100|cosmetics|B"));
        }

        var quotas = new QuotaRules([new("B", 0.2m), new("C", 0.5m)], true, [new("630100|potash-kcl-gb6549|C", 20)], 1,
            Weights: [new(StratumMarks.AbnormalOperation, 3m), new(StratumMarks.TouristSite, 2.5m)]);
        var plain = SealFixture.V2(DrawFixture.Ceremony(rules: DrawFixture.Rules() with { Quotas = quotas })) with { Targets = CanonicalFrames.Targets(rows) };
        var report = Staffing.Of(plain.Inspectors.Rows, Bundles.QuotasOf(plain.Targets, plain.Rules.Quotas), plain.Rules.Teams);
        var ceremony = plain with { Staffing = new(StaffingShortfall.AllowShortTeams, report.ShortPools) };
        return Bundles.Create(ceremony, afterDraw: s =>
        {
            var twice = s.Result.Teams.Where(t => t.Stratum == "632800|lithium-carbonate|B").Take(2).ToList();
            s.UseAlternate(twice[0].TargetId, "closed");
            s.UseAlternate(twice[1].TargetId, "closed too: no alternate left");
        });
    }

    /// <summary>A paced round (README "Pacing"): the round's size and its shares as fixed numbers.</summary>
    private static DrawBundle Paced()
    {
        var strata = DrawFixture.Targets().Rows.GroupBy(r => r.Stratum).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var plan = DrawFixture.Rules().Quotas;
        var pacing = Pacer.Size(200, 10, 20, 5, 50, 5, 0.25m, plan.Fixed);
        var rules = DrawFixture.Rules() with { Quotas = plan with { Fixed = Pacer.Spread(pacing.RoundSize, strata, plan), Pacing = pacing } };
        var inspectors = CanonicalFrames.Inspectors([.. DrawFixture.Inspectors().Rows.Select(r => r with { Capacity = r.Capacity * 2 })]);
        return Bundles.Create(SealFixture.V2(DrawFixture.Ceremony(rules, inspectors: inspectors)));
    }

    private static IEnumerable<(string Name, DrawBundle Bundle)> Kinds() =>
    [
        .. SealFixture.All(),
        ("supplements", Supplements()),
        ("recusals", Recusals()),
        ("edges", Edges()),
        ("paced", Paced()),
        ("v1", Bundles.Create(DrawFixture.Ceremony(), afterDraw: s => s.Replace(s.Result.Teams[0].TargetId, s.Result.Teams[0].Members[0], "declined"))),
    ];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        var keep = Environment.GetEnvironmentVariable("SAMPLES_INDEPENDENT_KEEP");
        if (!string.IsNullOrEmpty(keep))
        {
            System.IO.Directory.CreateDirectory(keep);
            File.WriteAllText(Path.Combine(keep, name), text);
        }

        return path;
    }

    [Fact]
    public void Every_kind_of_genuine_bundle_verifies()
    {
        foreach (var (name, bundle) in Kinds())
        {
            // With the hashes the project announces: the commitment's before the draw, the bundle's in the index.
            var result = Run(Write(name + ".json", bundle.ToJson()), "--commitment", Seals.CommitmentSha256(bundle.Commitment, bundle.Format), "--bundle-sha256", Seals.BundleSha256(bundle));
            result.Code.Should().Be(0, $"{name}: {result.Output}");
            Run(Write(name + "-other.json", bundle.ToJson()), "--bundle-sha256", new string('0', 64)).Output.Should().Contain("is not the published", name);
        }
    }

    [Fact]
    public void Frames_held_by_hash_are_read_from_the_folder()
    {
        var ceremony = SealFixture.V2(DrawFixture.Ceremony());
        var path = Write("by-hash.json", Bundles.Create(ceremony, inlineFrames: false).ToJson());
        var frames = _folder.CreateSubdirectory("frames");
        File.WriteAllBytes(Path.Combine(frames.FullName, "targets.csv"), ceremony.Targets.Bytes);
        File.WriteAllBytes(Path.Combine(frames.FullName, "inspectors.csv"), ceremony.Inspectors.Bytes);
        File.WriteAllBytes(Path.Combine(frames.FullName, "exclusions.csv"), ceremony.Exclusions.Bytes);

        Run(path).Code.Should().Be(1, "the frames are missing");
        var with = Run(path, frames.FullName);
        with.Code.Should().Be(0, with.Output);

        File.WriteAllBytes(Path.Combine(frames.FullName, "inspectors.csv"), [.. ceremony.Inspectors.Bytes, .. "INS|QH-9999,x,632800,lithium-carbonate,1\n"u8.ToArray()]);
        var changed = Run(path, frames.FullName);
        changed.Code.Should().Be(1);
        changed.Output.Should().Contain("inspector frame");
    }

    [Theory]
    [InlineData("contribution-source", "contributions")]
    [InlineData("pick-swapped", "picks")]
    [InlineData("replacement-reason", "replacements")]
    [InlineData("alternate-use-reason", "alternateUses")]
    [InlineData("conflict-reason", "commitment")]
    [InlineData("revealed-at", "reveal")]
    public void A_tampered_bundle_fails_naming_the_part(string tamper, string part)
    {
        var json = JsonNode.Parse(Supplements().ToJson())!.AsObject();
        switch (tamper)
        {
            case "contribution-source": json["contributions"]![0]!["source"] = "witness 张冒名"; break;
            case "pick-swapped":
                var picks = json["picks"]!.AsArray();
                var (a, b) = (picks[0]!["id"]!.GetValue<string>(), picks[1]!["id"]!.GetValue<string>());
                (picks[0]!["id"], picks[1]!["id"]) = (b, a);
                break;
            case "replacement-reason": json["replacements"]![0]!["reason"] = "forged"; break;
            case "alternate-use-reason": json["alternateUses"]![0]!["reason"] = "forged"; break;
            case "conflict-reason": json["commitment"]!["conflicts"]![0]!["reason"] = "forged"; break;
            case "revealed-at": json["revealedAt"] = "2026-03-02T10:01:00.5+08:00"; break;
        }

        var result = Run(Write(tamper + ".json", json.ToJsonString()));

        result.Code.Should().Be(1, result.Output);
        result.Output.Should().Contain($"seal: the {part} changed after the draw");
    }

    [Fact]
    public void A_re_sealed_forgery_is_caught_by_the_re_draw()
    {
        // Consistent seals prove nothing by themselves (draw-spec §6.2): the re-draw must find each of these.
        var supplemented = SealFixture.Supplemented();
        var replacer = Bundles.Seal(supplemented with { Replacements = [supplemented.Replacements[0] with { Replacer = "INS|QH-0008" }] });
        Run(Write("replacer.json", replacer.ToJson())).Output.Should().Contain("replacement step 1: bundle says replacer INS|QH-0008");

        var recusals = Recusals();
        var forgotten = Bundles.Seal(recusals with { Commitment = recusals.Commitment with { Conflicts = [] } });
        var teams = Run(Write("forgotten.json", forgotten.ToJson()));
        teams.Code.Should().Be(1);
        teams.Output.Should().Contain("members: bundle says").And.NotContain("seal:");

        var paced = Paced();
        var quotas = paced.Commitment.Rules.Quotas;
        var moved = quotas.Fixed.Select((f, i) => i == 0 ? f with { Count = f.Count + 1 } : f).ToArray();
        var shifted = Bundles.Create(SealFixture.V2(DrawFixture.Ceremony(paced.Commitment.Rules with { Quotas = quotas with { Fixed = moved } })));
        Run(Write("shifted.json", shifted.ToJson())).Output.Should().Contain("pacing: the round's fixed numbers are");
    }

    [Fact]
    public void A_re_encoded_v2_bundle_keeps_its_seals_and_verifies()
    {
        // Python's own encoder (indented, \u escapes, 0.20 written 0.2) keeps every v2 seal: that is what JCS is for.
        // The quota rule texts keep the written digits (ceil(0.20 × 12)), and their numbers are compared by value (draw-spec §6.6).
        var result = Run(Write("decimals.json", SealFixture.Decimals().ToJson()), "--reencode");
        result.Code.Should().Be(0, result.Output);
        Run(Write("plain-reencoded.json", SealFixture.Supplemented().ToJson()), "--reencode").Code.Should().Be(0, "nothing of it is a decimal written with a trailing zero");
    }
}
