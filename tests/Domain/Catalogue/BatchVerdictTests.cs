using Samples.Domain.Catalogue;
using static Samples.Domain.Tests.Catalogue.TestCategories;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>Batch verdicts and bad input, on the shipped catalogue where it has the case, else on a test category.</summary>
public sealed class BatchVerdictTests
{
    private static readonly CatalogueVersion Shipped = CatalogueLoader.LoadShipped();

    private static Dictionary<string, Measurement> Results(params (string Item, Measurement Result)[] results) =>
        results.ToDictionary(r => r.Item, r => r.Result, StringComparer.Ordinal);

    private static BatchVerdict Potash(string grade, params (string Item, Measurement Result)[] results) =>
        VerdictEngine.Evaluate(Shipped, "potash-kcl-gb6549", SampleDescription.WithVariants(("grade", grade)), Results(results));

    [Fact]
    public void The_domain_example_fails_a_premium_potash_batch_with_the_stated_reason()
    {
        var verdict = Potash("premium", ("k2o", Measurement.Of(59.96m)), ("h2o", Measurement.Of(1.2m)));

        verdict.Outcome.Should().Be(BatchOutcome.Fail, "a required item fails");
        verdict.Item("k2o")!.Reason.Should().Be("K₂O 59.96 % < 60.0 % (premium grade, full-value method): fails");
        verdict.Item("h2o")!.Outcome.Should().Be(ItemOutcome.Pass);
        verdict.Summary.Should().Be("fails: 1 required item failing (K₂O)");
        verdict.CatalogueVersion.Should().Be(1);
        verdict.CategoryCode.Should().Be("potash-kcl-gb6549");
    }

    [Fact]
    public void The_same_value_passes_the_first_grade()
    {
        var verdict = Potash("first", ("k2o", Measurement.Of(59.96m)), ("h2o", Measurement.Of(4.0m)));

        verdict.Outcome.Should().Be(BatchOutcome.Pass);
        verdict.Summary.Should().Be("passes: 2 required items passing");
        verdict.Problems.Should().BeEmpty();
    }

    [Fact]
    public void A_missing_required_item_makes_the_batch_incomplete_not_passing()
    {
        var verdict = Potash("premium", ("k2o", Measurement.Of(61m)));

        verdict.Outcome.Should().Be(BatchOutcome.Incomplete, "H₂O is required and has no result");
        verdict.Item("h2o")!.Outcome.Should().Be(ItemOutcome.NotTested);
        verdict.Summary.Should().Be("incomplete: no result for 1 required item (H₂O)");
    }

    [Fact]
    public void A_failure_decides_the_batch_even_when_other_items_are_missing()
    {
        var verdict = Potash("premium", ("h2o", Measurement.Of(2.5m)));

        verdict.Outcome.Should().Be(BatchOutcome.Fail, "one failing required item is enough to fail");
    }

    [Fact]
    public void An_optional_item_is_judged_but_does_not_decide_the_batch()
    {
        var category = Category(Item("a", Max(1m)), Item("b", Max(1m), required: false));

        var failing = VerdictEngine.Evaluate(category, SampleDescription.None, Results(("a", Measurement.Of(1m)), ("b", Measurement.Of(2m))));
        var missing = VerdictEngine.Evaluate(category, SampleDescription.None, Results(("a", Measurement.Of(1m))));

        failing.Outcome.Should().Be(BatchOutcome.Pass, "only required items decide");
        failing.Item("b")!.Outcome.Should().Be(ItemOutcome.Fail);
        failing.Summary.Should().Be("passes: 1 required item passing; optional items failing: b");
        missing.Outcome.Should().Be(BatchOutcome.Pass, "a missing optional item does not make the batch incomplete");
    }

    [Fact]
    public void Items_not_applicable_to_the_form_are_not_missing()
    {
        var sample = SampleDescription.WithVariants(("type", "I"), ("form", "powder"));
        var results = Results(("k2o", Measurement.Of(62.0m)), ("h2o", Measurement.Of(1.0m)), ("nacl", Measurement.Of(1.0m)), ("water-insolubles", Measurement.Of(0.5m)));

        var verdict = VerdictEngine.Evaluate(Shipped, "potash-kcl-gb-t37918", sample, results);

        verdict.Outcome.Should().Be(BatchOutcome.Pass, "granule size and crushing strength do not apply to powder");
        verdict.Item("granule-size")!.Outcome.Should().Be(ItemOutcome.NotApplicable);
        verdict.Item("crushing-strength")!.Reason.Should().Be("Crushing strength: crushing strength applies to the granular form only");
        verdict.Summary.Should().Be("passes: 4 required items passing, 2 not applicable");
    }

