using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class DrawingTests
{
    private static DrawInputs Inputs(DrawCeremony? ceremony = null) => Bundles.Inputs(ceremony ?? DrawFixture.Ceremony());

    [Fact]
    public void Entropy_is_the_hash_of_the_nonce_and_the_contributions_in_order()
    {
        Seeds.Entropy("ab", ["c1", "c2"]).Should().Be(Tickets.Sha256Hex("ab|c1|c2"), "nonce_hex | c1 | c2");
        Seeds.Entropy("ab", []).Should().Be(Tickets.Sha256Hex("ab"), "no contributions: the nonce alone");
        Seeds.Entropy("ab", ["c2", "c1"]).Should().NotBe(Seeds.Entropy("ab", ["c1", "c2"]), "recorded order matters");
    }

    [Fact]
    public void Seeds_are_domain_separated()
    {
        Seeds.Targets("D", "f", "e").Should().Be("SSJ-v1|targets|D|f|e", "the spec's target seed");
        Seeds.Inspectors("D", "g", "e").Should().Be("SSJ-v1|inspectors|D|g|e", "the spec's inspector seed");
        Seeds.Pool("SSJ-v1|inspectors|D|g|e", "632800|potash").Should().Be("SSJ-v1|inspectors|D|g|e|632800|potash", "seed_inspectors | pool key");
        Seeds.NonceCommitment(DrawFixture.Nonce).Should().Be(Tickets.Sha256Hex(Convert.FromHexString(DrawFixture.Nonce)), "sha256 of the nonce's 32 bytes");
    }

    [Theory]
    [InlineData("r|c|A", 20, 1, "ceil(0.05 × 20) = 1")]
    [InlineData("r|c|A", 21, 2, "ceil(0.05 × 21) = 2")]
    [InlineData("r|c|B", 100, 7, "ceil(0.07 × 100) = 7")]
    [InlineData("r|c|C", 3, 3, "ceil(1.5 × 3) = 5, capped at N")]
    [InlineData("r|c|D", 9, 9, "all at class D (key items)")]
    [InlineData("r|x|B", 9, 4, "fixed 4")]
    [InlineData("r|y|B", 2, 2, "fixed 40, capped at N")]
    [InlineData("r|c|E", 9, 0, "no rule for class E")]
    public void Quotas_follow_the_published_rule_in_decimal_arithmetic(string stratum, int members, int quota, string rule)
    {
        var rules = new QuotaRules([new("A", 0.05m), new("B", 0.07m), new("C", 1.5m)], true, [new("r|x|B", 4), new("r|y|B", 40)], 3);

        var result = Quotas.For(stratum, members, rules);

        result.Quota.Should().Be(quota, rule);
        result.Rule.Should().Be(rule, "the rule applied is written out");
        result.Alternates.Should().Be(Math.Min(3, members - quota), "the next m tickets, as many as are left");
    }

    [Fact]
    public void Picks_are_the_k_smallest_tickets_of_each_stratum_and_alternates_the_next_m()
    {
        var inputs = Inputs();
        var result = Drawing.Run(inputs).Result;
        var seed = Seeds.Targets(inputs.DrawId, inputs.Targets.Sha256, inputs.Entropy);

        foreach (var quota in result.Quotas)
        {
            var ordered = Tickets.Order(inputs.Targets.Rows.Where(r => r.Stratum == quota.Stratum).Select(r => r.Id), seed);
            result.Picks.Where(p => p.Stratum == quota.Stratum).Should().Equal(
                ordered.Take(quota.Quota).Select(t => new Pick(quota.Stratum, t.Id, t.Ticket, 1)), $"stratum {quota.Stratum} picks");
            result.Alternates.Where(p => p.Stratum == quota.Stratum).Should().Equal(
                ordered.Skip(quota.Quota).Take(quota.Alternates).Select(t => new Pick(quota.Stratum, t.Id, t.Ticket, 1)), $"stratum {quota.Stratum} alternates");
        }

        result.Quotas.Select(q => $"{q.Stratum} {q.Quota}").Should().Equal(
            ["630100|potash-kcl-gb6549|B 3", "630100|potash-kcl-gb6549|C 3", "632800|lithium-carbonate|A 1", "632800|lithium-carbonate|B 3", "632800|lithium-carbonate|D 12"],
            "12 members per stratum: ceil(.2×12)=3, fixed 3, ceil(.05×12)=1, all at D");
    }

    [Fact]
    public void The_same_inputs_give_the_same_draw_and_other_entropy_a_different_one()
    {
        var a = Drawing.Run(Inputs()).Result;
        var b = Drawing.Run(Inputs()).Result;
        var c = Drawing.Run(Inputs() with { Entropy = Tickets.Sha256Hex("other") }).Result;

        b.Picks.Should().Equal(a.Picks, "a draw is a function of its inputs");
        b.Teams.Select(t => string.Join(",", t.Members)).Should().Equal(a.Teams.Select(t => string.Join(",", t.Members)), "teams too");
        c.Picks.Should().NotEqual(a.Picks, "new randomness, new picks");
    }

    [Fact]
    public void Each_pool_hands_out_its_stream_in_emission_order_across_its_targets()
    {
        var inputs = Inputs();
        var result = Drawing.Run(inputs).Result;
        var seed = Seeds.Inspectors(inputs.DrawId, inputs.Inspectors.Sha256, inputs.Entropy);

        foreach (var pool in result.Pools)
        {
            var consumed = result.Teams.Where(t => t.Pool == pool.Pool).SelectMany(t => t.Emissions).ToArray();
            var stream = new ReplacementStream(pool.Members, Seeds.Pool(seed, pool.Pool)).Take(pool.Position)
                .Select(e => (e.Id, e.Ticket, e.Generation));
            consumed.Select(e => (e.InspectorId, e.Ticket, e.Generation)).Should().Equal(stream, $"pool {pool.Pool} consumed its stream in order, stopping at {pool.Position}");
        }

        result.Pools.Select(p => p.Pool).Should().Equal(["630100|potash-kcl-gb6549", "632800|lithium-carbonate"], "one pool per region|category");
        result.Pools[1].Members.Should().Equal(["INS|QH-0001", "INS|QH-0002", "INS|QH-0003", "INS|QH-0004"], "the inspectors covering 632800 and qualified for lithium-carbonate");
    }

    [Fact]
    public void Teams_go_in_ascending_ticket_order_and_respect_every_rule()
    {
        var inputs = Inputs();
        var result = Drawing.Run(inputs).Result;
        var units = inputs.Inspectors.Rows.ToDictionary(r => r.Id, r => r.Unit);
        var ticket = result.Picks.ToDictionary(p => p.Id, p => p.Ticket);

        result.Teams.Select(t => ticket[t.TargetId]).Should().BeInAscendingOrder(StringComparer.Ordinal, "targets take inspectors in ticket order");
        foreach (var team in result.Teams.Where(t => t.Status == TeamRule.Complete))
        {
            team.Members.Should().HaveCount(2, "team size 2").And.OnlyHaveUniqueItems("no one twice on a team");
            team.Members.Select(m => units[m]).Distinct().Should().HaveCountGreaterThan(1, $"{team.TargetId}: not all from one unit");
            team.Emissions.Where(e => e.Accepted).Select(e => e.InspectorId).Should().Equal(team.Members, "the accepted emissions are the team");
        }

        var load = result.Teams.SelectMany(t => t.Members).GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        inputs.Inspectors.Rows.Should().OnlyContain(r => load.GetValueOrDefault(r.Id) <= r.Capacity, "nobody beyond capacity");
        load.Should().NotContainKey("INS|QH-0007", "capacity 0");
        var skipped = result.Teams.SelectMany(t => t.Emissions).Where(e => !e.Accepted).Select(e => e.Rule).Distinct().ToArray();
        skipped.Should().Contain([TeamRule.AlreadyOnTeam, TeamRule.NoCapacity, TeamRule.OneUnit], "this draw exercises these rules");
    }

    [Fact]
    public void A_declared_conflict_or_a_recent_inspection_recuses_and_an_older_one_does_not()
    {
        var result = Drawing.Run(Inputs()).Result;
        var team1 = result.Teams.Single(t => t.TargetId == "ENT|91632800QH000001X");

        team1.Members.Should().NotContain("INS|QH-0001", "declared conflict with 91632800QH000001X");
        var all = Drawing.Run(Inputs(DrawFixture.Ceremony(conflicts: [], inspections: []))).Result;
        var recused = all.Teams.FirstOrDefault(t => t.Members.Contains("INS|QH-0003"));
        recused.Should().NotBeNull("QH-0003 is on some team when nothing recuses him");

        var target = recused!.TargetId;
        var enterprise = Drawing.EnterpriseOf(target);
        var recent = Drawing.Run(Inputs(DrawFixture.Ceremony(conflicts: [], inspections: [new("INS|QH-0003", enterprise, new DateOnly(2025, 12, 1))]))).Result;
        var old = Drawing.Run(Inputs(DrawFixture.Ceremony(conflicts: [], inspections: [new("INS|QH-0003", enterprise, new DateOnly(2025, 8, 1))]))).Result;
        var declared = Drawing.Run(Inputs(DrawFixture.Ceremony(conflicts: [new("INS|QH-0003", target, "前同事")], inspections: []))).Result;

        recent.Teams.Single(t => t.TargetId == target).Emissions.Should().Contain(e => e.InspectorId == "INS|QH-0003" && e.Rule == TeamRule.InspectedWithinPeriod, "91 days before, period 180");
        recent.Teams.Single(t => t.TargetId == target).Members.Should().NotContain("INS|QH-0003", "recused");
        old.Teams.Single(t => t.TargetId == target).Members.Should().Equal(recused.Members, "213 days before is outside the period");
        declared.Teams.Single(t => t.TargetId == target).Emissions.Should().Contain(e => e.InspectorId == "INS|QH-0003" && e.Rule == TeamRule.DeclaredConflict, "a conflict may name the target id too");
    }

    [Fact]
    public void An_inspection_recuses_by_the_target_id_too_only_within_the_period_up_to_the_draw_date_and_not_with_the_rule_off()
    {
        var all = Drawing.Run(Inputs(DrawFixture.Ceremony(conflicts: [], inspections: []))).Result;
        var team = all.Teams.First(t => t.Members.Contains("INS|QH-0003") && t.TargetId != Drawing.EnterpriseOf(t.TargetId));
        var target = team.TargetId;
        DrawResult With(PastInspection inspection, int days = 180) => Drawing.Run(Inputs(DrawFixture.Ceremony(
            DrawFixture.Rules() with { Teams = DrawFixture.Rules().Teams with { InspectedWithinDays = days } },
            conflicts: [],
            inspections: [inspection, new("INS|QH-9999", target, new DateOnly(2026, 3, 1))]))).Result;
        Team TeamOf(DrawResult result) => result.Teams.Single(t => t.TargetId == target);

        TeamOf(With(new("INS|QH-0003", target, new DateOnly(2026, 3, 2)))).Emissions.Should().Contain(
            e => e.InspectorId == "INS|QH-0003" && e.Rule == TeamRule.InspectedWithinPeriod, "the target id itself, inspected on the draw date");
        TeamOf(With(new("INS|QH-0003", target, new DateOnly(2026, 3, 3)))).Members.Should().Equal(team.Members, "a date after the draw date is outside the period");
        TeamOf(With(new("INS|QH-0003", target, new DateOnly(2025, 9, 3)))).Emissions.Should().Contain(
            e => e.InspectorId == "INS|QH-0003" && e.Rule == TeamRule.InspectedWithinPeriod, "180 days before: the period's first day");
        TeamOf(With(new("INS|QH-0003", target, new DateOnly(2025, 9, 2)))).Members.Should().Equal(team.Members, "181 days before");
        TeamOf(With(new("INS|QH-0003", target, new DateOnly(2026, 3, 2)), days: 0)).Members.Should().Equal(team.Members, "the rule off");
    }

    [Fact]
    public void A_pool_with_nobody_eligible_leaves_no_eligible_team_after_the_published_bound()
    {
        var oneUnit = CanonicalFrames.Inspectors(
        [
            new("INS|A", "同一局", ["632800"], ["lithium-carbonate"], 50),
            new("INS|B", "同一局", ["632800"], ["lithium-carbonate"], 50),
        ]);
        var result = Drawing.Run(Inputs(DrawFixture.Ceremony(inspectors: oneUnit))).Result;

        var lithium = result.Teams.Where(t => t.Pool == "632800|lithium-carbonate").ToArray();
        lithium.Should().OnlyContain(t => t.Status == TeamRule.NoEligibleTeam, "a second member from the same unit is never allowed");
        lithium[0].Emissions.Count(e => !e.Accepted).Should().BeGreaterThanOrEqualTo(10 * 2 - 1, "the bound: 10 emissions per pool member for the slot");
        lithium[0].Emissions.Where(e => !e.Accepted).Should().OnlyContain(e => e.Rule == TeamRule.OneUnit || e.Rule == TeamRule.AlreadyOnTeam, "the rules that failed");
        result.Teams.Where(t => t.Pool == "630100|potash-kcl-gb6549").Should().OnlyContain(
            t => t.Status == TeamRule.NoEligibleTeam && t.Emissions.Count == 0, "nobody covers 630100 potash: an empty pool emits nothing");
    }

    [Fact]
    public void A_withdrawn_inspector_is_replaced_by_continuing_the_pools_stream()
    {
        var inputs = Inputs();
        var session = Drawing.Run(inputs);
        var before = session.Result;
        var team = before.Teams.First(t => t.Status == TeamRule.Complete);
        var pool = before.Pools.Single(p => p.Pool == team.Pool);

        var replacement = session.Replace(team.TargetId, team.Members[0], "declined: ill");

        var seed = Seeds.Pool(Seeds.Inspectors(inputs.DrawId, inputs.Inspectors.Sha256, inputs.Entropy), team.Pool);
        var continuation = new ReplacementStream(pool.Members, seed).Take(pool.Position + replacement.Emissions.Count).Skip(pool.Position);
        replacement.Emissions.Select(e => (e.InspectorId, e.Ticket, e.Generation)).Should().Equal(continuation.Select(e => (e.Id, e.Ticket, e.Generation)), "the stream continues where the draw left it");
        replacement.Replacer.Should().NotBeNull("the pool has eligible inspectors left").And.NotBe(team.Members[0], "not the one who withdrew");
        var after = session.Result;
        after.Teams.Single(t => t.TargetId == team.TargetId).Members.Should().Equal([team.Members[1], replacement.Replacer!], "the remaining member and the replacement");
        after.Pools.Single(p => p.Pool == team.Pool).Position.Should().Be(pool.Position + replacement.Emissions.Count, "the stream moved on");
        after.Replacements.Should().ContainSingle().Which.Reason.Should().Be("declined: ill", "the reason is recorded");
    }

    [Fact]
    public void A_target_that_cannot_be_sampled_gives_way_to_the_strata_next_alternate_in_order()
    {
        var session = Drawing.Run(Inputs());
        var before = session.Result;
        const string stratum = "632800|lithium-carbonate|B";
        var picks = before.Picks.Where(p => p.Stratum == stratum).ToArray();
        var alternates = before.Alternates.Where(p => p.Stratum == stratum).ToArray();

        var first = session.UseAlternate(picks[0].Id, "closed (停业)");
        var second = session.UseAlternate(picks[1].Id, "product not available");
        var third = session.UseAlternate(picks[2].Id, "closed");

        first.Should().Be(new AlternateUse(1, stratum, picks[0].Id, "closed (停业)", alternates[0].Id), "the first alternate in ticket order");
        second.Alternate.Should().Be(alternates[1].Id, "then the next");
        third.Alternate.Should().BeNull("two alternates per stratum: none left");
        var after = session.Result;
        after.Teams.Single(t => t.TargetId == picks[0].Id).Status.Should().Be(TeamRule.TargetReplaced, "its team is released");
        after.Teams.Single(t => t.TargetId == alternates[0].Id).Status.Should().Be(TeamRule.Complete, "the alternate gets a team");
        after.AlternateUses.Select(u => u.Step).Should().Equal([1, 2, 3], "every change after the draw is numbered");
        var replace = () => session.Replace(picks[0].Id, after.Teams.Single(t => t.TargetId == picks[0].Id).Members[0], "x");
        replace.Should().Throw<ArgumentException>().WithMessage("*was replaced by an alternate", "a replaced target needs no team");
    }

    [Fact]
    public void A_stratum_key_must_be_region_category_class()
    {
        var bad = CanonicalFrames.Targets([new("ENT|A", "632800|lithium")]);
        var act = () => Drawing.Run(Inputs() with { Targets = bad });

        act.Should().Throw<ArgumentException>().WithMessage("stratum '632800|lithium' is not region|category|risk class");
    }
}
