using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The target frame re-drawn from the bundle's first fields while the rest is parsed (<see cref="Verifier.Prepare"/>):
/// the same verdicts, word for word, as verifying the parsed bundle alone, and the frame still read once.
/// </summary>
public sealed class PreparedTargetsTests
{
    private static readonly DrawCeremony Ceremony = DrawFixture.Ceremony() with { Format = DrawBundle.FormatV2 };
    private static readonly string Json = Bundles.Create(Ceremony, inlineFrames: false).ToJson();

    private static (IReadOnlyList<string> Alone, IReadOnlyList<string> Prepared, int Opened) Both(string json, byte[] targets)
    {
        var opened = 0;
        FrameFiles Files() => new(null, Ceremony.Inspectors.Bytes, Ceremony.Exclusions.Bytes)
        {
            OpenTargets = () =>
            {
                opened++;
                return new MemoryStream(targets);
            },
        };

        var alone = Verifier.Verify(DrawBundle.FromJson(json), Files());
        opened = 0;
        FrameFiles? chosen = null;
        var prepared = Verifier.Prepare(Encoding.UTF8.GetBytes(json), (_, _) => chosen = Files());
        var bundle = DrawBundle.FromJson(json);
        var files = prepared is not null && prepared.Matches(bundle, chosen) ? chosen : Files();
        return (alone, Verifier.Verify(bundle, files, prepared), opened);
    }

    [Fact]
    public void A_bundle_that_verifies_verifies_with_the_target_frame_drawn_ahead_and_read_once()
    {
        var (alone, prepared, opened) = Both(Json, Ceremony.Targets.Bytes);

        alone.Should().BeEmpty();
        prepared.Should().BeEmpty("the same draw");
        opened.Should().Be(1, "the re-draw ahead is the one read of the target frame");
    }

    [Theory]
    [InlineData("\"value\": \"王监督:7781\"", "\"value\": \"王监督:7782\"", "a contribution: another entropy, another seed")]
    [InlineData("\"drawId\": \"QH-2026-R03\"", "\"drawId\": \"QH-2026-R04\"", "the draw's id: another seed")]
    [InlineData("\"alternates\": 2", "\"alternates\": 3", "a quota rule")]
    public void A_changed_first_field_is_reported_exactly_as_without_the_re_draw_ahead(string from, string to, string what)
    {
        Json.Should().Contain(from, "the change must land");
        var changed = Json.Replace(from, to, StringComparison.Ordinal);

        var (alone, prepared, _) = Both(changed, Ceremony.Targets.Bytes);

        alone.Should().NotBeEmpty(what);
        prepared.Should().Equal(alone, what);
    }

    [Fact]
    public void A_changed_target_frame_is_reported_exactly_as_without_the_re_draw_ahead()
    {
        var tampered = Ceremony.Targets.Bytes.ToArray();
        tampered[^2] = (byte)(tampered[^2] == (byte)'A' ? 'B' : 'A');

        var (alone, prepared, opened) = Both(Json, tampered);

        alone.Should().Contain(d => d.StartsWith("target frame: sha256 of the bytes is ", StringComparison.Ordinal));
        prepared.Should().Equal(alone);
        opened.Should().Be(1);
    }

    [Fact]
    public void A_first_field_said_again_later_is_verified_for_what_the_bundle_finally_says()
    {
        // The first reading sees the first nonce; a reading that keeps the last value of a repeated member sees the other.
        var bundle = DrawBundle.FromJson(Json);
        var other = new string('0', 64);
        var repeated = Json.Replace("\"revealedAt\":", $"\"nonce\": \"{other}\",\n  \"revealedAt\":", StringComparison.Ordinal);
        repeated.Should().Contain(other);

        var parsed = DrawBundle.FromJson(repeated);
        parsed.Nonce.Should().Be(other, "System.Text.Json keeps the last value of a repeated member");

        var (alone, prepared, _) = Both(repeated, Ceremony.Targets.Bytes);

        alone.Should().Contain(d => d.StartsWith("nonce:", StringComparison.Ordinal));
        prepared.Should().Equal(alone, "the re-draw ahead took the first nonce and is not used");
        bundle.Nonce.Should().Be(DrawFixture.Nonce);
    }

    [Fact]
    public void A_bundle_not_in_the_plain_form_is_left_to_the_whole_reading()
    {
        // Names in another letter case: the whole reading accepts them, the first reading does not look further.
        var otherCase = Json.Replace("\"format\":", "\"Format\":", StringComparison.Ordinal);
        var called = false;

        Verifier.Prepare(Encoding.UTF8.GetBytes("not json"), (_, _) => { called = true; return null; }).Should().BeNull();
        Verifier.Prepare(Encoding.UTF8.GetBytes(otherCase), (_, _) => { called = true; return null; }).Should().BeNull("not the plain form");
        DrawBundle.FromJson(otherCase).Format.Should().Be(DrawBundle.FormatV2);
        called.Should().BeFalse("no frame is opened for a bundle whose first fields are not read");
    }

    [Theory]
    [InlineData("emissionsPerSlotPerMember", 1, "how many emissions a slot may take: other teams, the same targets")]
    [InlineData("size", 3, "the team size: other teams, the same targets")]
    public void A_commitment_said_again_later_with_other_team_rules_is_verified_for_what_the_bundle_finally_says(string rule, int value, string what)
    {
        // The first fields give the committed team rules, the last "commitment" other ones: the targets drawn ahead still
        // serve (same seed, quotas and strata), the teams drawn ahead must not.
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json)!;
        var commitment = node["commitment"]!.DeepClone();
        commitment["rules"]!["teams"]![rule] = value;
        var repeated = Json.TrimEnd()[..^1] + ",\n  \"commitment\": " + commitment.ToJsonString() + "\n}";
        DrawBundle.FromJson(repeated).Commitment.Rules.Teams.Should().NotBe(DrawBundle.FromJson(Json).Commitment.Rules.Teams, "the last commitment is read");

        var (alone, prepared, opened) = Both(repeated, Ceremony.Targets.Bytes);

        alone.Should().Contain(d => d.StartsWith("team for ", StringComparison.Ordinal), what);
        prepared.Should().Equal(alone, what);
        opened.Should().Be(1, "the targets drawn ahead are still the ones asked for");
    }

    [Theory]
    [InlineData("conflicts")]
    [InlineData("inspections")]
    public void A_commitment_said_again_later_with_another_conflict_or_past_inspection_is_verified_for_what_the_bundle_finally_says(string list)
    {
        // The last "commitment" bars the first team's first member from its target: other teams, the same targets.
        var node = System.Text.Json.Nodes.JsonNode.Parse(Json)!;
        var team = node["teams"]![0]!;
        var (member, target) = (team["members"]![0]!.GetValue<string>(), team["targetId"]!.GetValue<string>());
        var commitment = node["commitment"]!.DeepClone();
        commitment[list]!.AsArray().Add(list == "conflicts"
            ? new System.Text.Json.Nodes.JsonObject { ["inspectorId"] = member, ["enterprise"] = target, ["reason"] = "亲属任职" }
            : new System.Text.Json.Nodes.JsonObject { ["inspectorId"] = member, ["enterprise"] = target, ["date"] = "2026-02-01" });
        var repeated = Json.TrimEnd()[..^1] + ",\n  \"commitment\": " + commitment.ToJsonString() + "\n}";

        var (alone, prepared, opened) = Both(repeated, Ceremony.Targets.Bytes);

        alone.Should().Contain(d => d.StartsWith($"team for {target}", StringComparison.Ordinal), list);
        prepared.Should().Equal(alone, list);
        opened.Should().Be(1);
    }
}