    [Fact]
    public void Granular_fertilizer_potash_is_judged_on_the_granular_limits()
    {
        var sample = SampleDescription.WithVariants(("type", "I"), ("form", "granular"));
        var results = Results(
            ("k2o", Measurement.Of(62.0m)), ("h2o", Measurement.Of(0.31m)), ("nacl", Measurement.Of(1.0m)),
            ("water-insolubles", Measurement.Of(0.5m)), ("granule-size", Measurement.Of(89.9m)), ("crushing-strength", Measurement.Of(25.0m)));

        var verdict = VerdictEngine.Evaluate(Shipped, "potash-kcl-gb-t37918", sample, results);

        verdict.Outcome.Should().Be(BatchOutcome.Fail);
        verdict.Item("h2o")!.Reason.Should().Be("H₂O 0.31 % > 0.3 % (granular form, type I, full-value method): fails");
        verdict.Item("granule-size")!.Reason.Should().Be("Granule size fraction 1.00–4.75 mm 89.9 % < 90 % (granular form, full-value method): fails");
        verdict.Item("crushing-strength")!.Outcome.Should().Be(ItemOutcome.Pass);
        verdict.Summary.Should().Be("fails: 2 required items failing (H₂O, Granule size fraction 1.00–4.75 mm)");
    }

    [Fact]
    public void A_pv_batch_needs_the_module_area_for_its_insulation_items()
    {
        var results = Results(
            ("visual", Measurement.Conforms()), ("max-power-stc", Measurement.Conforms()),
            ("power-degradation-test", Measurement.Of(4.2m)), ("power-degradation-sequence", Measurement.Of(7.9m)),
            ("insulation-resistance", Measurement.Of(30m)), ("wet-leakage", Measurement.Of(24.99m)), ("damp-heat", Measurement.Conforms()));

        var withArea = VerdictEngine.Evaluate(Shipped, "pv-module-csi", SampleDescription.None.WithProperty("moduleArea", 1.6m), results);
        var withoutArea = VerdictEngine.Evaluate(Shipped, "pv-module-csi", SampleDescription.None, results);

        withArea.Outcome.Should().Be(BatchOutcome.Fail, "24.99 MΩ × 1.6 m² = 39.984 MΩ·m² < 40");
        withArea.Item("insulation-resistance")!.Reason.Should().Be(
            "Insulation resistance 30 MΩ × 1.6 m² = 48.0 MΩ·m² ≥ 40 MΩ·m² (module area 1.6 m² > 0.1 m², full-value method): passes");
        withArea.Item("wet-leakage")!.Outcome.Should().Be(ItemOutcome.Fail);

        withoutArea.Outcome.Should().Be(BatchOutcome.InvalidInput);
        withoutArea.Item("insulation-resistance")!.Should().Be(new ItemVerdict("insulation-resistance", ItemOutcome.InvalidInput, true,
            "Insulation resistance: the limit depends on the module area (m²), which was not given"));
        withoutArea.Item("visual")!.Outcome.Should().Be(ItemOutcome.Pass, "items that do not need the area are still judged");
    }

    [Fact]
    public void A_small_pv_module_is_judged_against_400_megaohm()
    {
        var verdict = VerdictEngine.EvaluateItem(Shipped.FindCategory("pv-module-csi")!, Shipped.FindCategory("pv-module-csi")!.FindItem("wet-leakage")!,
            SampleDescription.None.WithProperty("moduleArea", 0.08m), Measurement.Of(399m));

        verdict.Reason.Should().Be("Wet leakage current test (insulation resistance) 399 MΩ < 400 MΩ (module area 0.08 m² ≤ 0.1 m², full-value method): fails");
    }

