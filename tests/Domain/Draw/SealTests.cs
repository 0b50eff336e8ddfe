using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// samples-draw-bundle-v2: every seal is SHA-256 of the RFC 8785 (JCS) text of its part, so any JSON library can check
/// it and a re-encoded bundle keeps its seals; v1 bundles keep theirs exactly.
/// </summary>
public sealed class SealTests
{
    private static readonly string[] Parts = ["commitment", "contributions", "picks", "alternates", "teams", "pools", "replacements", "alternateUses"];

    [Fact]
    public void Each_v2_seal_is_the_SHA256_of_the_JCS_of_its_part_as_the_bundle_text_holds_it()
    {
        foreach (var (name, bundle) in SealFixture.All())
        {
            bundle.Format.Should().Be(DrawBundle.FormatV2, name);
            Verifier.Verify(bundle).Should().BeEmpty(name);

            // What an implementation with any JSON library does: parse the bundle, canonicalise each part, hash.
            using var document = JsonDocument.Parse(bundle.ToJson());
            var root = document.RootElement;
            var seals = root.GetProperty("seals");
            foreach (var part in Parts)
            {
                Jcs.Sha256(root.GetProperty(part)).Should().Be(seals.GetProperty(part).GetString(), $"{name}: {part}");
            }

            var reveal = new JsonObject();
            foreach (var field in new[] { "format", "nonce", "revealedAt", "entropy", "targetSeed", "inspectorSeed" })
            {
                reveal[field] = JsonNode.Parse(root.GetProperty(field).GetRawText());
            }

            Jcs.Sha256(JsonSerializer.SerializeToElement(reveal)).Should().Be(seals.GetProperty("reveal").GetString(), $"{name}: reveal");
            Seals.BundleSha256(bundle).Should().Be(Jcs.Sha256(seals), $"{name}: the bundle's hash is of its seals object");
            Seals.CommitmentSha256(bundle.Commitment, bundle.Format).Should().Be(Jcs.Sha256(root.GetProperty("commitment")), name)
                .And.Be(bundle.Seals.Commitment, $"{name}: the announced commitment hash is the commitment's seal");
        }
    }

    [Fact]
    public void The_streamed_seals_equal_the_general_JCS_of_the_same_parts()
    {
        foreach (var (name, bundle) in SealFixture.All())
        {
            Seals.Of(bundle).Should().Be(Seals.OfGeneral(bundle), name);
        }

        // Strings every escape rule of JCS touches, and enough rows to cross the writer's buffer many times.
        string[] odd = ["引号\"与\\反斜杠", "tab\tnew\nline\r\b\f", "\u0001\u001f", "emoji 😀 and U+2028 \u2028", "<&>'/", "ü€𝄞"];
        var plain = SealFixture.Plain();
        var picks = Enumerable.Range(0, 20_000).Select(i => new Pick(odd[i % odd.Length] + i, "ID|" + i, new string('f', 64), 1)).ToArray();
        var teams = Enumerable.Range(0, 20_000).Select(i => new Team(
            "ID|" + i, odd[i % odd.Length], "630100|" + odd[(i + 1) % odd.Length], ["INS|" + i, odd[(i + 2) % odd.Length]],
            [new("INS|" + i, "ab" + i, i, true, null), new("INS|x", "cd", int.MaxValue, false, odd[(i + 3) % odd.Length])], TeamRule.Complete)).ToArray();
        var pools = Enumerable.Range(0, 500).Select(i => new PoolPosition(odd[i % odd.Length], [.. Enumerable.Range(0, 40).Select(m => "INS|" + m)], i)).ToArray();
        var large = plain with { Picks = picks, Alternates = picks[..100], Teams = teams, Pools = pools };
        Seals.Of(large).Should().Be(Seals.OfGeneral(large));
        Seals.Of(large).Teams.Should().NotBe(Seals.Of(large with { Teams = [.. teams[..^1], teams[^1] with { Status = "x" }] }).Teams, "the last byte counts too");
    }

