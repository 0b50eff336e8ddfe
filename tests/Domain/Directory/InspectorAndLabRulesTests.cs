using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class InspectorAndLabRulesTests
{
    private static DefineInspector Inspector(string number = "QH-HX-0012", int maxOpen = 5, string region = "632800") =>
        new(number, "马建国", "海西州市场监督管理局", region, ["potash-kcl-gb6549", "lithium-carbonate"], false, maxOpen, "sup");

    [Fact]
    public void A_new_inspector_is_entered_and_a_redefinition_lists_what_changed()
    {
        var state = new InspectorState();

        InspectorRules.Define(state, "QH-HX-0012", Inspector()).Changes.Should().Equal("entered in the inspector directory");
        InspectorRules.Define(state, "QH-HX-0012", Inspector()).Changes.Should().BeEmpty("the same definition again changes nothing");
        InspectorRules.Define(state, "QH-HX-0012", Inspector(maxOpen: 8) with { OnLeave = true }).Changes
            .Should().Equal("on leave: 'no' → 'yes'", "max open tasks: '5' → '8'");
    }

    [Theory]
    [InlineData("QH HX 12", 5, "632800", "number")]
    [InlineData("QH-HX-0012", 0, "632800", "maxOpenTasks")]
    [InlineData("QH-HX-0012", 101, "632800", "maxOpenTasks")]
    [InlineData("QH-HX-0012", 5, "63", "regionCode")]
    public void Bad_fields_are_named(string number, int maxOpen, string region, string field) =>
        InspectorRules.Define(new InspectorState(), number, Inspector(number, maxOpen, region)).Problems
            .Should().ContainSingle().Which.Field.Should().Be(field);

    [Fact]
    public void A_conflict_needs_a_valid_code_and_a_reason_and_is_recorded_once()
    {
        var state = new InspectorState();
        InspectorRules.Define(state, "QH-HX-0012", Inspector());
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        InspectorRules.DeclareConflict(state, new DeclareConflict("91350100M000100I4", "", "sup"), now).Problems
            .Select(p => p.Field).Should().Equal("uscc", "reason");
        InspectorRules.DeclareConflict(state, new DeclareConflict("91350100M000100Y44", "pilot-code enterprise", "sup"), now).Problems
            .Should().BeEmpty("a code failing only its check character may be an enterprise registered with an override");
        InspectorRules.DeclareConflict(state, new DeclareConflict("91350100M000100Y43", "亲属|同事", "sup"), now).Problems
            .Should().ContainSingle().Which.Message.Should().Contain("'|'");
        InspectorRules.DeclareConflict(state, new DeclareConflict("91350100m000100y43", "配偶任职于该企业", "sup"), now).Change
            .Should().Be("declared a conflict with 91350100M000100Y43: 配偶任职于该企业");
        InspectorRules.DeclareConflict(state, new DeclareConflict("91350100M000100Y43", "again", "sup"), now).Change.Should().BeNull();
        state.Conflicts.Should().HaveCount(2);
    }

    [Fact]
    public void An_inspection_cannot_be_recorded_in_the_future()
    {
        var state = new InspectorState();
        InspectorRules.Define(state, "QH-HX-0012", Inspector());

        InspectorRules.RecordInspection(state, new RecordInspection("91350100M000100Y43", new DateOnly(2026, 7, 2), "sup"), new DateOnly(2026, 7, 1))
            .Problems.Should().ContainSingle().Which.Message.Should().Be("2026-07-02 is in the future");
    }

    [Fact]
    public void A_lab_needs_a_category_and_redefining_it_identically_changes_nothing()
    {
        var state = new LabState();
        var define = new DefineLab("QH-LAB-01", "青海省产品质量检验检测院", ["potash-kcl-gb6549"], ["k2o", "h2o"], true, "admin");

        LabRules.Define(state, "QH-LAB-01", define with { AccreditedCategories = [] }).Problems
            .Should().ContainSingle().Which.Field.Should().Be("accreditedCategories");
        LabRules.Define(state, "QH-LAB-01", define).Change.Should().Be("entered in the lab directory: 1 categories, 2 items, re-tests allowed");
        LabRules.Define(state, "QH-LAB-01", define with { AccreditedItems = ["h2o", "k2o", "k2o"] }).Change.Should().BeNull("lists are compared normalised");
    }
}
