using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Domain.Tests.Plans;

public sealed class PlanRulesTests
{
    public static PlanDefinition Valid() => new(
        2026, "青海省市场监督管理局", ["potash-kcl-gb6549", "lithium-carbonate"], ["632800"],
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.A] = 0.03m, [RiskClass.D] = 0.61m }, true, [new FixedQuota("lithium-carbonate", "632800", 20)]),
        1000, "0 0 9 1 1/2 ?", 6);

    [Fact]
    public void A_complete_plan_has_no_problems() => PlanRules.Check(Valid(), 2026).Should().BeEmpty();

    [Fact]
    public void Every_wrong_field_is_named()
    {
        var plan = Valid() with
        {
            Year = 1999,
            Department = " ",
            Regions = ["632801"],
            Quotas = new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.C] = 1.2m }, false, [new FixedQuota("cosmetics", "632800", 5)]),
            GoalBatches = 0,
            Rounds = 0,
        };

        PlanRules.Check(plan, 2026).Select(p => p.Field).Should().Equal(
            "year", "department", "regions", "quotas.ratioByRiskClass", "quotas.fixed", "goalBatches", "rounds");
    }

    [Fact]
    public void Normalised_plans_that_differ_only_in_order_are_the_same()
    {
        var a = PlanRules.Normalise(Valid());
        var b = PlanRules.Normalise(Valid() with { Categories = ["lithium-carbonate", "potash-kcl-gb6549", "lithium-carbonate"], Department = " 青海省市场监督管理局 " });

        PlanRules.Same(a, b).Should().BeTrue();
        PlanRules.Same(a, PlanRules.Normalise(Valid() with { GoalBatches = 1200 })).Should().BeFalse();
    }
}
