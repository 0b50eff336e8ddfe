using System.Security.Cryptography;
using Samples.Contracts.Draws;
using Samples.Domain.Catalogue;
using Samples.Domain.Draws;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>A beacon round named in the commitment: which rounds may be named, which values are taken, what the verifier says.</summary>
public sealed class BeaconTests
{
    private static readonly BeaconChain Quicknet = Beacons.Chain("quicknet")!;
    private static readonly DateTimeOffset Committed = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Rounds_are_emitted_every_period_from_genesis()
    {
        Quicknet.EmittedAt(1).Should().Be(DateTimeOffset.FromUnixTimeSeconds(1692803367));
        Quicknet.EmittedAt(11).Should().Be(DateTimeOffset.FromUnixTimeSeconds(1692803367 + 30));
        var round = Quicknet.FirstRoundAtOrAfter(Committed);
        Quicknet.EmittedAt(round).Should().BeOnOrAfter(Committed);
        Quicknet.EmittedAt(round - 1).Should().BeBefore(Committed, "it is the first at or after");
        Quicknet.FirstRoundAtOrAfter(Quicknet.EmittedAt(500)).Should().Be(500, "a round emitted exactly then counts");
        Quicknet.FirstRoundAtOrAfter(Quicknet.EmittedAt(500).AddTicks(1)).Should().Be(501);
    }

    [Fact]
    public void By_default_the_commitment_names_a_round_in_the_middle_of_the_window()
    {
        var (round, problem) = Beacons.Choose("quicknet", null, Committed, Committed.AddMinutes(10));

        problem.Should().BeNull();
        round!.EmittedAt.Should().BeOnOrAfter(Committed.AddMinutes(5)).And.BeBefore(Committed.AddMinutes(5).AddSeconds(3));
        round.Source.Should().Be($"drand quicknet round {round.Round}");
        Beacons.Choose("QUICKNET", null, Committed, Committed.AddMinutes(10)).Round.Should().Be(round, "chain names are not case-sensitive");
    }

    [Fact]
    public void A_round_already_emitted_or_after_the_deadline_or_of_an_unknown_chain_is_refused()
    {
        var past = Quicknet.FirstRoundAtOrAfter(Committed) - 1;
        Beacons.Choose("quicknet", past, Committed, Committed.AddMinutes(10)).Problem.Should().Contain("not after the commitment");
        Beacons.Choose("quicknet", Quicknet.FirstRoundAtOrAfter(Committed.AddMinutes(11)), Committed, Committed.AddMinutes(10)).Problem.Should().Contain("after the entropy deadline");
        Beacons.Choose("nist", null, Committed, Committed.AddMinutes(10)).Problem.Should().Contain("unknown beacon chain 'nist'");
        Beacons.Choose("default", null, Committed, Committed.AddMinutes(10)).Round!.Chain.Should().Be("default");
    }

    private static BeaconRound Named => Beacons.Choose("quicknet", null, Committed, Committed.AddMinutes(10)).Round!;

    private static readonly string Randomness = Convert.ToHexStringLower(SHA256.HashData([1, 2, 3]));

    private static DrawRefusal? Contribute(DateTimeOffset now, string source, string value, string[]? sources = null, BeaconRound? beacon = null) =>
        DrawSteps.Contribute(true, false, now, Committed, null, Committed.AddMinutes(10), source, value, sources, beacon);

    [Fact]
    public void A_beacon_value_differing_from_the_committed_source_is_refused()
    {
        var after = Named.EmittedAt.AddSeconds(5);
        Contribute(after, "drand quicknet round 1", Randomness, beacon: Named)!.Field.Should().Be("source");
        Contribute(after, "drand round 123 (entered by 王监督)", Randomness, beacon: Named)!.Reason.Should().Contain(Named.Source);
        Contribute(after, "NIST beacon pulse 9", Randomness, beacon: Named)!.Kind.Should().Be(DrawRefusal.Invalid);
        Contribute(after, "drand quicknet round 5", Randomness)!.Reason.Should().Contain("names no beacon", "a draw committed without a beacon takes none");
        Contribute(after, "witness 王监督", "王监督:7781", beacon: Named).Should().BeNull("witnesses are not beacons");
    }

