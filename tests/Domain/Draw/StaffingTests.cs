using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>Whether a draw's teams can be staffed, checked before any randomness; and a short team completed after the draw.</summary>
public sealed class StaffingTests
{
    private static readonly TeamRules Teams = new(2, true, 180, 10);

    private static StratumQuota Quota(string stratum, int quota) => new(stratum, quota * 2, quota, 0, "fixed");

    [Fact]
    public void A_frame_that_can_staff_every_team_has_no_short_pool()
    {
        var report = Staffing.Of(DrawFixture.Inspectors().Rows, [Quota("632800|lithium-carbonate|B", 5), Quota("630100|potash-kcl-gb6549|B", 4)], Teams);

        report.CanStaffEveryTeam.Should().BeTrue(report.Describe());
        report.Pools.Should().HaveCount(2);
        report.Pools[1].Should().BeEquivalentTo(new { Pool = "632800|lithium-carbonate", Teams = 5, SeatsNeeded = 10, Members = 4, Units = 2 });
    }

    [Fact]
    public void Too_few_members_one_unit_or_too_little_capacity_names_the_pool()
    {
        InspectorRow[] rows =
        [
            new("INS|A", "甲局", ["632800"], ["lithium-carbonate"], 3),
            new("INS|B", "甲局", ["632800"], ["lithium-carbonate"], 3),
            new("INS|C", "乙局", ["630100"], ["potash-kcl-gb6549"], 9),
        ];
        var report = Staffing.Of(rows, [Quota("632800|lithium-carbonate|B", 4), Quota("630100|potash-kcl-gb6549|C", 1)], Teams);

        report.CanStaffEveryTeam.Should().BeFalse();
        var lithium = report.Pools.Single(p => p.Pool == "632800|lithium-carbonate");
        lithium.Problems.Should().Contain("every inspector is of one unit, and a team may not be").And.Contain("capacity for 6 of 8 seats");
        report.Pools.Single(p => p.Pool == "630100|potash-kcl-gb6549").Problems.Should().Contain("1 inspector(s) for teams of 2");
        report.Describe().Should().StartWith("630100|potash-kcl-gb6549: 1 inspector(s)");
    }

    [Fact]
    public void Pools_that_share_inspectors_are_short_together_when_the_shared_capacity_does_not_reach()
    {
        // Each pool alone has the capacity it needs; together they need 8 seats of 6.
        InspectorRow[] rows =
        [
            new("INS|A", "甲局", ["632800", "630100"], ["lithium-carbonate"], 2),
            new("INS|B", "乙局", ["632800", "630100"], ["lithium-carbonate"], 2),
            new("INS|C", "丙局", ["632800", "630100"], ["lithium-carbonate"], 2),
        ];
        var report = Staffing.Of(rows, [Quota("632800|lithium-carbonate|B", 2), Quota("630100|lithium-carbonate|B", 2)], Teams);

        report.Pools.Should().OnlyContain(p => p.Capacity >= p.SeatsNeeded);
        report.Pools.Should().OnlyContain(p => p.Problems.Single() == "2 of 8 seats of pools 630100|lithium-carbonate, 632800|lithium-carbonate left empty: they share inspectors whose capacity does not reach");
        Staffing.Of([.. rows.Select(r => r with { Capacity = 3 })], [Quota("632800|lithium-carbonate|B", 2), Quota("630100|lithium-carbonate|B", 2)], Teams)
            .CanStaffEveryTeam.Should().BeTrue("with a seat more each, they reach");
    }

    [Fact]
    public void A_short_team_is_completed_from_its_pool_beyond_capacity_and_the_completion_verifies()
    {
        var inspectors = CanonicalFrames.Inspectors([.. DrawFixture.Inspectors().Rows.Select(r => r with { Capacity = Math.Min(r.Capacity, 1) })]);
        var plain = DrawFixture.Ceremony(inspectors: inspectors);
        var report = Staffing.Of(inspectors.Rows, Bundles.QuotasOf(plain.Targets, plain.Rules.Quotas), plain.Rules.Teams);
        var ceremony = plain with { Staffing = new(StaffingShortfall.AllowShortTeams, report.ShortPools) };
        Verifier.Verify(Bundles.Create(plain)).Should().Contain(d => d.StartsWith("staffing: the teams cannot all be staffed", StringComparison.Ordinal),
            "a commitment that cannot staff its teams must say it allowed that");
        var drawn = Bundles.Create(ceremony);
        var shortTeam = drawn.Teams.First(t => t.Members.Count < 2);

        var completed = Bundles.Create(ceremony, afterDraw: session => session.Complete(shortTeam.TargetId, "短缺补足 team short at the draw"));

        var team = completed.Teams.Single(t => t.TargetId == shortTeam.TargetId);
        team.Members.Should().HaveCount(shortTeam.Members.Count + 1).And.StartWith(shortTeam.Members);
        completed.Replacements.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Withdrawn = "", Replacer = team.Members[^1] });
        var replay = Bundles.Create(ceremony, afterDraw: session => Supplements.Replay(session, completed));
        replay.Teams.Should().BeEquivalentTo(completed.Teams, "the verifier replays a completion as it was made");
        Verifier.Verify(completed).Should().BeEmpty();
        var forged = completed.Commitment with { Staffing = new(StaffingShortfall.AllowShortTeams, report.ShortPools.Skip(1).ToArray()) };
        Verifier.Verify(Bundles.Seal(completed with { Commitment = forged })).Should().Contain(d => d.StartsWith("staffing: the commitment publishes", StringComparison.Ordinal));

        var full = drawn.Teams.First(t => t.Members.Count == 2).TargetId;
        FluentActions.Invoking(() => Bundles.Create(ceremony, afterDraw: session => session.Complete(full, "x")))
            .Should().Throw<ArgumentException>().WithMessage("*is complete*");
    }
}
