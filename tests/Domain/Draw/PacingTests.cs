using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class PacingTests
{
    private static readonly QuotaRules Base = new([new("A", 0.05m), new("B", 0.1m)], true, [], 2);

    [Fact]
    public void What_remains_of_the_goal_is_spread_over_the_rounds_left_and_raised_by_the_observed_failure_rate()
    {
        // 1000 − 100 − 200 = 700 over 4 rounds = 175; 40 of 400 could not be sampled: 175 / 0.9 = 194.4 → 195.
        Pacer.Size(1000, 100, 200, 4, 400, 40, 0.3m, []).RoundSize.Should().Be(195);
        Pacer.Size(1000, 100, 200, 4, 0, 0, 0.3m, []).RoundSize.Should().Be(175, "no attempt yet: no margin");
        Pacer.Size(1000, 100, 200, 4, 400, 300, 0.3m, []).RoundSize.Should().Be(250, "the margin is capped at 0.3: 175 / 0.7");
        Pacer.Size(1000, 900, 150, 2, 400, 40, 0.3m, []).RoundSize.Should().Be(0, "the goal is already covered");
        Pacer.Size(10, 0, 5, 1, 6, 1, 0.3m, []).RoundSize.Should().Be(6, "5 / (1 − 1/6) is exactly 6: no rounding error may push it to 7");
        Pacer.Size(7, 0, 0, 1, 10, 5, 0.3m, []).RoundSize.Should().Be(10, "at the cap: 7 / 0.7 is exactly 10");
    }

    [Theory]
    [InlineData(-1, 0, 0, 1, 0, 0, 0.1)]
    [InlineData(10, 0, 0, 0, 0, 0, 0.1)]
    [InlineData(10, 0, 0, 1, 1, 2, 0.1)]
    [InlineData(10, 0, 0, 1, 0, 0, 1.0)]
    public void Figures_that_cannot_be_are_refused(int goal, int concluded, int inProgress, int roundsLeft, int attempted, int failed, double cap) =>
        FluentActions.Invoking(() => Pacer.Size(goal, concluded, inProgress, roundsLeft, attempted, failed, (decimal)cap, []))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void The_size_is_shared_in_proportion_to_the_plans_own_rule_and_key_items_at_D_stay_whole()
    {
        var strata = new Dictionary<string, int> { ["632800|lithium-carbonate|A"] = 100, ["632800|lithium-carbonate|B"] = 100, ["632800|lithium-carbonate|D"] = 10 };

        var shares = Pacer.Spread(45, strata, Base);

        // D takes its 10; 35 left in proportion 5 : 10 → 11.67 and 23.33 → 12 and 23 (largest remainder).
        shares.Should().Equal(new FixedQuota("632800|lithium-carbonate|A", 12), new FixedQuota("632800|lithium-carbonate|B", 23), new FixedQuota("632800|lithium-carbonate|D", 10));
    }

    [Fact]
    public void A_stratum_never_gets_more_than_its_members_and_the_rest_goes_to_the_others()
    {
        var strata = new Dictionary<string, int> { ["r|c|A"] = 100, ["r|c|B"] = 3 };
        var rules = new QuotaRules([new("A", 0.01m), new("B", 1m)], false, [], 0);

        Pacer.Spread(20, strata, rules).Should().Equal(new FixedQuota("r|c|A", 17), new FixedQuota("r|c|B", 3));
        Pacer.Spread(500, strata, rules).Sum(s => s.Count).Should().Be(103, "never more than the frame");
    }

    [Fact]
    public void When_the_plans_rule_gives_nothing_the_size_is_shared_by_stratum_size() =>
        Pacer.Spread(10, new Dictionary<string, int> { ["r|c|A"] = 30, ["r|c|C"] = 70 }, new QuotaRules([], false, [], 0))
            .Should().Equal(new FixedQuota("r|c|A", 3), new FixedQuota("r|c|C", 7));

    [Fact]
    public void A_paced_draw_verifies_and_a_changed_size_or_share_is_reported()
    {
        var strata = DrawFixture.Targets().Rows.GroupBy(r => r.Stratum).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var plan = DrawFixture.Rules().Quotas;
        var pacing = Pacer.Size(200, 10, 20, 5, 50, 5, 0.25m, plan.Fixed);
        var paced = plan with { Fixed = Pacer.Spread(pacing.RoundSize, strata, plan), Pacing = pacing };
        var rules = DrawFixture.Rules() with { Quotas = paced };

        // The fixture's inspectors cannot staff a round this size: twice their capacity can.
        var inspectors = CanonicalFrames.Inspectors([.. DrawFixture.Inspectors().Rows.Select(r => r with { Capacity = r.Capacity * 2 })]);
        var bundle = DrawBundle.FromJson(Bundles.Create(DrawFixture.Ceremony(rules, inspectors: inspectors)).ToJson());
        Verifier.Verify(bundle).Should().BeEmpty();
        bundle.Picks.Count.Should().Be(Math.Min(pacing.RoundSize, 60));

        var bigger = Bundles.Create(DrawFixture.Ceremony(DrawFixture.Rules() with { Quotas = paced with { Pacing = pacing with { RoundSize = pacing.RoundSize + 5 } } }));
        Verifier.Verify(DrawBundle.FromJson(bigger.ToJson())).Should().Contain(p => p.StartsWith("pacing: the round size", StringComparison.Ordinal));
        var moved = paced.Fixed.Select((f, i) => i == 0 ? f with { Count = f.Count + 1 } : f).ToArray();
        var shifted = Bundles.Create(DrawFixture.Ceremony(DrawFixture.Rules() with { Quotas = paced with { Fixed = moved } }));
        Verifier.Verify(DrawBundle.FromJson(shifted.ToJson())).Should().Contain(p => p.StartsWith("pacing: stratum", StringComparison.Ordinal));
    }
}
