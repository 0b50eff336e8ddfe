using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Draws;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class DrawFrameMappingTests
{
    private static readonly Frames Round = new(
        "QH-2026-01", 3, 1,
        [
            new("632800", "lithium-carbonate", RiskClass.B, ["U3", "U1", "U2"]),
            new("632800", "lithium-carbonate", RiskClass.D, ["U4"]),
            new("632800", "potash-kcl-gb6549", RiskClass.B, ["U1"]),
        ],
        [new("U9", "lithium-carbonate", "deregistered")],
        [new("I-2", "海西州局", "632800", ["potash-kcl-gb6549", "lithium-carbonate"])],
        [new("I-1", null, "on leave")]);

    [Fact]
    public void Contract_frames_become_canonical_frames_with_real_world_ids()
    {
        DrawFrameMapping.Targets(Round).Text.Should().Be(
            "id,stratum\nENT|U1|lithium-carbonate,632800|lithium-carbonate|B\nENT|U1|potash-kcl-gb6549,632800|potash-kcl-gb6549|B\n"
            + "ENT|U2|lithium-carbonate,632800|lithium-carbonate|B\nENT|U3|lithium-carbonate,632800|lithium-carbonate|B\nENT|U4|lithium-carbonate,632800|lithium-carbonate|D\n",
            "one row per enterprise and category, sorted");
        DrawFrameMapping.Inspectors(Round, _ => 5).Text.Should().Be(
            "id,unit,regions,qualifications,capacity\nINS|I-2,海西州局,632800,lithium-carbonate;potash-kcl-gb6549,5\n", "capacity from the caller");
        DrawFrameMapping.Exclusions(Round).Text.Should().Be("id,reason\nENT|U9|lithium-carbonate,deregistered\nINS|I-1,on leave\n", "both lists");
        Drawing.EnterpriseOf("ENT|U1|potash-kcl-gb6549").Should().Be("U1", "conflicts name the enterprise");
    }

    [Fact]
    public void A_plans_fixed_number_is_shared_among_the_risk_classes_by_size()
    {
        var plan = new Contracts.Plans.QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.C] = 0.2m, [RiskClass.A] = 0.05m }, true,
            [new Contracts.Plans.FixedQuota("lithium-carbonate", "632800", 3)]);

        var rules = DrawFrameMapping.Quotas(plan, Round, 2);

        rules.Ratios.Should().Equal([new RiskRatio("A", 0.05m), new RiskRatio("C", 0.2m)], "ratios by class, in class order");
        rules.Fixed.Should().Equal([new Samples.Draw.FixedQuota("632800|lithium-carbonate|B", 2), new Samples.Draw.FixedQuota("632800|lithium-carbonate|D", 1)],
            "3 × 3/4 = 2.25 and 3 × 1/4 = 0.75: floors 2 and 0, the larger remainder gets the last one");
        rules.AllAtClassD.Should().BeTrue("copied");
        rules.Alternates.Should().Be(2, "given");
    }

    [Theory]
    [InlineData("630000", "630100;632800")]
    [InlineData("632800", "632800")]
    [InlineData("632801", "632800")]
    public void A_provincial_inspector_covers_every_prefecture_of_the_frame_and_a_countys_covers_its_prefecture(string code, string covered) =>
        DrawFrameMapping.Covered(code, ["630100", "632800"]).Should().Equal(covered.Split(';'));
}
