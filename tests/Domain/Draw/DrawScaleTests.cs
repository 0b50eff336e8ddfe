using System.Diagnostics;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class DrawScaleTests
{
    [Fact]
    public void A_draw_of_twenty_thousand_targets_runs_and_verifies()
    {
        string[] regions = ["630100", "632800", "632500", "632700"];
        string[] categories = ["lithium-carbonate", "potash-kcl-gb6549", "pv-module-csi", "cosmetics"];
        string[] classes = ["A", "B", "C", "D"];
        var targets = CanonicalFrames.Targets(Enumerable.Range(0, 20_000).Select(i =>
            new TargetRow($"ENT|9163{i:D14}", $"{regions[i % 4]}|{categories[i / 4 % 4]}|{classes[i / 16 % 4]}")));
        var inspectors = CanonicalFrames.Inspectors(Enumerable.Range(0, 200).Select(i =>
            new InspectorRow($"INS|QH-{i + 100:D4}", $"unit-{i % 7}", [regions[i % 4], regions[(i + 1) % 4]], [categories[i % 4], categories[(i + 2) % 4]], 40)));
        var ceremony = DrawFixture.Ceremony(rules: new DrawRules(new QuotaRules([new("A", 0.03m), new("B", 0.05m), new("C", 0.2m)], false, [], 2), new TeamRules(2, true, 180, 10)), inspectors: inspectors)
            with { Targets = targets };

        var clock = Stopwatch.StartNew();
        var bundle = DrawBundle.FromJson(Bundles.Create(ceremony).ToJson());
        var drawn = clock.Elapsed;
        var differences = Verifier.Verify(bundle);

        differences.Should().BeEmpty($"drawn in {drawn.TotalSeconds:0.0} s, verified in {(clock.Elapsed - drawn).TotalSeconds:0.0} s");
        bundle.Picks.Count.Should().Be(bundle.Commitment.Quotas.Sum(q => q.Quota), "every quota is filled");
        bundle.Teams.Should().HaveCount(bundle.Picks.Count, "a team per pick");

        // On one thread (no ticket, no stream computed on another core) the draw is the same, replacements after it included.
        void Changes(DrawSession session)
        {
            session.Replace(bundle.Teams[3].TargetId, bundle.Teams[3].Members[0], "declined");
            session.UseAlternate(bundle.Teams[7].TargetId, "closed");
            session.Replace(bundle.Teams[11].TargetId, bundle.Teams[11].Members[1], "recusal found later");
        }

        var withChanges = Bundles.Create(ceremony, afterDraw: Changes).ToJson();
        AppContext.SetSwitch(Cores.SingleThreadedSwitch, true);
        try
        {
            Bundles.Create(ceremony, afterDraw: Changes).ToJson().Should().Be(withChanges, "the same draw on one thread");
        }
        finally
        {
            AppContext.SetSwitch(Cores.SingleThreadedSwitch, false);
        }
    }
}
