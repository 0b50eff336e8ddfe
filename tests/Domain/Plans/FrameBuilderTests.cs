using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Domain.Tests.Plans;

public sealed class FrameBuilderTests
{
    private static PlanVersion Plan(params string[] regions) => new("QH-2026-01", 3, new PlanDefinition(
        2026, "青海省市场监督管理局", ["lithium-carbonate", "potash-kcl-gb6549"], regions,
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.B] = 0.05m }, false, []), 1000, "0 0 9 1 1/2 ?", 6),
        DateTimeOffset.UnixEpoch, "sup");

    private static readonly FrameGroup[] Groups =
    [
        new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, ["C3", "A1", "B2"]),
        new("632800", "lithium-carbonate", RiskClass.D, EnterpriseStatus.Active, ["D4"]),
        new("630100", "potash-kcl-gb6549", RiskClass.A, EnterpriseStatus.Active, ["E5"]),
        new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Deregistered, ["F6"]),
        new("632800", "potash-kcl-gb6549", RiskClass.C, EnterpriseStatus.AbnormalOperation, ["G7"]),
        new("632800", "pv-module-csi", RiskClass.B, EnterpriseStatus.Active, ["H8"]),
    ];

    private static InspectorView Inspector(string number, bool onLeave, params string[] categories) =>
        new(number, "x", "unit", "632800", categories, onLeave, 5, [], [], []);

    private static readonly InspectorView[] Inspectors =
    [
        Inspector("I-2", false, "lithium-carbonate"),
        Inspector("I-1", true, "lithium-carbonate"),
        Inspector("I-3", false, "cosmetics"),
    ];

    [Fact]
    public void Strata_hold_the_active_members_of_the_plans_categories_in_ordinal_order()
    {
        var frames = FrameBuilder.Build(Plan(), 2, Groups, Inspectors);

        frames.Strata.Select(s => s.Key).Should().Equal(
            "630100|potash-kcl-gb6549|A", "632800|lithium-carbonate|B", "632800|lithium-carbonate|D");
        frames.Strata[1].Members.Should().Equal("A1", "B2", "C3");
        frames.TargetCount.Should().Be(5, "pv-module-csi is not in the plan");
        frames.ExcludedTargets.Should().Equal(
            new Exclusion("F6", "lithium-carbonate", "deregistered"),
            new Exclusion("G7", "potash-kcl-gb6549", "on the abnormal-operation list"));
    }

    [Fact]
    public void A_plan_that_includes_the_abnormal_operation_list_draws_them_in_their_risk_class()
    {
        var plan = Plan();
        var including = plan with { Definition = plan.Definition with { Quotas = plan.Definition.Quotas with { IncludeAbnormalOperation = true } } };
        var frames = FrameBuilder.Build(including, 2, Groups, Inspectors);

        frames.Strata.Select(s => s.Key).Should().Contain("632800|potash-kcl-gb6549|C", "国办发〔2015〕58号 asks for more checks on them, not none");
        frames.Strata.Single(s => s.Key == "632800|potash-kcl-gb6549|C").Members.Should().Equal("G7");
        frames.ExcludedTargets.Should().Equal(new Exclusion("F6", "lithium-carbonate", "deregistered"));
    }

    [Fact]
    public void Inspectors_on_leave_or_without_a_qualification_are_excluded_with_the_reason()
    {
        var frames = FrameBuilder.Build(Plan(), 1, Groups, Inspectors);

        frames.Inspectors.Select(i => i.Number).Should().Equal("I-2");
        frames.ExcludedInspectors.Should().Equal(
            new Exclusion("I-1", null, "on leave"),
            new Exclusion("I-3", null, "not qualified for any of the plan's categories"));
    }

    [Fact]
    public void The_same_inputs_in_any_order_give_the_same_frames()
    {
        var forward = FrameBuilder.Build(Plan(), 1, Groups, Inspectors);
        var backward = FrameBuilder.Build(Plan(), 1, Groups.Reverse().Select(g => g with { Usccs = g.Usccs.Reverse().ToArray() }), Inspectors.Reverse());

        backward.Strata.Select(s => (s.Key, string.Join(',', s.Members))).Should().Equal(forward.Strata.Select(s => (s.Key, string.Join(',', s.Members))));
        backward.ExcludedTargets.Should().Equal(forward.ExcludedTargets);
        backward.Inspectors.Select(i => i.Number).Should().Equal(forward.Inspectors.Select(i => i.Number));
    }

    [Fact]
    public void A_plan_limited_to_regions_draws_only_there()
    {
        var frames = FrameBuilder.Build(Plan("630100"), 1, Groups, Inspectors);

        frames.Strata.Should().ContainSingle().Which.Key.Should().Be("630100|potash-kcl-gb6549|A");
        frames.ExcludedTargets.Should().BeEmpty("exclusions outside the plan's regions are not part of its frames");
    }

    [Fact]
    public void An_enterprise_sampled_recently_in_a_category_leaves_that_categorys_stratum_with_the_reason()
    {
        var recent = new Dictionary<(string, string), string> { [("B2", "lithium-carbonate")] = "6-month rule: sampled 2026-05-01 as batch X" };

        var frames = FrameBuilder.Build(Plan(), 1, Groups, Inspectors, recent);

        frames.Strata.Single(s => s.Key == "632800|lithium-carbonate|B").Members.Should().Equal("A1", "C3");
        frames.ExcludedTargets.Should().ContainSingle(e => e.Id == "B2").Which.Should().Be(new Exclusion("B2", "lithium-carbonate", "6-month rule: sampled 2026-05-01 as batch X"));
        frames.TargetCount.Should().Be(4);
    }
}
