using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Draws;
using Samples.Domain.Plans;
using Samples.Draw;
using DrawFixedQuota = Samples.Draw.FixedQuota;
using FixedQuota = Samples.Contracts.Plans.FixedQuota;
using QuotaRules = Samples.Contracts.Plans.QuotaRules;

namespace Samples.Domain.Tests.Plans;

/// <summary>A plan's sampling weights (issue 20): checked, turned into marked strata, frozen into the draw's rules.</summary>
public sealed class SamplingWeightsTests
{
    private static PlanVersion Plan(SamplingWeights? weights, bool includeAbnormal = true, params FixedQuota[] fixedQuotas) => new("QH-2026-W", 1, new PlanDefinition(
        2026, "青海省市场监督管理局", ["cosmetics", "lithium-carbonate"], [],
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.B] = 0.05m }, false, fixedQuotas, includeAbnormal, weights), 1000, "0 0 9 1 1/2 ?", 6),
        DateTimeOffset.UnixEpoch, "sup");

    private static readonly FrameGroup[] Groups =
    [
        new("630100", "cosmetics", RiskClass.B, EnterpriseStatus.Active, ["C3", "A1"]),
        new("630100", "cosmetics", RiskClass.B, EnterpriseStatus.Active, ["T2", "T1"], TouristSite: true),
        new("630100", "cosmetics", RiskClass.B, EnterpriseStatus.Active, ["K1"], KeySupervision: true, TouristSite: true),
        new("630100", "cosmetics", RiskClass.B, EnterpriseStatus.AbnormalOperation, ["X1"]),
        new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, ["L2", "L1"], KeySupervision: true),
    ];

    private static readonly HashSet<string> KeyItems = new(["lithium-carbonate"], StringComparer.Ordinal);

    private static Frames Build(PlanVersion plan) => FrameBuilder.Build(plan, 1, Groups, [], null, KeyItems);

    [Fact]
    public void Without_weights_the_strata_are_as_before_whatever_the_flags()
    {
        var frames = Build(Plan(null));

        frames.Strata.Select(s => (s.Key, string.Join(",", s.Members))).Should().Equal(
            [("630100|cosmetics|B", "A1,C3,K1,T1,T2,X1"), ("632800|lithium-carbonate|B", "L1,L2")],
            "flags and status the plan does not weigh leave one stratum per region, category and class");
    }

    [Fact]
    public void Each_weighted_mark_makes_a_stratum_of_its_own()
    {
        var frames = Build(Plan(new SamplingWeights(KeyCategory: 1.5m, TouristSite: 2m, AbnormalOperation: 3m)));

        frames.Strata.Select(s => (s.Key, string.Join(",", s.Members))).Should().Equal(
            [
                ("630100|cosmetics|B", "A1,C3"),
                ("630100|cosmetics|B|abnormal-operation", "X1"),
                ("630100|cosmetics|B|tourist-site", "K1,T1,T2"),
                ("632800|lithium-carbonate|B|key-category", "L1,L2"),
            ],
            "key supervision is not weighed by this plan, so K1 is with the other tourist-site retailers; lithium carbonate is a key item");
        frames.Strata.Select(s => s.Marks).Should().Contain("abnormal-operation", "the stratum carries its marks");
    }

    [Fact]
    public void Marks_combine_sorted()
    {
        var frames = Build(Plan(new SamplingWeights(KeySupervision: 1m, TouristSite: 2m)));

        frames.Strata.Select(s => s.Key).Should().Contain(["630100|cosmetics|B|key-supervision+tourist-site", "630100|cosmetics|B|tourist-site", "632800|lithium-carbonate|B|key-supervision"]);
    }

    [Fact]
    public void The_weights_are_frozen_into_the_draws_rules_and_give_the_marked_strata_their_quotas()
    {
        var plan = Plan(new SamplingWeights(TouristSite: 2m, KeyCategory: 1m));
        var frames = Build(plan);

        var rules = DrawFrameMapping.Quotas(plan.Definition.Quotas, frames, 2);

        rules.Weights.Should().Equal([new StratumWeight(StratumMarks.KeyCategory, 1m), new StratumWeight(StratumMarks.TouristSite, 2m)], "in mark order");
        Quotas.For("630100|cosmetics|B|tourist-site", 100, rules).Quota.Should().Be(10, "ceil(0.05 × 2 × 100)");
        DrawFrameMapping.Quotas(Plan(null).Definition.Quotas, Build(Plan(null)), 2).Weights.Should().BeNull("a plan without weights commits rules as before");
    }

    [Fact]
    public void A_plans_fixed_number_is_shared_by_size_times_the_marks_factors_and_never_beyond_a_stratums_members()
    {
        var plan = Plan(new SamplingWeights(TouristSite: 2m), false, new FixedQuota("cosmetics", "630100", 4));
        var frames = Build(plan);

        DrawFrameMapping.Quotas(plan.Definition.Quotas, frames, 2).Fixed.Should().Equal(
            [new DrawFixedQuota("630100|cosmetics|B", 1), new DrawFixedQuota("630100|cosmetics|B|tourist-site", 3)],
            "weights 2 and 3 × 2 = 6 of 8: 1 and 3 exactly");

        var more = Plan(new SamplingWeights(TouristSite: 10m), false, new FixedQuota("cosmetics", "630100", 4));
        DrawFrameMapping.Quotas(more.Definition.Quotas, Build(more), 2).Fixed.Should().Equal(
            [new DrawFixedQuota("630100|cosmetics|B", 1), new DrawFixedQuota("630100|cosmetics|B|tourist-site", 3)],
            "4 × 30/32 = 3.75 is more than the 3 tourist-site members: they take all 3 and the rest goes to the others");
    }

    [Theory]
    [InlineData(0.5, null, "quotas.weights.touristSite")]
    [InlineData(10.5, null, "quotas.weights.touristSite")]
    [InlineData(null, 2.0, "quotas.weights.abnormalOperation")]
    public void Bad_weights_are_refused_by_field(double? tourist, double? abnormal, string field)
    {
        var plan = Plan(new SamplingWeights(TouristSite: (decimal?)tourist, AbnormalOperation: (decimal?)abnormal), includeAbnormal: false).Definition;

        PlanRules.Check(plan, 2026).Select(p => p.Field).Should().Equal([field], "the field that changes nothing until it is right");
    }

    [Fact]
    public void Weights_are_part_of_the_plan()
    {
        var a = PlanRules.Normalise(Plan(null).Definition);

        PlanRules.Same(a, PlanRules.Normalise(Plan(new SamplingWeights(TouristSite: 2m)).Definition)).Should().BeFalse("a new weight is a new version");
        PlanRules.Same(a, PlanRules.Normalise(Plan(new SamplingWeights()).Definition)).Should().BeTrue("weights that give no factor are no weights");
        PlanRules.Same(a, PlanRules.Normalise(Plan(null, includeAbnormal: false).Definition)).Should().BeFalse("including the abnormal-operation list is a change too");
        PlanRules.Check(Plan(new SamplingWeights(1m, 10m, 2m, 3m)).Definition, 2026).Should().BeEmpty("1 and 10 are allowed");
    }

    [Fact]
    public void A_marked_stratum_reads_in_chinese_first()
    {
        SamplingWeightRules.Describe("630100|cosmetics|B|key-supervision+tourist-site").Should().Be("630100|cosmetics|B · 重点监管 key supervision + 旅游景区零售 tourist-site retail");
        SamplingWeightRules.Describe("630100|cosmetics|B").Should().Be("630100|cosmetics|B", "unmarked: as before");
    }
}
