using Samples.Domain.Catalogue;
using static Samples.Domain.Tests.Catalogue.TestCategories;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>Every limit kind at, just below and just above its boundary, and with every kind of result.</summary>
public sealed class LimitKindTests
{
    [Theory]
    [InlineData("9.999", ItemOutcome.Fail, "x 9.999 % < 10.0 % (full-value method): fails")]
    [InlineData("10.0", ItemOutcome.Pass, "x 10.0 % ≥ 10.0 % (full-value method): passes")]
    [InlineData("10.001", ItemOutcome.Pass, "x 10.001 % ≥ 10.0 % (full-value method): passes")]
    public void Minimum_includes_its_bound(string value, ItemOutcome outcome, string reason)
    {
        var verdict = Judge(Item("x", Min(10.0m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome);
        verdict.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("9.999", ItemOutcome.Fail, "x 9.999 % is not > 10 % (full-value method): fails")]
    [InlineData("10", ItemOutcome.Fail, "x 10 % is not > 10 % (full-value method): fails")]
    [InlineData("10.001", ItemOutcome.Pass, "x 10.001 % > 10 % (full-value method): passes")]
    public void Exclusive_minimum_excludes_its_bound(string value, ItemOutcome outcome, string reason)
    {
        var verdict = Judge(Item("x", Min(10m, exclusive: true)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome);
        verdict.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("1.999", ItemOutcome.Pass, "x 1.999 % ≤ 2.0 % (full-value method): passes")]
    [InlineData("2.0", ItemOutcome.Pass, "x 2.0 % ≤ 2.0 % (full-value method): passes")]
    [InlineData("2.001", ItemOutcome.Fail, "x 2.001 % > 2.0 % (full-value method): fails")]
    public void Maximum_includes_its_bound(string value, ItemOutcome outcome, string reason)
    {
        var verdict = Judge(Item("x", Max(2.0m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome);
        verdict.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("1.999", ItemOutcome.Pass, "x 1.999 % < 2 % (full-value method): passes")]
    [InlineData("2", ItemOutcome.Fail, "x 2 % is not < 2 % (full-value method): fails")]
    [InlineData("2.001", ItemOutcome.Fail, "x 2.001 % is not < 2 % (full-value method): fails")]
    public void Exclusive_maximum_excludes_its_bound(string value, ItemOutcome outcome, string reason)
    {
        var verdict = Judge(Item("x", Max(2m, exclusive: true)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome);
        verdict.Reason.Should().Be(reason);
    }

    [Theory]
    [InlineData("-5.001", ItemOutcome.Fail)]
    [InlineData("-5.0", ItemOutcome.Pass)]
    [InlineData("-4.999", ItemOutcome.Pass)]
    [InlineData("0", ItemOutcome.Pass)]
    [InlineData("4.999", ItemOutcome.Pass)]
    [InlineData("5.0", ItemOutcome.Pass)]
    [InlineData("5.001", ItemOutcome.Fail)]
    public void Range_includes_both_bounds_also_below_zero(string value, ItemOutcome outcome)
    {
        var verdict = Judge(Item("x", Range(-5.0m, 5.0m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome, "the range −5.0…5.0 includes both bounds");
        verdict.Reason.Should().Contain(outcome == ItemOutcome.Pass ? "is between -5.0 and 5.0 %" : "is not between -5.0 and 5.0 %");
    }

    [Theory]
    [InlineData("89.99", ItemOutcome.Fail)]
    [InlineData("90.0", ItemOutcome.Pass)]
    [InlineData("110.0", ItemOutcome.Pass)]
    [InlineData("110.01", ItemOutcome.Fail)]
    public void Range_judges_both_ends(string value, ItemOutcome outcome) =>
        Judge(Item("assay", Range(90.0m, 110.0m)), Measurement.Of(D(value))).Outcome.Should().Be(outcome);

    [Fact]
    public void The_domain_example_fails_by_the_full_value_method()
    {
        var verdict = Judge(Item("k2o", Min(60.0m), symbol: "K₂O"), Measurement.Of(59.96m));

        verdict.Outcome.Should().Be(ItemOutcome.Fail, "docs/domain.md: 59.96 % against ≥ 60.0 % fails by the full-value method");
        verdict.Reason.Should().Be("K₂O 59.96 % < 60.0 % (full-value method): fails");
        verdict.Method.Should().Be(ComparisonMethod.FullValue);
        verdict.ComparedValue.Should().Be(59.96m);
    }

    [Fact]
    public void The_domain_example_passes_by_the_rounded_value_method()
    {
        var verdict = Judge(Item("k2o", Min(60.0m), comparison: Comparison.Rounded(0.1m), symbol: "K₂O"), Measurement.Of(59.96m));

        verdict.Outcome.Should().Be(ItemOutcome.Pass, "docs/domain.md: 59.96 % rounds to 60.0 % and passes by the rounded-value method");
        verdict.Reason.Should().Be("K₂O 59.96 % rounds to 60.0 % ≥ 60.0 % (rounded-value method, interval 0.1): passes");
        verdict.Method.Should().Be(ComparisonMethod.RoundedValue);
        verdict.ComparedValue.Should().Be(60.0m);
    }

    [Theory]
    [InlineData("59.94", ItemOutcome.Fail, "59.9")]
    [InlineData("59.95", ItemOutcome.Pass, "60.0")]
    [InlineData("59.85", ItemOutcome.Fail, "59.8")]
    [InlineData("59.8500001", ItemOutcome.Fail, "59.9")]
    public void Rounded_value_method_rounds_half_to_even_before_comparing(string value, ItemOutcome outcome, string rounded)
    {
        var verdict = Judge(Item("k2o", Min(60.0m), comparison: Comparison.Rounded(0.1m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome);
        verdict.ComparedValue.Should().Be(D(rounded));
        verdict.Reason.Should().Contain($"rounds to {rounded} %");
    }

    [Theory]
    [InlineData("2.24", ItemOutcome.Pass, "2.0")]
    [InlineData("2.25", ItemOutcome.Pass, "2.0")]
    [InlineData("2.26", ItemOutcome.Fail, "2.5")]
    [InlineData("2.75", ItemOutcome.Fail, "3.0")]
    public void Rounded_value_method_with_a_half_unit_interval(string value, ItemOutcome outcome, string rounded)
    {
        var verdict = Judge(Item("x", Max(2.0m), comparison: Comparison.Rounded(0.5m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome, "2.25 is exactly half way between 2.0 and 2.5 and goes to the even 2.0");
        verdict.ComparedValue.Should().Be(D(rounded));
        verdict.Reason.Should().EndWith($"(rounded-value method, interval 0.5 (0.5-unit)): {(outcome == ItemOutcome.Pass ? "passes" : "fails")}");
    }

    [Theory]
    [InlineData("1.09", ItemOutcome.Pass, "1.0")]
    [InlineData("1.1", ItemOutcome.Pass, "1.2", "1.1 is half way between 1.0 and 1.2 and goes to the even multiple 1.2")]
    [InlineData("0.89", ItemOutcome.Fail, "0.8")]
    [InlineData("0.9", ItemOutcome.Fail, "0.8", "0.9 is half way between 0.8 and 1.0 and goes to the even multiple 0.8")]
    [InlineData("0.91", ItemOutcome.Pass, "1.0")]
    public void Rounded_value_method_with_a_fifth_unit_interval(string value, ItemOutcome outcome, string rounded, string because = "")
    {
        var verdict = Judge(Item("x", Min(1.0m), comparison: Comparison.Rounded(0.2m)), Measurement.Of(D(value)));

        verdict.Outcome.Should().Be(outcome, because);
        verdict.ComparedValue.Should().Be(D(rounded));
    }

    [Fact]
    public void The_reported_text_is_shown_when_it_differs_from_the_value()
    {
        var verdict = Judge(Item("x", Max(2.0m)), Measurement.Of(2.10m, "2.1"));

        verdict.Reason.Should().Be("x 2.10 % (reported as \"2.1\") > 2.0 % (full-value method): fails");
        Judge(Item("x", Max(2.0m)), Measurement.Of(2.1m, "2.1")).Reason.Should().StartWith("x 2.1 % >", "the same text is not repeated");
    }

    [Theory]
    [InlineData("premium", "0.999", ItemOutcome.Fail)]
    [InlineData("premium", "1.0", ItemOutcome.Pass)]
    [InlineData("qualified", "0.499", ItemOutcome.Fail)]
    [InlineData("qualified", "0.5", ItemOutcome.Pass)]
    [InlineData("qualified", "0.999", ItemOutcome.Pass)]
    public void A_table_chooses_the_limit_of_the_grade(string grade, string value, ItemOutcome outcome)
    {
        var item = Item("x", ByGrade(Min(1.0m), Min(0.5m)));

        var verdict = Judge(item, Measurement.Of(D(value)), Grade(grade));

        verdict.Outcome.Should().Be(outcome);
        verdict.Reason.Should().Contain($"({grade} grade, full-value method)");
    }

    [Fact]
    public void Nested_tables_choose_by_both_axes_and_name_both_in_the_reason()
    {
        var byType = (decimal premium, decimal qualified) => ByGrade(Max(premium), Max(qualified));
        var item = Item("h2o", new ByVariantLimit
        {
            Axis = "form",
            Limits = new Dictionary<string, Limit>(StringComparer.Ordinal) { ["powder"] = byType(1.0m, 2.0m), ["granular"] = byType(0.3m, 1.0m) },
        }, symbol: "H₂O");
        var sample = SampleDescription.WithVariants(("grade", "premium"), ("form", "granular"));

        var verdict = Judge(item, Measurement.Of(0.31m), sample);

        verdict.Outcome.Should().Be(ItemOutcome.Fail);
        verdict.Reason.Should().Be("H₂O 0.31 % > 0.3 % (granular form, premium grade, full-value method): fails");
    }

    [Theory]
    [InlineData("0.05", "399.9", ItemOutcome.Fail)]
    [InlineData("0.05", "400", ItemOutcome.Pass)]
    [InlineData("0.1", "399.9", ItemOutcome.Fail)]
    [InlineData("0.1", "400", ItemOutcome.Pass)]
    [InlineData("0.1001", "399.9", ItemOutcome.Pass)]
    [InlineData("0.1001", "399.5", ItemOutcome.Fail)]
    [InlineData("1.6", "24.99", ItemOutcome.Fail)]
    [InlineData("1.6", "25", ItemOutcome.Pass)]
    [InlineData("1.6", "25.01", ItemOutcome.Pass)]
    [InlineData("2.5", "16", ItemOutcome.Pass)]
    [InlineData("2.5", "15.99", ItemOutcome.Fail)]
    public void Area_dependent_limit_uses_400_up_to_the_band_and_resistance_times_area_above(string area, string resistance, ItemOutcome outcome)
    {
        var verdict = Judge(Item("r", ByArea(), unit: "MΩ"), Measurement.Of(D(resistance)), Area(D(area)));

        verdict.Outcome.Should().Be(outcome);
    }

    [Fact]
    public void Area_dependent_reasons_state_the_band_and_the_product()
    {
        Judge(Item("R", ByArea(), unit: "MΩ"), Measurement.Of(350m), Area(0.08m)).Reason
            .Should().Be("R 350 MΩ < 400 MΩ (area 0.08 m² ≤ 0.1 m², full-value method): fails");
        Judge(Item("R", ByArea(), unit: "MΩ"), Measurement.Of(30m), Area(1.6m)).Reason
            .Should().Be("R 30 MΩ × 1.6 m² = 48.0 MΩ·m² ≥ 40 MΩ·m² (area 1.6 m² > 0.1 m², full-value method): passes");
    }

    [Theory]
    [InlineData("24.7", ItemOutcome.Pass, "40", "24.7 × 1.6 = 39.52 rounds to 40")]
    [InlineData("24.6", ItemOutcome.Fail, "39", "24.6 × 1.6 = 39.36 rounds to 39")]
    public void Rounded_value_method_rounds_the_product_with_the_area(string resistance, ItemOutcome outcome, string rounded, string because)
    {
        var item = Item("R", ByArea(), unit: "MΩ", comparison: Comparison.Rounded(1m));

        var verdict = Judge(item, Measurement.Of(D(resistance)), Area(1.6m));

        verdict.Outcome.Should().Be(outcome, because);
        verdict.ComparedValue.Should().Be(D(rounded));
    }

    [Fact]
    public void Middle_bands_state_both_bounds()
    {
        var item = Item("x", new ByPropertyLimit
        {
            Property = "area",
            Bands = [new PropertyBand { UpTo = 1m, Limit = Max(1m) }, new PropertyBand { UpTo = 2m, Limit = Max(2m) }, new PropertyBand { Limit = Max(3m) }],
        });

        Judge(item, Measurement.Of(2m), Area(1.5m)).Reason.Should().Be("x 2 % ≤ 2 % (1 m² < area 1.5 m² ≤ 2 m², full-value method): passes");
        Judge(item, Measurement.Of(2m), Area(1m)).Outcome.Should().Be(ItemOutcome.Fail, "area 1 m² is in the first band (≤ 1)");
        Judge(item, Measurement.Of(3m), Area(7m)).Outcome.Should().Be(ItemOutcome.Pass);
    }

    [Fact]
    public void Pass_fail_items_take_an_observation()
    {
        var item = Item("visual", new PassFailLimit { Requirement = "no major visual defects" }, unit: "", symbol: "Visual inspection");

        Judge(item, Measurement.Conforms()).Reason.Should().Be("Visual inspection: conforms (requirement: no major visual defects): passes");
        var failed = Judge(item, Measurement.DoesNotConform("cracked cell"));
        failed.Outcome.Should().Be(ItemOutcome.Fail);
        failed.Reason.Should().Be("Visual inspection: does not conform (requirement: no major visual defects, lab note: cracked cell): fails");
    }

    [Fact]
    public void Not_detected_limit_passes_on_ND_and_fails_on_detection()
    {
        var item = Item("asbestos", new NotDetectedLimit(), unit: "");

        Judge(item, Measurement.NotDetected()).Should().Match<ItemVerdict>(v => v.Outcome == ItemOutcome.Pass && v.Reason == "asbestos not detected (requirement: not detected): passes");
        Judge(item, Measurement.Detected("tremolite")).Should().Match<ItemVerdict>(v => v.Outcome == ItemOutcome.Fail && v.Reason == "asbestos detected (reported as \"tremolite\") (requirement: not detected): fails");
        Judge(item, Measurement.Of(0.3m)).Outcome.Should().Be(ItemOutcome.Fail, "any amount above zero is a detection");
        Judge(item, Measurement.Of(0m)).Outcome.Should().Be(ItemOutcome.Pass, "an amount of zero is not a detection");
    }

    [Theory]
    [InlineData("0.099", ItemOutcome.Pass)]
    [InlineData("0.1", ItemOutcome.Fail)]
    [InlineData("0.101", ItemOutcome.Fail)]
    public void Not_detected_limit_with_a_detection_limit_counts_values_below_it_as_not_detected(string value, ItemOutcome outcome) =>
        Judge(Item("x", new NotDetectedLimit { DetectionLimit = 0.1m }, unit: "mg/kg"), Measurement.Of(D(value))).Outcome.Should().Be(outcome);

    [Fact]
    public void Not_detected_with_a_coarser_detection_limit_than_required_shows_nothing()
    {
        var item = Item("x", new NotDetectedLimit { DetectionLimit = 0.1m }, unit: "mg/kg");

        Judge(item, Measurement.NotDetected(0.1m)).Outcome.Should().Be(ItemOutcome.Pass, "the required detection limit itself is fine");
        var verdict = Judge(item, Measurement.NotDetected(0.5m));
        verdict.Outcome.Should().Be(ItemOutcome.InvalidInput);
        verdict.Reason.Should().Be("x: not detected, but with a detection limit of 0.5 mg/kg, above the required 0.1 mg/kg; absence is not shown");
    }

    [Fact]
    public void Not_detected_against_a_maximum_passes_when_the_detection_limit_is_at_or_below_it()
    {
        var item = Item("Hg", Max(1m), unit: "mg/kg");

        Judge(item, Measurement.NotDetected()).Reason.Should().Be("Hg not detected, counted as 0 mg/kg ≤ 1 mg/kg: passes");
        Judge(item, Measurement.NotDetected(0.002m)).Reason.Should().Be("Hg not detected (< 0.002 mg/kg), so ≤ 1 mg/kg: passes");
        Judge(item, Measurement.NotDetected(1m)).Outcome.Should().Be(ItemOutcome.Pass, "below a detection limit equal to the maximum is below the maximum");
        var undecided = Judge(item, Measurement.NotDetected(1.5m));
        undecided.Outcome.Should().Be(ItemOutcome.InvalidInput, "a value below 1.5 may be above or below 1");
        undecided.Reason.Should().Contain("cannot decide ≤ 1 mg/kg");
    }

    [Fact]
    public void Not_detected_against_a_minimum_fails_when_the_detection_limit_is_at_or_below_it()
    {
        var item = Item("Li₂CO₃", Min(99.5m));

        Judge(item, Measurement.NotDetected()).Outcome.Should().Be(ItemOutcome.Fail);
        Judge(item, Measurement.NotDetected(99.5m)).Reason.Should().Be("Li₂CO₃ not detected (< 99.5 %), so not ≥ 99.5 %: fails");
        Judge(item, Measurement.NotDetected(99.6m)).Outcome.Should().Be(ItemOutcome.InvalidInput);
        Judge(Item("x", Min(0m)), Measurement.NotDetected(1m)).Outcome.Should().Be(ItemOutcome.Pass, "every value from 0 up is ≥ 0");
    }

    [Fact]
    public void Not_detected_against_a_range_decides_only_when_the_whole_interval_is_on_one_side()
    {
        Judge(Item("x", Range(90m, 110m)), Measurement.NotDetected(5m)).Outcome.Should().Be(ItemOutcome.Fail);
        Judge(Item("x", Range(-5m, 5m)), Measurement.NotDetected(5m)).Outcome.Should().Be(ItemOutcome.Pass);
        Judge(Item("x", Range(-5m, 5m)), Measurement.NotDetected(6m)).Outcome.Should().Be(ItemOutcome.InvalidInput);
    }

    [Fact]
    public void Not_detected_with_a_non_positive_detection_limit_is_refused() =>
        Judge(Item("x", Max(1m)), Measurement.NotDetected(0m)).Outcome.Should().Be(ItemOutcome.InvalidInput);

    [Fact]
    public void Not_applicable_ignores_a_result_and_gives_its_reason()
    {
        var item = Item("size", new ByVariantLimit
        {
            Axis = "form",
            Limits = new Dictionary<string, Limit>(StringComparer.Ordinal)
            {
                ["powder"] = new NotApplicableLimit { Reason = "granular form only" },
                ["granular"] = Min(90m),
            },
        });
        var powder = SampleDescription.WithVariants(("form", "powder"));

        Judge(item, null, powder).Should().Be(new ItemVerdict("size", ItemOutcome.NotApplicable, true, "size: granular form only"));
        Judge(item, Measurement.Of(10m), powder).Reason.Should().Be("size: granular form only; the reported result is ignored");
        Judge(item, Measurement.Of(89.9m), SampleDescription.WithVariants(("form", "granular"))).Outcome.Should().Be(ItemOutcome.Fail);
    }

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void A_result_of_the_wrong_kind_is_invalid_input_naming_the_item(Limit limit, Measurement measurement, string expected)
    {
        var verdict = Judge(Item("x", limit), measurement);

        verdict.Outcome.Should().Be(ItemOutcome.InvalidInput);
        verdict.Reason.Should().StartWith("x").And.Contain(expected);
    }

    public static TheoryData<Limit, Measurement, string> WrongKinds() => new()
    {
        { Min(1m), Measurement.Conforms(), "a measured value is needed to compare with ≥ 1 %" },
        { Max(1m), Measurement.Detected(), "an amount is needed to compare with ≤ 1 %" },
        { Range(1m, 2m), Measurement.DoesNotConform(), "a measured value is needed" },
        { new PassFailLimit { Requirement = "intact" }, Measurement.Of(1m), "needs a conforms / does-not-conform observation (intact), not a measured value" },
        { new PassFailLimit { Requirement = "intact" }, Measurement.NotDetected(), "not \"not detected\"" },
        { new NotDetectedLimit(), Measurement.Conforms(), "report \"not detected\", \"detected\" or an amount" },
        { new NotDetectedLimit(), Measurement.Of(-1m), "an amount cannot be negative" },
    };

    [Fact]
    public void A_value_too_large_to_multiply_is_invalid_input_not_an_exception()
    {
        var verdict = Judge(Item("r", ByArea(), unit: "MΩ"), Measurement.Of(decimal.MaxValue), Area(2m));

        verdict.Outcome.Should().Be(ItemOutcome.InvalidInput);
        verdict.Reason.Should().Be("r: the value is too large to be compared");
    }

    [Fact]
    public void No_result_is_not_tested()
    {
        Judge(Item("x", Max(1m)), null).Should().Be(new ItemVerdict("x", ItemOutcome.NotTested, true, "x: no result (required item)"));
        Judge(Item("x", Max(1m), required: false), null).Reason.Should().Be("x: no result (optional item)");
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