    [Fact]
    public void A_v2_bundle_re_encoded_by_another_writer_keeps_every_seal()
    {
        foreach (var (name, bundle) in SealFixture.All())
        {
            var json = bundle.ToJson();
            var reencoded = Reencode(json);
            reencoded.Should().NotBe(json, name);
            if (name == "decimals")
            {
                json.Should().Contain("\"ratio\": 0.20");
                reencoded.Should().Contain("\"ratio\":0.2,").And.NotContain("\"ratio\":0.20", "the other writer writes the double");
            }

            var read = DrawBundle.FromJson(reencoded);
            Seals.Differences(read).Should().BeEmpty(name);
            Seals.BundleSha256(read).Should().Be(Seals.BundleSha256(bundle), name);
            Seals.CommitmentSha256(read.Commitment, read.Format).Should().Be(Seals.CommitmentSha256(bundle.Commitment, bundle.Format), name);
            Jcs.Canonicalize(reencoded).Should().Be(Jcs.Canonicalize(json), name);

            // Everything else verifies too: a quota rule text keeps the ratio's written digits (ceil(0.20 × …)), and the
            // verifier reads its numbers by value (draw-spec §6.6).
            Verifier.Verify(read).Should().BeEmpty(name);
        }

        // The other way round, a v1 bundle's seals are over this serializer's text: re-encoded, they no longer match.
        var v1 = Bundles.Create(DrawFixture.Ceremony(rules: DrawFixture.Rules() with
        {
            Quotas = DrawFixture.Rules().Quotas with { Ratios = [new("A", 0.050m), new("B", 0.20m), new("C", 0.50m)] },
        }));
        Seals.Differences(DrawBundle.FromJson(Reencode(v1.ToJson()))).Should().Contain(d => d.StartsWith("seal: the commitment changed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_byte_in_a_v2_part_is_reported_with_the_part()
    {
        var bundle = SealFixture.Supplemented();
        var json = bundle.ToJson();
        string Changed(string from, string to)
        {
            json.Should().Contain(from);
            var at = json.IndexOf(from, StringComparison.Ordinal);
            return string.Concat(json.AsSpan(0, at), to, json.AsSpan(at + from.Length));
        }

        Verifier.Verify(DrawBundle.FromJson(Changed("witness 王监督", "witness 王监替"))).Should().Contain(d => d.StartsWith("seal: the contributions changed", StringComparison.Ordinal));
        Verifier.Verify(DrawBundle.FromJson(Changed("declined (回避)", "declined (回避 )"))).Should().Contain(d => d.StartsWith("seal: the replacements changed", StringComparison.Ordinal));
        Verifier.Verify(DrawBundle.FromJson(Changed("closed (停业)", "closed (停业 )"))).Should().Contain(d => d.StartsWith("seal: the alternateUses changed", StringComparison.Ordinal));
        Verifier.Verify(DrawBundle.FromJson(Changed("\"revealedAt\": \"2026-03-02T10:01:00+08:00\"", "\"revealedAt\": \"2026-03-02T10:01:01+08:00\"")))
            .Should().Contain(d => d.StartsWith("seal: the reveal", StringComparison.Ordinal));
        Verifier.Verify(DrawBundle.FromJson(Changed("samples-draw-bundle-v2", "samples-draw-bundle-v1")))
            .Should().Contain(d => d.StartsWith("seal: the ", StringComparison.Ordinal), "a v2 bundle that claims v1 is sealed the other way");

        // Every quiet change of a letter or digit (a sample of them) is reported or refused, as for v1 (ByteFlipTests).
        var missed = new List<int>();
        for (var i = 0; i < json.Length; i += 17)
        {
            var c = json[i];
            var other = c switch { >= '0' and <= '8' => (char)(c + 1), '9' => '0', >= 'a' and <= 'y' => (char)(c + 1), 'z' => 'a', >= 'A' and <= 'Y' => (char)(c + 1), 'Z' => 'A', _ => c };
            if (other == c)
            {
                continue;
            }

            try
            {
                if (Verifier.Verify(DrawBundle.FromJson(string.Concat(json.AsSpan(0, i), other.ToString(), json.AsSpan(i + 1)))).Count == 0)
                {
                    missed.Add(i);
                }
            }
            catch (FormatException)
            {
                // Refused as a bundle: caught.
            }
        }

        missed.Select(i => json.Substring(Math.Max(0, i - 30), 60)).Should().BeEmpty();
    }

    [Fact]
    public void The_commitment_hash_is_chosen_by_the_format_and_a_v1_commitment_hashes_as_before()
    {
        var before = DrawFixture.Ceremony();
        before.Format.Should().Be(DrawBundle.FormatV1, "a ceremony that names no format was committed before v2");
        var v1 = Bundles.Create(before);
        var v2 = Bundles.Create(SealFixture.V2(before));
        JsonSerializer.Serialize(v1.Commitment, DrawBundle.Json).Should().Be(JsonSerializer.Serialize(v2.Commitment, DrawBundle.Json), "the commitment's fields do not change with the format");

        Seals.CommitmentSha256(v1.Commitment, DrawBundle.FormatV1).Should().Be(Seals.CommitmentSha256(v1.Commitment))
            .And.Be("69b9d1c4730e5ac75daa88f6747a72485b8919830f5f470f4a08fd8f2e241a2c", "as JointDrawTests has it since before v2");
        Seals.CommitmentSha256(v2.Commitment, DrawBundle.FormatV2).Should().NotBe(Seals.CommitmentSha256(v1.Commitment))
            .And.Be(Jcs.Sha256(JsonSerializer.SerializeToUtf8Bytes(v2.Commitment, DrawBundle.Json)));
        v1.Seals.Commitment.Should().Be(Seals.CommitmentSha256(v1.Commitment), "a v1 bundle's commitment seal is the hash announced before v2");
        v2.Picks.Should().Equal(v1.Picks, "the format changes the seals only");
        v2.Teams.Should().BeEquivalentTo(v1.Teams);
        DrawBundle.FormatId.Should().Be(DrawBundle.FormatV2, "new draws are committed as v2");
    }

    [Fact]
    public void A_v1_seal_is_the_SHA256_of_the_part_as_the_bundle_file_writes_it_without_whitespace()
    {
        // What draw-spec §6.2 tells an independent verifier about v1 bundles as this project writes them.
        var bundle = Bundles.Create(DrawFixture.Ceremony(), afterDraw: s => s.UseAlternate(s.Result.Teams[0].TargetId, "closed (停业)"));
        var json = bundle.ToJson();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Sha(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        foreach (var part in Parts)
        {
            Sha(Minified(root.GetProperty(part).GetRawText())).Should().Be(root.GetProperty("seals").GetProperty(part).GetString(), part);
        }

        var reveal = "{" + string.Join(",", new[] { "format", "nonce", "revealedAt", "entropy", "targetSeed", "inspectorSeed" }
            .Select(f => $"\"{f}\":{root.GetProperty(f).GetRawText()}")) + "}";
        Sha(reveal).Should().Be(bundle.Seals.Reveal);
        Sha(Minified(root.GetProperty("seals").GetRawText())).Should().Be(Seals.BundleSha256(bundle));
    }

    /// <summary>The text without the whitespace outside strings.</summary>
    private static string Minified(string json)
    {
        var text = new System.Text.StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                text.Append(c);
                if (c == '\\')
                {
                    text.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c is not (' ' or '\n' or '\r' or '\t'))
            {
                text.Append(c);
                inString = c == '"';
            }
        }

        return text.ToString();
    }

    [Fact]
    public void A_decimal_a_double_would_change_is_not_sealed()
    {
        var rules = DrawFixture.Rules() with
        {
            Quotas = DrawFixture.Rules().Quotas with { Ratios = [new("A", 0.0500000000000000000000001m), new("B", 0.2m), new("C", 0.5m)] },
        };
        FluentActions.Invoking(() => Bundles.Create(SealFixture.V2(DrawFixture.Ceremony(rules: rules)))).Should().Throw<FormatException>()
            .WithMessage("*0.0500000000000000000000001*");
        Bundles.Create(DrawFixture.Ceremony(rules: rules)).Format.Should().Be(DrawBundle.FormatV1, "v1 seals hash the text as written");

        var bundle = SealFixture.Plain();
        var changed = bundle with { Commitment = bundle.Commitment with { Rules = rules } };
        Seals.Differences(changed).Should().ContainSingle().Which.Should().StartWith("seal: the bundle cannot be sealed canonically");
    }

    [Fact]
    public void A_format_this_verifier_does_not_read_is_reported()
    {
        var bundle = SealFixture.Plain();
        Verifier.Verify(Bundles.Seal(bundle with { Format = "samples-draw-bundle-v3" }))
            .Should().Contain("format: bundle says 'samples-draw-bundle-v3', this verifier reads 'samples-draw-bundle-v1' and 'samples-draw-bundle-v2'");
    }

    /// <summary>
    /// Another writer: System.Text.Json.Nodes, members of every object in reverse order, every number as a double (0.20 is
    /// written 0.2), every non-ASCII character escaped as \uXXXX, no indentation.
    /// </summary>
    private static string Reencode(string json)
    {
        static JsonNode? Other(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Other(p.Value)))),
            JsonArray a => new JsonArray([.. a.Select(Other)]),
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonValue.Create(v.GetValue<double>()),
            JsonValue v => JsonNode.Parse(v.ToJsonString()),
            _ => null,
        };

        return Other(JsonNode.Parse(json))!.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = JavaScriptEncoder.Default });
    }

    [Theory]
    [InlineData("ceil(0.20 × 12) = 3", "ceil(0.2 × 12) = 3")]
    [InlineData("ceil(0.050 × 2 × 100) = 10", "ceil(0.05 × 2 × 100) = 10")]
    [InlineData("ceil(1.0 × 7) = 7", "ceil(1 × 7) = 7")]
    [InlineData("fixed 10 for the stratum", "fixed 10 for the stratum")]
    [InlineData("ceil(0.07 × 100) = 7", "ceil(0.07 × 100) = 7")]
    public void A_rule_texts_numbers_are_compared_by_value(string published, string byValue) =>
        Verifier.ByValue(published).Should().Be(byValue);
}