    [Fact]
    public void An_unknown_item_is_an_explicit_error_and_the_batch_is_invalid()
    {
        var verdict = Potash("premium", ("k2o", Measurement.Of(61m)), ("h2o", Measurement.Of(1m)), ("kcl", Measurement.Of(95m)));

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput, "an unknown item may be a misspelt required one");
        verdict.Item("kcl").Should().Be(new ItemVerdict("kcl", ItemOutcome.InvalidInput, false, "'kcl' is not a test item of potash-kcl-gb6549 (one of: k2o, h2o)"));
        verdict.Summary.Should().Be("invalid input: 'kcl' is not a test item of potash-kcl-gb6549 (one of: k2o, h2o)");
    }

    [Fact]
    public void An_unknown_grade_names_the_grades_and_invalidates_the_items_that_need_it()
    {
        var verdict = Potash("super", ("k2o", Measurement.Of(61m)), ("h2o", Measurement.Of(1m)));

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput);
        verdict.Problems.Should().Equal("grade 'super' is not known for potash-kcl-gb6549 (one of: premium, first, qualified)");
        verdict.Item("k2o")!.Reason.Should().Be("K₂O: grade 'super' is not known (one of: premium, first, qualified)");
    }

    [Fact]
    public void A_missing_grade_is_named_per_item()
    {
        var verdict = VerdictEngine.Evaluate(Shipped, "lithium-carbonate", SampleDescription.None, Results(("li2co3", Measurement.Of(99.6m))));

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput);
        verdict.Item("li2co3")!.Reason.Should().Be("Li₂CO₃: the limit depends on the grade, but none was given (one of: battery, industrial-premium, industrial-qualified)");
    }

    [Fact]
    public void Unknown_axes_properties_and_non_positive_properties_are_problems()
    {
        var sample = new SampleDescription
        {
            Variants = new Dictionary<string, string>(StringComparer.Ordinal) { ["colour"] = "blue" },
            Properties = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["moduleArea"] = 0m, ["power"] = 400m },
        };

        var verdict = VerdictEngine.Evaluate(Shipped, "pv-module-csi", sample, Results());

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput);
        verdict.Problems.Should().Equal(
            "'colour' is not a variant of pv-module-csi (it has none)",
            "module area must be positive, got 0 m²",
            "'power' is not a property of pv-module-csi (one of: moduleArea)");
    }

    [Fact]
    public void An_unknown_category_is_invalid_input()
    {
        var verdict = VerdictEngine.Evaluate(Shipped, "potash", SampleDescription.None, Results());

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput);
        verdict.Items.Should().BeEmpty();
        verdict.Problems.Should().ContainSingle().Which.Should().StartWith("'potash' is not a category of catalogue version 1 (one of: potash-kcl-gb6549, ");
    }

    [Fact]
    public void A_result_of_the_wrong_kind_invalidates_the_batch()
    {
        var verdict = Potash("premium", ("k2o", Measurement.Conforms()), ("h2o", Measurement.Of(1m)));

        verdict.Outcome.Should().Be(BatchOutcome.InvalidInput);
        verdict.Item("k2o")!.Reason.Should().Be("K₂O: a measured value is needed to compare with ≥ 60.0 %, not a conforms / does-not-conform observation");
    }

    [Fact]
    public void Cosmetics_asbestos_and_the_microbial_count_by_product_type()
    {
        var results = Results(
            ("hg", Measurement.NotDetected(0.002m)), ("pb", Measurement.Of(10m)), ("as", Measurement.Of(2m)), ("cd", Measurement.Of(5m)),
            ("methanol", Measurement.Of(2000m)), ("dioxane", Measurement.Of(30m)), ("asbestos", Measurement.NotDetected()), ("tamc", Measurement.Of(600m)));

        var general = VerdictEngine.Evaluate(Shipped, "cosmetics", SampleDescription.WithVariants(("type", "general")), results);
        var children = VerdictEngine.Evaluate(Shipped, "cosmetics", SampleDescription.WithVariants(("type", "eye-lip-children")), results);

        general.Outcome.Should().Be(BatchOutcome.Pass, "every value is at its maximum and 600 ≤ 1000");
        children.Outcome.Should().Be(BatchOutcome.Fail, "600 > 500 for eye, lip and children's products");
        children.Item("tamc")!.Reason.Should().Be("Total aerobic microbial count 600 CFU/g > 500 CFU/g (eye, lip and children's products, full-value method): fails");
        general.Item("hg")!.Reason.Should().Be("Hg not detected (< 0.002 mg/kg), so ≤ 1 mg/kg: passes");
    }

    [Fact]
    public void Film_coated_tablets_have_thirty_minutes()
    {
        var results = Results(("disintegration", Measurement.Of(20m)), ("assay", Measurement.Of(99.2m)), ("tamc", Measurement.Of(100m)));

        VerdictEngine.Evaluate(Shipped, "drug-tablet", SampleDescription.WithVariants(("type", "film-coated")), results).Outcome.Should().Be(BatchOutcome.Pass);
        VerdictEngine.Evaluate(Shipped, "drug-tablet", SampleDescription.WithVariants(("type", "plain")), results).Outcome.Should().Be(BatchOutcome.Fail);
    }
}
