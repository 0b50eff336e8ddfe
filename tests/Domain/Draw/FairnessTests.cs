using Samples.Draw;
using static Samples.Domain.Tests.Draw.FairnessFixture;

namespace Samples.Domain.Tests.Draw;

public sealed class FairnessTests
{
    private static FairnessRound[] Rounds() => TwoHundredRounds.Select(b => FairnessRound.From(b)).ToArray();

    [Fact]
    public void Two_hundred_fair_rounds_do_not_look_biased()
    {
        var report = Fairness.Report(TwoHundredRounds);

        report.Draws.Should().HaveCount(200).And.OnlyContain(d => d.Verified, "every simulated round verifies");
        report.Enterprises.Rounds.Should().Be(200, "every round has its target frame");
        report.Enterprises.PValue.Should().BeGreaterThan(0.001, $"a fair draw (statistic {report.Enterprises.Statistic:0.0} on {report.Enterprises.DegreesOfFreedom:0.0} df)");
        report.Inspectors.PValue.Should().BeGreaterThan(0.001, $"no team rule binds here (statistic {report.Inspectors.Statistic:0.0} on {report.Inspectors.DegreesOfFreedom:0.00} df)");
        report.InspectorEmissions.PValue.Should().BeGreaterThan(0.001, $"streams emit uniformly (statistic {report.InspectorEmissions.Statistic:0.0} on {report.InspectorEmissions.DegreesOfFreedom:0.00} df)");
    }

    [Fact]
    public void With_stable_strata_the_degrees_of_freedom_are_cells_minus_strata()
    {
        var enterprises = Fairness.Report(TwoHundredRounds).Enterprises;

        enterprises.CellsTested.Should().Be(50, "20 + 30 members; the 4 class-D members are always selected and tell nothing");
        enterprises.DegreesOfFreedom.Should().BeApproximately(48, 1e-9, "50 cells − 2 strata");
        enterprises.Impossible.Should().Be(0, "nothing was selected against certainty");
        enterprises.SmallExpected.Should().Be(0, "every member expects 40 or 50 selections");
        enterprises.Cells.Single(c => c.Id == "ENT|91630100FA000000X").Expected.Should().BeApproximately(50, 1e-9, "200 rounds × 5/20");
        enterprises.Cells.Single(c => c.Id == "ENT|91630100FD000000X").Observed.Should().Be(200, "class D: every round");
    }

    [Fact]
    public void One_enterprise_always_picked_gives_a_tiny_p_value()
    {
        const string favourite = "ENT|91630100FA000007X";
        var rounds = Rounds().Select(r =>
        {
            var picks = r.Picks.ToArray();
            if (!picks.Any(p => p.Id == favourite))
            {
                var last = Array.FindLastIndex(picks, p => p.Stratum == StratumA);
                picks[last] = picks[last] with { Id = favourite };
            }

            return r with { Picks = picks };
        }).ToArray();

        var fair = Fairness.Report(Rounds()).Enterprises;
        var biased = Fairness.Report(rounds).Enterprises;

        fair.PValue.Should().BeGreaterThan(0.001, "the same rounds untouched");
        biased.Cells.Single(c => c.Id == favourite).Observed.Should().Be(200, "picked in every round");
        biased.PValue.Should().BeLessThan(1e-6, $"200 selections where 50 are expected (statistic {biased.Statistic:0.0} on {biased.DegreesOfFreedom:0.0} df)");
    }

    [Fact]
    public void One_inspector_always_on_the_lithium_teams_gives_a_tiny_p_value()
    {
        const string favourite = "INS|FR-01";
        var rounds = Rounds().Select(r => r with
        {
            Teams = r.Teams.Select(t => t.Pool != "630100|lithium-carbonate" || t.Members.Contains(favourite) ? t : t with
            {
                Members = [favourite, t.Members[1]],
                Emissions = t.Emissions.Select(e => e.InspectorId == t.Members[0] && e.Accepted ? e with { InspectorId = favourite } : e).ToArray(),
            }).ToArray(),
        }).ToArray();

        var report = Fairness.Report(rounds);

        report.Inspectors.PValue.Should().BeLessThan(1e-6, $"INS|FR-01 sits on every lithium team (statistic {report.Inspectors.Statistic:0.0})");
        report.InspectorEmissions.PValue.Should().BeLessThan(1e-6, "the emissions were rewritten too");
        report.Enterprises.PValue.Should().BeGreaterThan(0.001, "the targets were left alone");
    }

