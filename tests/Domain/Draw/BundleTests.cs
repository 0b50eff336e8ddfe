using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class BundleTests
{
    private static DrawBundle Bundle(bool inline = true) => Bundles.Create(DrawFixture.Ceremony(), inline);

    private static DrawBundle RoundTrip(DrawBundle bundle) => DrawBundle.FromJson(bundle.ToJson());

    [Fact]
    public void A_draw_written_to_JSON_and_read_back_verifies()
    {
        var bundle = RoundTrip(Bundle());

        Verifier.Verify(bundle).Should().BeEmpty("an untouched bundle verifies");
        bundle.Commitment.Algorithm.Should().Be("ssj-consistent-v1", "the algorithm id");
        bundle.Commitment.NonceSha256.Should().Be(Seeds.NonceCommitment(DrawFixture.Nonce), "the nonce was committed to");
        bundle.Picks.Should().HaveCount(22, "3 + 3 + 1 + 3 + 12 picks");
        bundle.Teams.Should().HaveCount(22, "one team per pick");
    }

    [Fact]
    public void The_JSON_names_every_part_of_the_bundle()
    {
        var json = Bundle().ToJson();

        json.Should().Contain("\"format\": \"samples-draw-bundle-v1\"").And.Contain("\"targetFrameSha256\"").And.Contain("\"entropyDeadline\"")
            .And.Contain("\"contributions\"").And.Contain("\"nonce\"").And.Contain("\"picks\"").And.Contain("\"alternates\"")
            .And.Contain("\"emissions\"").And.Contain("\"pools\"").And.Contain("\"position\"").And.Contain("海西州局", "Chinese text unescaped");
    }

    [Fact]
    public void A_changed_pick_is_reported_with_the_stratum_and_both_ids()
    {
        var bundle = Bundle();
        var stratum = "632800|lithium-carbonate|B";
        var index = bundle.Picks.ToList().FindIndex(p => p.Stratum == stratum);
        var original = bundle.Picks[index];
        var alternate = bundle.Alternates.First(a => a.Stratum == stratum);
        var picks = bundle.Picks.ToArray();
        picks[index] = alternate;

        var differences = Verifier.Verify(RoundTrip(bundle with { Picks = picks }));

        differences.Should().Contain($"stratum {stratum} pick 1: bundle says {alternate.Id}, recomputed {original.Id}", "the first pick of the stratum was swapped");
    }

    [Fact]
    public void A_changed_ticket_is_reported()
    {
        var bundle = Bundle();
        var picks = bundle.Picks.ToArray();
        picks[0] = picks[0] with { Ticket = "0.1" };

        Verifier.Verify(bundle with { Picks = picks }).Should().SatisfyRespectively(
            first => first.Should().StartWith($"stratum {picks[0].Stratum} pick 1 ({picks[0].Id}): bundle says ticket 0.1 generation 1, recomputed 0."),
            seal => seal.Should().StartWith("seal: the picks changed after the draw"));
    }

    [Fact]
    public void A_changed_frame_byte_breaks_the_hash()
    {
        var bundle = Bundle();
        var text = bundle.Frames.Targets!.Replace("ENT|91632800QH000007X", "ENT|91632800QH000007Y", StringComparison.Ordinal);

        var differences = Verifier.Verify(bundle with { Frames = bundle.Frames with { Targets = text } });

        differences.Should().Contain($"target frame: sha256 of the bytes is {Tickets.Sha256Hex(text)}, the commitment says {bundle.Commitment.TargetFrameSha256}", "one byte changed");
        differences.Should().Contain("re-draw: not possible without both frames", "nothing to re-draw from");
    }

    [Fact]
    public void A_contribution_dated_after_the_reveal_is_reported()
    {
        var bundle = Bundle();
        var late = bundle.Contributions[1] with { At = bundle.RevealedAt.AddMinutes(5) };

        var differences = Verifier.Verify(bundle with { Contributions = [bundle.Contributions[0], late] });

        differences.Should().Contain(d => d.StartsWith("contribution 2 (witness 赵公证): dated ", StringComparison.Ordinal) && d.Contains("not before the reveal", StringComparison.Ordinal),
            "a contribution after the nonce was known could steer the draw");
        differences.Should().Contain(d => d.Contains("after the entropy deadline", StringComparison.Ordinal), "it is after the deadline too");
    }

    [Fact]
    public void A_contribution_before_the_commitment_or_a_wrong_nonce_is_reported()
    {
        var bundle = Bundle();
        var early = bundle.Contributions[0] with { At = bundle.Commitment.CommittedAt.AddMinutes(-1) };
        var otherNonce = new string('a', 64);

        Verifier.Verify(bundle with { Contributions = [early, bundle.Contributions[1]] }).Should().Contain(d => d.StartsWith("contribution 1 (witness 王监督): dated ", StringComparison.Ordinal) && d.Contains("not after the commitment", StringComparison.Ordinal), "entropy before the commitment proves nothing");
        Verifier.Verify(bundle with { Nonce = otherNonce }).Should().Contain($"nonce: sha256 of the revealed nonce is {Seeds.NonceCommitment(otherNonce)}, the commitment says {bundle.Commitment.NonceSha256}", "the nonce must be the committed one");
    }

    [Fact]
    public void A_changed_contribution_changes_the_entropy_and_everything_after_it()
    {
        var bundle = Bundle();
        var changed = bundle with { Contributions = [bundle.Contributions[0] with { Value = "王监督:7782" }, bundle.Contributions[1]] };

        var differences = Verifier.Verify(changed);

        differences.Should().Contain(d => d.StartsWith("entropy: bundle says ", StringComparison.Ordinal), "the entropy is recomputed");
        differences.Should().Contain(d => d.StartsWith("stratum ", StringComparison.Ordinal), "and the picks with it");
    }

    [Fact]
    public void A_changed_team_emission_or_stream_position_is_reported()
    {
        var bundle = Bundle();
        var teams = bundle.Teams.ToArray();
        var team = teams[0];
        teams[0] = team with { Members = [team.Members[1], team.Members[0]] };
        var pools = bundle.Pools.ToArray();
        pools[0] = pools[0] with { Position = pools[0].Position + 1 };

        var differences = Verifier.Verify(bundle with { Teams = teams, Pools = pools });

        differences.Should().Contain($"team for {team.TargetId} members: bundle says {team.Members[1]}, {team.Members[0]}, recomputed {team.Members[0]}, {team.Members[1]}", "members in acceptance order");
        differences.Should().Contain(d => d.StartsWith($"pool {pools[0].Pool}: bundle says ", StringComparison.Ordinal), "the stream position");
    }

    [Fact]
    public void Replacements_are_replayed_and_checked()
    {
        var team = Bundle().Teams.First(t => t.Status == TeamRule.Complete);
        var bundle = RoundTrip(Bundles.Create(DrawFixture.Ceremony(), afterDraw: s => s.Replace(team.TargetId, team.Members[0], "declined")));

        Verifier.Verify(bundle).Should().BeEmpty("the replacement continues the stream deterministically");
        bundle.Replacements.Should().ContainSingle().Which.Replacer.Should().NotBeNull("someone replaced the inspector");
        var forged = bundle with { Replacements = [bundle.Replacements[0] with { Replacer = "INS|QH-0009" }] };
        Verifier.Verify(forged).Should().Contain($"replacement 1 ({team.TargetId}, {team.Members[0]} withdrew) replacer: bundle says INS|QH-0009, recomputed {bundle.Replacements[0].Replacer}", "a hand-picked replacement");
    }

    [Fact]
    public void Alternates_used_after_the_draw_are_replayed_in_step_order_with_replacements()
    {
        var draw = Bundle();
        var pick = draw.Picks.First(p => p.Stratum == "630100|potash-kcl-gb6549|B");
        var team = draw.Teams.First(t => t.Status == TeamRule.Complete && t.TargetId != pick.Id);
        var bundle = RoundTrip(Bundles.Create(DrawFixture.Ceremony(), afterDraw: s =>
        {
            s.UseAlternate(pick.Id, "closed");
            s.Replace(team.TargetId, team.Members[1], "recusal found after the draw");
        }));
        var alternate = draw.Alternates.First(a => a.Stratum == pick.Stratum);

        Verifier.Verify(bundle).Should().BeEmpty("both changes replay to the same result");
        bundle.AlternateUses.Should().Equal([new AlternateUse(1, pick.Stratum, pick.Id, "closed", alternate.Id)], "the alternate and the reason");
        bundle.Replacements.Single().Step.Should().Be(2, "after the alternate");
        var forged = bundle with { AlternateUses = [bundle.AlternateUses[0] with { Alternate = "ENT|91632800QH000059X" }] };
        Verifier.Verify(forged).Should().Contain($"alternate use 1: bundle says step 1: {pick.Id} replaced by ENT|91632800QH000059X (closed), recomputed step 1: {pick.Id} replaced by {alternate.Id} (closed)", "not the next alternate");
    }

    [Fact]
    public void Frames_held_by_hash_need_the_files()
    {
        var bundle = RoundTrip(Bundle(inline: false));
        var ceremony = DrawFixture.Ceremony();

        Verifier.Verify(bundle).Should().Contain($"target frame: not in the bundle and not given (--frames DIR); its commitment is {ceremony.Targets.Sha256}", "the frame is needed");
        Verifier.Verify(bundle, new FrameFiles(ceremony.Targets.Bytes, ceremony.Inspectors.Bytes, ceremony.Exclusions.Bytes)).Should().BeEmpty("with the files it verifies");
        var crlf = Encoding.UTF8.GetBytes(ceremony.Targets.Text.Replace("\n", "\r\n", StringComparison.Ordinal));
        Verifier.Verify(bundle, new FrameFiles(crlf, ceremony.Inspectors.Bytes, ceremony.Exclusions.Bytes)).Should().Contain(d => d.StartsWith("target frame: sha256 of the bytes is ", StringComparison.Ordinal), "CRLF is other bytes");
    }

    [Fact]
    public void An_id_both_in_the_frame_and_excluded_is_reported()
    {
        var ceremony = DrawFixture.Ceremony() with { Exclusions = CanonicalFrames.Exclusions([new("ENT|91632800QH000003X", "under investigation")]) };

        Verifier.Verify(Bundles.Create(ceremony)).Should().Equal(["target frame: ENT|91632800QH000003X is also in the exclusions"], "an excluded id cannot be drawn from");
    }

    [Fact]
    public void Malformed_JSON_is_a_format_error()
    {
        ((Action)(() => DrawBundle.FromJson("{"))).Should().Throw<FormatException>().WithMessage("not a draw bundle: *");
        ((Action)(() => DrawBundle.FromJson("{\"format\": \"x\"}"))).Should().Throw<FormatException>("required fields are missing");
    }
}
