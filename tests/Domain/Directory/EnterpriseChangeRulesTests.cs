using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class EnterpriseChangeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private static EnterpriseState Registered() => new()
    {
        IsRegistered = true,
        Uscc = "91310115MA1K3BTP2B",
        Name = "海西示例钾肥有限公司",
        RegionCode = "632800",
        Kind = EnterpriseKind.Producer,
        Categories = ["potash-kcl-gb6549"],
        RiskClass = RiskClass.B,
    };

    [Fact]
    public void An_update_applies_only_what_differs_and_describes_each_change()
    {
        var state = Registered();

        var (problems, changes) = EnterpriseChangeRules.Update(state, new UpdateEnterprise("sup", Name: "海西示例钾肥有限公司", RegionCode: "630100", Categories: ["lithium-carbonate", "potash-kcl-gb6549", "lithium-carbonate"]));

        problems.Should().BeEmpty();
        changes.Should().Equal("region: '632800' → '630100'", "categories: 'potash-kcl-gb6549' → 'lithium-carbonate|potash-kcl-gb6549'");
        state.Categories.Should().Equal("lithium-carbonate", "potash-kcl-gb6549");
    }

    [Fact]
    public void An_update_that_asks_for_what_is_already_so_changes_nothing()
    {
        var state = Registered();

        var (problems, changes) = EnterpriseChangeRules.Update(state, new UpdateEnterprise("sup", Name: " 海西示例钾肥有限公司 ", Kind: EnterpriseKind.Producer));

        problems.Should().BeEmpty();
        changes.Should().BeEmpty();
    }

    [Fact]
    public void An_invalid_update_reports_every_field_and_applies_none()
    {
        var state = Registered();

        var (problems, changes) = EnterpriseChangeRules.Update(state, new UpdateEnterprise("sup", Name: "", RegionCode: "6328", Categories: ["Potash KCl"]));

        problems.Select(p => p.Field).Should().Equal("name", "regionCode", "categories");
        changes.Should().BeEmpty();
        state.RegionCode.Should().Be("632800", "nothing is applied when anything is wrong");
    }

    [Fact]
    public void A_status_change_needs_a_reason_and_is_described()
    {
        var state = Registered();

        var (refused, _) = EnterpriseChangeRules.ChangeStatus(state, new ChangeEnterpriseStatus(EnterpriseStatus.Deregistered, "", "sup"));
        var (problems, change) = EnterpriseChangeRules.ChangeStatus(state, new ChangeEnterpriseStatus(EnterpriseStatus.Deregistered, "注销登记 2026-03-30", "sup"));

        refused.Should().ContainSingle().Which.Field.Should().Be("reason");
        problems.Should().BeEmpty();
        change.Should().Be("status Active → Deregistered: 注销登记 2026-03-30");
        state.Status.Should().Be(EnterpriseStatus.Deregistered);
    }

    [Fact]
    public void The_risk_class_in_force_is_that_of_the_newest_month()
    {
        var state = Registered();

        EnterpriseChangeRules.SetRiskClass(state, new SetRiskClass("2026-03", RiskClass.D, "sup"), Now).Change
            .Should().Be("risk class for 2026-03: D (in force: B → D)");
        EnterpriseChangeRules.SetRiskClass(state, new SetRiskClass("2026-01", RiskClass.A, "sup"), Now).Change
            .Should().Be("risk class for 2026-01: A", "a correction of an older month does not change the class in force");
        EnterpriseChangeRules.SetRiskClass(state, new SetRiskClass("2026-03", RiskClass.D, "sup"), Now).Change
            .Should().BeNull("the same class for the same month again is no change");

        state.RiskClass.Should().Be(RiskClass.D);
        state.RiskHistory.Select(e => e.Month).Should().Equal("2026-03", "2026-01");
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-3")]
    [InlineData("March")]
    [InlineData("")]
    public void A_month_must_be_written_yyyy_MM(string month) =>
        EnterpriseChangeRules.SetRiskClass(Registered(), new SetRiskClass(month, RiskClass.A, "sup"), Now).Problems
            .Should().ContainSingle().Which.Field.Should().Be("month");
}
