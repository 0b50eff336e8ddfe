using System.Diagnostics;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>The statistical test: over many seeds, each member's selection frequency matches its stratum's rate.</summary>
public sealed class SelectionFrequencyTests
{
    private const int SeedCount = 4000;

    [Fact]
    public void Over_many_seeds_each_member_is_selected_at_its_strata_rate()
    {
        const string quarter = "630100|lithium-carbonate|A";
        const string tenth = "630100|potash-kcl-gb6549|B";
        var targets = CanonicalFrames.Targets(
            Enumerable.Range(0, 20).Select(i => new TargetRow($"ENT|91630100SQ{i:D6}X", quarter))
                .Concat(Enumerable.Range(0, 30).Select(i => new TargetRow($"ENT|91630100SR{i:D6}X", tenth))));
        // No inspector: teams end at once as "no eligible team", so the time goes to the target draw under test.
        var inspectors = CanonicalFrames.Inspectors([]);
        var rules = new DrawRules(new QuotaRules([new("B", 0.1m)], false, [new(quarter, 5)], 0), new TeamRules(2, false, 0, 10));
        var counts = targets.Rows.ToDictionary(r => r.Id, _ => 0, StringComparer.Ordinal);

        var clock = Stopwatch.StartNew();
        for (var seed = 0; seed < SeedCount; seed++)
        {
            // The real draw: quotas from the rules, tickets from the seeds, the k smallest per stratum.
            var entropy = Seeds.Entropy(Tickets.Sha256Hex($"frequency test nonce {seed}"), []);
            foreach (var pick in Drawing.Run(new DrawInputs("FREQ-2026", targets, inspectors, rules, [], [], new DateOnly(2026, 5, 1), entropy)).Result.Picks)
            {
                counts[pick.Id]++;
            }
        }

        var elapsed = clock.Elapsed;
        foreach (var (stratum, rate) in new[] { (quarter, 0.25), (tenth, 0.1) })
        {
            // Each member is selected in each draw with probability p, independently across seeds: binomial(4000, p).
            var tolerance = 6 * Math.Sqrt(rate * (1 - rate) / SeedCount);
            foreach (var member in targets.Rows.Where(r => r.Stratum == stratum))
            {
                var frequency = (double)counts[member.Id] / SeedCount;
                frequency.Should().BeApproximately(rate, tolerance, $"{member.Id} in {stratum}: rate {rate} ± 6 binomial sd ({tolerance:0.0000}); {SeedCount} draws in {elapsed.TotalSeconds:0.0} s");
            }
        }

        counts.Values.Sum().Should().Be(SeedCount * (5 + 3), "every draw fills both quotas: 5, and ceil(0.1 × 30) = 3");
    }
}