    [Fact]
    public void The_committed_round_is_taken_once_after_it_is_emitted_in_drand_form_even_after_the_deadline()
    {
        Contribute(Named.EmittedAt.AddSeconds(-1), Named.Source, Randomness, beacon: Named)!.Reason.Should().Contain("cannot be known before");
        Contribute(Named.EmittedAt, Named.Source, "drand:123:ab", beacon: Named)!.Field.Should().Be("randomness");
        Contribute(Named.EmittedAt, Named.Source, Randomness.ToUpperInvariant(), beacon: Named)!.Field.Should().Be("randomness");
        Contribute(Named.EmittedAt, Named.Source, Randomness, beacon: Named).Should().BeNull();
        Contribute(Named.EmittedAt, Named.Source, Randomness, [Named.Source], Named)!.Reason.Should().Contain("already");
        Contribute(Committed.AddMinutes(30), Named.Source, Randomness, beacon: Named).Should().BeNull("the commitment fixed the value: a late entry chooses nothing");
        Contribute(Committed.AddMinutes(30), "witness 王监督", "v", beacon: Named)!.Reason.Should().Contain("accepted until");
    }

    [Fact]
    public void The_draw_waits_for_the_committed_beacon()
    {
        var after = Committed.AddMinutes(11);
        DrawSteps.Draw(true, after, Committed, Committed.AddMinutes(10), null, Named)!.Field.Should().Be("beacon");
        DrawSteps.Draw(true, after, Committed, Committed.AddMinutes(10), null).Should().BeNull();
    }

    private static DrawBundle BeaconBundle(Func<BeaconRound, IReadOnlyList<Contribution>> contributions)
    {
        var plain = DrawFixture.Ceremony();
        var beacon = Beacons.Choose("quicknet", null, plain.CommittedAt, plain.EntropyDeadline).Round!;
        return Bundles.Create(plain with { Beacon = beacon, Contributions = contributions(beacon) });
    }

    [Fact]
    public void A_bundle_with_its_committed_beacon_verifies_and_one_without_it_does_not()
    {
        var witness = new Contribution("witness 王监督", "王监督:7781", DrawFixture.Committed.AddMinutes(10));
        var good = BeaconBundle(b => [witness, new(b.Source, Randomness, b.EmittedAt.AddSeconds(20))]);
        Verifier.Verify(good).Should().BeEmpty();
        good.Commitment.Beacon.Should().NotBeNull();
        good.ToJson().Should().Contain("\"beacon\"");

        Verifier.Verify(BeaconBundle(_ => [witness])).Should().Contain(d => d.Contains("contributions from it, not one", StringComparison.Ordinal));
        Verifier.Verify(BeaconBundle(b => [witness, new("drand quicknet round 7", Randomness, b.EmittedAt.AddSeconds(20))]))
            .Should().Contain(d => d.Contains("claims to be a beacon", StringComparison.Ordinal));
        Verifier.Verify(BeaconBundle(b => [witness, new(b.Source, Randomness, b.EmittedAt.AddSeconds(-1))]))
            .Should().Contain(d => d.Contains("before the chain emitted it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_commitment_without_a_beacon_hashes_as_before()
    {
        var bundle = Bundles.Create(DrawFixture.Ceremony());
        bundle.ToJson().Should().NotContain("\"beacon\"", "older commitments keep their hash");
        DrawBundle.FromJson(bundle.ToJson()).Commitment.Beacon.Should().BeNull();
    }

    [Fact]
    public void The_value_is_compared_with_what_a_relay_publishes()
    {
        byte[] signature = [.. Enumerable.Range(0, 48).Select(i => (byte)i)];
        var published = Convert.ToHexStringLower(SHA256.HashData(signature));
        var json = $$"""{"round":{{Named.Round}},"randomness":"{{published}}","signature":"{{Convert.ToHexStringLower(signature)}}"}""";

        Beacons.CompareWithPublished(Named, published, json).Should().BeEmpty();
        Beacons.CompareWithPublished(Named, Randomness, json).Should().ContainSingle().Which.Should().Contain("the draw took");
        Beacons.CompareWithPublished(Named, published, json.Replace(published, Randomness, StringComparison.Ordinal))
            .Should().Contain(d => d.Contains("not the SHA-256 of its signature", StringComparison.Ordinal));
        Beacons.CompareWithPublished(Named, published, "<html>").Should().ContainSingle().Which.Should().Contain("not a drand round");
    }
}