    [Fact]
    public void A_hand_computed_round()
    {
        // One stratum of 4, k = 2, a and b picked: p = 1/2, E = 1/2, V = p(1 − p)·4/3 = 1/3; each cell (±1/2)²/(1/3) = 3/4.
        var round = new FairnessRound(
            new DrawAudit("HAND-1", new DateOnly(2026, 4, 1), VerificationStatus.Verified, 0, null, 0),
            [new StratumQuota("r|c|A", 4, 2, 0, "fixed 2")],
            [new("a", "r|c|A"), new("b", "r|c|A"), new("c", "r|c|A"), new("d", "r|c|A")],
            null,
            [new("r|c|A", "a", "0.1", 1), new("r|c|A", "b", "0.2", 1)],
            [],
            [],
            []);

        var test = Fairness.Report([round]).Enterprises;

        test.Statistic.Should().BeApproximately(3, 1e-12, "4 cells × 3/4");
        test.DegreesOfFreedom.Should().BeApproximately(3, 1e-12, "4 cells − 1 stratum");
        test.PValue.Should().BeApproximately(0.39162517627108895548, 1e-12, "sf(3, 3)");
        test.SmallExpected.Should().Be(4, "every E is 1/2: the approximation is rough and the report says so");
    }

    [Fact]
    public void A_pick_outside_the_frame_is_impossible_and_the_p_value_is_zero()
    {
        var round = FairnessRound.From(TwoHundredRounds[0]);
        var picks = round.Picks.ToArray();
        picks[0] = picks[0] with { Id = "ENT|NOT-IN-THE-FRAME" };

        var test = Fairness.Report([round with { Picks = picks }]).Enterprises;

        test.Impossible.Should().Be(1, "an id with no chance was selected");
        test.PValue.Should().Be(0, "that cannot happen in a fair draw of this frame");
    }

    [Fact]
    public void Strata_show_expected_against_selected()
    {
        var strata = Fairness.Report(TwoHundredRounds).Strata;

        strata.Select(s => s.Stratum).Should().Equal([StratumA, StratumB, StratumD], "in stratum order");
        strata[0].Should().Be(new StratumFairness(StratumA, 200, 20, 20, 1000, 1000, 0), "fixed 5 of 20, 200 rounds");
        strata[1].Should().Be(new StratumFairness(StratumB, 200, 30, 30, 1200, 1200, 0), "ceil(0.2 × 30) = 6 per round");
        strata[2].Should().Be(new StratumFairness(StratumD, 200, 4, 4, 800, 800, 0), "all 4 at class D");
    }

    [Fact]
    public void Unit_mix_counts_teams_by_distinct_units_and_compares_seat_shares()
    {
        var mix = Fairness.Report(TwoHundredRounds).UnitMix;

        mix.Teams.Sum(t => t.Teams).Should().Be(200 * 15, "15 teams a round");
        mix.Teams.Select(t => t.DistinctUnits).Should().BeSubsetOf([1, 2], "teams of two");
        mix.Units.Select(u => u.Unit).Should().Equal(["湟中区局", "省局", "西宁市局"], "ordinal order");
        mix.Units.Sum(u => u.Seats).Should().Be(200 * 15 * 2, "two seats a team");
        mix.Units.Sum(u => u.SeatShare).Should().BeApproximately(1, 1e-12, "shares of all seats");
        mix.Units.Single(u => u.Unit == "省局").FrameShare.Should().BeApproximately(2.0 / 8, 1e-12, "2 of the 8 inspectors");
        foreach (var unit in mix.Units)
        {
            unit.SeatShare.Should().BeApproximately(unit.ExpectedSeatShare, 0.03, $"{unit.Unit}: a fair draw gives each its expected share, give or take");
        }
    }

