using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;
using Samples.Draw;

namespace Samples.Domain.Tests.Plans;

/// <summary>A joint plan (部门联合抽查): checked field by field, its departments frozen into the draw, its inspectors theirs.</summary>
public sealed class JointPlanTests
{
    public static readonly JointDepartment Market = new("QH-SAMR", "青海省市场监督管理局", ["海西州局", "格尔木市局"]);
    public static readonly JointDepartment Drugs = new("QH-NMPA", "青海省药品监督管理局", ["省药监局"]);

    private static PlanDefinition Joint(params JointDepartment[] departments) => PlanRulesTests.Valid() with { JointDepartments = departments };

    [Fact]
    public void A_joint_plan_of_two_departments_has_no_problems() => PlanRules.Check(Joint(Market, Drugs), 2026).Should().BeEmpty();

    [Fact]
    public void Every_wrong_department_field_is_named()
    {
        PlanRules.Check(Joint(Market), 2026).Should().ContainSingle().Which.Field.Should().Be("jointDepartments", "one department is not joint");
        PlanRules.Check(Joint(Market, Market with { Units = ["西宁市局"] }), 2026).Select(p => p.Field).Should().Equal("jointDepartments.id", "jointDepartments.name");
        PlanRules.Check(Joint(Market, Drugs with { Units = ["省药监局", "海西州局"] }), 2026).Should().ContainSingle()
            .Which.Should().Be(new FieldProblem("jointDepartments.units", "unit '海西州局' is in departments 'QH-SAMR' and 'QH-NMPA': an inspector is of one department"));
        PlanRules.Check(Joint(Market, Drugs with { Units = [" "] }), 2026).Select(p => p.Field).Should().Equal("jointDepartments.units");
        PlanRules.Check(Joint(Market, Drugs with { Id = "QH NMPA", Name = "" }), 2026).Select(p => p.Field).Should().Equal("jointDepartments.id", "jointDepartments.name");
    }

    [Fact]
    public void Normalised_departments_are_sorted_and_compared_field_by_field()
    {
        var a = PlanRules.Normalise(Joint(Market, Drugs));
        var b = PlanRules.Normalise(Joint(Drugs with { Name = " 青海省药品监督管理局 " }, Market with { Units = ["格尔木市局", "海西州局", "海西州局"] }));

        a.JointDepartments!.Select(d => d.Id).Should().Equal("QH-NMPA", "QH-SAMR");
        PlanRules.Same(a, b).Should().BeTrue("order, spaces and repeats do not make another plan");
        PlanRules.Same(a, PlanRules.Normalise(Joint(Market, Drugs with { Units = ["省药监局", "西宁药监分局"] }))).Should().BeFalse("a unit more is another plan");
        PlanRules.Same(a, PlanRules.Normalise(PlanRulesTests.Valid())).Should().BeFalse("a joint plan is not its organiser's own plan");
        PlanRules.Normalise(Joint()).JointDepartments.Should().BeNull("an empty list is no joint plan");
    }

    [Fact]
    public void The_departments_freeze_into_the_team_rules_and_a_plain_plan_changes_nothing()
    {
        var deployment = new TeamRules(2, true, 180, 10);

        JointPlans.Teams(PlanRulesTests.Valid(), deployment).Should().BeSameAs(deployment, "a single department's draw is as before");
        JointPlans.Teams(PlanRules.Normalise(Joint(Market, Drugs)), deployment).Departments.Should().BeEquivalentTo(
            new[] { new TeamDepartment("QH-NMPA", "青海省药品监督管理局", ["省药监局"]), new TeamDepartment("QH-SAMR", "青海省市场监督管理局", ["格尔木市局", "海西州局"]) },
            o => o.WithStrictOrdering());
        JointPlans.RecordKeepers(Joint(Market, Drugs)).Should().Equal("青海省市场监督管理局", "青海省药品监督管理局");
        JointPlans.RecordKeepers(PlanRulesTests.Valid()).Should().Equal("青海省市场监督管理局");
        JointPlans.DepartmentOf(Joint(Market, Drugs), "省药监局").Should().Be(Drugs);
    }

    [Fact]
    public void A_joint_plans_frame_leaves_out_inspectors_of_no_participating_department()
    {
        InspectorView Inspector(string number, string unit) => new(number, "x", unit, "632800", ["lithium-carbonate"], false, 5, [], [], []);
        var plan = new PlanVersion("QH-2026-J", 1, Joint(Market, Drugs), DateTimeOffset.UnixEpoch, "sup");

        var frames = FrameBuilder.Build(plan, 1, [], [Inspector("I-1", "海西州局"), Inspector("I-2", "省药监局"), Inspector("I-3", "西宁市局")]);
        var plain = FrameBuilder.Build(plan with { Definition = PlanRulesTests.Valid() }, 1, [], [Inspector("I-3", "西宁市局")]);

        frames.Inspectors.Select(i => i.Number).Should().Equal("I-1", "I-2");
        frames.ExcludedInspectors.Should().Equal(new Exclusion("I-3", null, "not of a participating department"));
        plain.Inspectors.Should().ContainSingle("a single department's plan draws from every unit");
    }
}
