using Samples.Contracts.Draws;
using Samples.Domain.Draws;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class SupplementBoundsTests
{
    [Fact]
    public void A_team_is_replaced_at_most_twice_per_seat_and_a_draw_has_at_most_one_supplement_per_team()
    {
        var drawn = Bundles.Create(DrawFixture.Ceremony());
        var team = drawn.Teams.First(t => t.Status == TeamRule.Complete);
        DrawSteps.SupplementWithinBounds(drawn, team.TargetId, replacement: true).Should().BeNull();

        var seats = team.Members.Count;
        var walked = drawn with { Replacements = [.. Enumerable.Range(1, DrawSteps.ReplacementsPerSeat * seats).Select(i => new Replacement(i, team.TargetId, $"INS|{i}", "x", [], null))] };
        var refused = DrawSteps.SupplementWithinBounds(walked, team.TargetId, replacement: true);
        refused!.Kind.Should().Be(DrawRefusal.WrongStep);
        refused.Reason.Should().Contain("no more are made", "walking a pool's stream towards a chosen inspector is bounded");
        DrawSteps.SupplementWithinBounds(walked, drawn.Teams.First(t => t.TargetId != team.TargetId).TargetId, replacement: true).Should().BeNull("another team still may be");

        var full = drawn with { AlternateUses = [.. drawn.Teams.Select((t, i) => new AlternateUse(i + 1, t.Stratum, t.TargetId, "x", null))] };
        DrawSteps.SupplementWithinBounds(full, team.TargetId, replacement: false)!.Reason.Should().Contain("one per team");
    }
}
