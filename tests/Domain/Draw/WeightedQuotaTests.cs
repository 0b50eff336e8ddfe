using System.Text.Json;
using Samples.Domain.Tests.Support;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>Sampling weights on marked strata (draw/spec/draw-spec.md sections 2 and 4) and their vectors (vectors/weighted-quota-vectors.json).</summary>
public sealed class WeightedQuotaTests
{
    private static readonly QuotaRules Rules = new(
        [new("B", 0.05m), new("C", 0.2m)], true, [], 1, Weights: [new(StratumMarks.TouristSite, 2m), new(StratumMarks.KeySupervision, 1.5m)]);

    private static JsonElement Vectors()
    {
        var path = Path.Combine(RepoPaths.DrawSpec, "vectors", "weighted-quota-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    [Fact]
    public void A_tourist_site_stratum_is_sampled_twice_as_often_as_the_same_class_unmarked()
    {
        var plain = Quotas.For("632700|cosmetics|B", 200, Rules);
        var tourist = Quotas.For("632700|cosmetics|B|tourist-site", 200, Rules);

        plain.Quota.Should().Be(10, "ceil(0.05 × 200)");
        tourist.Quota.Should().Be(20, "the tourist-site factor 2 doubles the class ratio");
        tourist.Rule.Should().Be("ceil(0.05 × 2 × 200) = 20", "the rule written out names the factor");
    }

    [Fact]
    public void Several_marks_multiply_and_the_ratio_is_capped_at_one()
    {
        Quotas.For("r|c|B|key-supervision+tourist-site", 100, Rules).Should().Be(
            new StratumQuota("r|c|B|key-supervision+tourist-site", 100, 15, 1, "ceil(0.05 × 1.5 × 2 × 100) = 15"), "0.05 × 1.5 × 2 = 0.15 in decimal");
        Quotas.For("r|c|C|key-supervision+tourist-site", 8, Rules with { Weights = [new(StratumMarks.TouristSite, 10m), new(StratumMarks.KeySupervision, 1m)] })
            .Should().Be(new StratumQuota("r|c|C|key-supervision+tourist-site", 8, 8, 0, "ceil(min(1, 0.2 × 1 × 10) × 8) = 8"), "never more than all N");
    }

    [Fact]
    public void Fixed_numbers_and_all_at_class_D_keep_precedence_over_weights()
    {
        var rules = Rules with { Fixed = [new("r|c|B|tourist-site", 3)] };

        Quotas.For("r|c|B|tourist-site", 100, rules).Rule.Should().Be("fixed 3", "a fixed number for the marked stratum comes first");
        Quotas.For("r|c|D|tourist-site", 6, rules).Should().Be(new StratumQuota("r|c|D|tourist-site", 6, 6, 0, "all at class D (key items)"), "all of them already");
    }

    [Fact]
    public void A_marked_stratum_without_a_weight_in_the_rules_is_refused()
    {
        var act = () => Quotas.For("r|c|B|abnormal-operation", 10, Rules);

        act.Should().Throw<ArgumentException>().WithMessage("stratum 'r|c|B|abnormal-operation' is marked abnormal-operation, but the rules give no weight for abnormal-operation");
    }

    [Fact]
    public void Unmarked_strata_are_as_without_weights()
    {
        var without = Rules with { Weights = null };

        foreach (var (stratum, members) in new[] { ("r|c|B", 21), ("r|c|C", 7), ("r|c|D", 3), ("r|c|A", 9) })
        {
            Quotas.For(stratum, members, Rules).Should().Be(Quotas.For(stratum, members, without), $"{stratum}: weights only touch marked strata");
        }
    }

    [Fact]
    public void Rules_without_weights_serialize_exactly_as_before()
    {
        var json = JsonSerializer.Serialize(Rules with { Weights = null }, DrawBundle.Json);

        json.Should().NotContain("weights", "older commitments must hash as they did");
        using var weighted = JsonDocument.Parse(JsonSerializer.Serialize(Rules, DrawBundle.Json));
        weighted.RootElement.GetProperty("weights")[0].GetProperty("mark").GetString().Should().Be("tourist-site", "weights are frozen in the rule set when given");
        JsonSerializer.Deserialize<QuotaRules>(weighted.RootElement.GetRawText(), DrawBundle.Json)!.Weights.Should().Equal(Rules.Weights, "and read back");
    }

    [Fact]
    public void The_weighted_quota_vectors_are_reproduced()
    {
        var root = Vectors();
        var rules = root.GetProperty("rules").Deserialize<QuotaRules>(DrawBundle.Json)!;
        Quotas.Check(rules);

        foreach (var expected in root.GetProperty("quotas").EnumerateArray())
        {
            var want = expected.Deserialize<StratumQuota>(DrawBundle.Json)!;
            Quotas.For(want.Stratum, want.Members, rules).Should().Be(want, $"{want.Stratum} with {want.Members} members");
        }

        var draw = root.GetProperty("draw");
        var rows = CanonicalFrames.ParseTargets(draw.GetProperty("targets").GetString()!).Rows;
        var (quotas, picks, alternates) = TargetDraw.Run(rows, draw.GetProperty("seed").GetString()!, rules);
        quotas.Should().Equal(draw.GetProperty("quotas").Deserialize<StratumQuota[]>(DrawBundle.Json), "the draw's quotas");
        picks.Select(p => (p.Stratum, p.Id, p.Ticket)).Should().Equal(Triples(draw.GetProperty("picks")), "picks: the k smallest tickets per stratum");
        alternates.Select(p => (p.Stratum, p.Id, p.Ticket)).Should().Equal(Triples(draw.GetProperty("alternates")), "then the alternates");
        picks.Count(p => p.Stratum == "632700|cosmetics|B|tourist-site").Should().Be(2 * picks.Count(p => p.Stratum == "632700|cosmetics|B"), "the vector's point");
    }

    [Fact]
    public void Bad_weights_and_marks_in_the_vectors_are_refused()
    {
        var root = Vectors();
        foreach (var refused in root.GetProperty("refused").EnumerateArray())
        {
            var weights = refused.GetProperty("weights").Deserialize<StratumWeight[]>(DrawBundle.Json)!;
            var act = () => Quotas.Check(Rules with { Weights = weights });
            act.Should().Throw<ArgumentException>().WithMessage(refused.GetProperty("message").GetString()!);
        }

        foreach (var stratum in root.GetProperty("badStrata").EnumerateArray().Select(s => s.GetString()!))
        {
            var act = () => StratumKey.Parse(stratum);
            act.Should().Throw<ArgumentException>($"{stratum}: unknown, unsorted, repeated or empty marks would give one set of members two spellings");
        }
    }

    [Fact]
    public void A_marked_key_keeps_its_pool()
    {
        var key = StratumKey.Parse("632800|cosmetics|B|key-supervision+tourist-site");

        key.Pool.Should().Be("632800|cosmetics", "teams and staffing are per region and category, marks or not");
        key.Marks.Should().Equal(StratumMarks.KeySupervision, StratumMarks.TouristSite);
        key.ToString().Should().Be("632800|cosmetics|B|key-supervision+tourist-site");
        key.Should().Be(new StratumKey("632800", "cosmetics", "B", [StratumMarks.KeySupervision, StratumMarks.TouristSite]), "equal by value");
    }

    [Fact]
    public void A_paced_round_shares_its_size_as_the_weighted_rule_does()
    {
        var strata = new Dictionary<string, int> { ["r|c|B"] = 100, ["r|c|B|tourist-site"] = 50 };

        Pacer.Spread(10, strata, Rules with { Ratios = [new("B", 0.1m)] }).Should().Equal(
            [new FixedQuota("r|c|B", 5), new FixedQuota("r|c|B|tourist-site", 5)], "10 and ceil(0.1 × 2 × 50) = 10: half each, though half the members");
    }

    private static IEnumerable<(string, string, string)> Triples(JsonElement picks) =>
        picks.EnumerateArray().Select(p => (p.GetProperty("stratum").GetString()!, p.GetProperty("id").GetString()!, p.GetProperty("ticket").GetString()!));
}