    [Fact]
    public void A_tampered_bundle_is_listed_as_not_verified_with_the_problem_named()
    {
        var bundle = Bundles.Create(DrawFixture.Ceremony());
        var picks = bundle.Picks.ToArray();
        (picks[0], picks[1]) = (picks[1], picks[0]);

        var draw = Fairness.Report([bundle with { Picks = picks }]).Draws.Single();

        draw.Verified.Should().BeFalse("two picks were swapped");
        draw.Status.Should().Be(VerificationStatus.NotVerified, "a real difference");
        draw.Problems.Should().Be(3, "both positions differ, and the picks no longer match their seal");
        draw.FirstProblem.Should().Be($"stratum {picks[0].Stratum} pick 1: bundle says {picks[0].Id}, recomputed {picks[1].Id}", "the verifier's words");
    }

    [Fact]
    public void Outside_entropy_is_reported_per_draw()
    {
        var without = Bundles.Create(DrawFixture.Ceremony() with { Contributions = [], DrawId = "QH-2026-R04" });
        var with = Bundles.Create(DrawFixture.Ceremony());

        var draws = Fairness.Report([with, without]).Draws;

        draws.Should().BeEquivalentTo(
            [
                new { DrawId = "QH-2026-R03", Verified = true, OutsideEntropy = true, Contributions = 2 },
                new { DrawId = "QH-2026-R04", Verified = true, OutsideEntropy = false, Contributions = 0 },
            ],
            o => o.WithStrictOrdering(), "the draw with no contribution has no outside entropy, and still verifies");
    }

    [Fact]
    public void Frames_held_by_hash_only_are_a_status_not_a_crash()
    {
        var ceremony = DrawFixture.Ceremony();
        var bundle = Bundles.Create(ceremony, inlineFrames: false);

        var without = Fairness.Report([bundle]);
        var with = Fairness.Report([bundle], _ => new FrameFiles(ceremony.Targets.Bytes, ceremony.Inspectors.Bytes, ceremony.Exclusions.Bytes));

        without.Draws.Single().Status.Should().Be(VerificationStatus.FramesMissing, "nothing is wrong, the files are needed");
        without.Draws.Single().FirstProblem.Should().StartWith("target frame: not in the bundle and not given", "says what is missing");
        without.Enterprises.Rounds.Should().Be(0, "no frame, no expected counts");
        without.Strata.Sum(s => s.Expected).Should().Be(22, "the committed quotas are still there");
        with.Draws.Single().Status.Should().Be(VerificationStatus.Verified, "with the files it verifies");
        with.Enterprises.Rounds.Should().Be(1, "and enters the test");
    }

    [Fact]
    public void A_frame_not_matching_its_commitment_is_not_used()
    {
        var ceremony = DrawFixture.Ceremony();
        var bundle = Bundles.Create(ceremony);
        var forged = bundle with { Frames = bundle.Frames with { Targets = bundle.Frames.Targets!.Replace("|A\n", "|B\n", StringComparison.Ordinal) } };

        var report = Fairness.Report([forged]);

        report.Draws.Single().Status.Should().Be(VerificationStatus.NotVerified, "the target frame's hash differs");
        report.Draws.Single().FirstProblem.Should().StartWith("target frame: sha256 of the bytes is", "the verifier's words");
        report.Enterprises.Rounds.Should().Be(0, "a frame that does not match the commitment cannot say who was in the draw");
    }

    [Fact]
    public void A_draw_given_twice_is_refused()
    {
        var bundle = TwoHundredRounds[0];

        FluentActions.Invoking(() => Fairness.Report([bundle, bundle])).Should().Throw<ArgumentException>().WithMessage("draw FR-2026-R001 is given 2 times*");
    }
}
