using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>
/// The shipped catalogue: it loads, it says where every number comes from, its numbers are docs/domain.md's
/// (entered a second time here, by hand), and every limit it ships is judged right at, just below and
/// just above its boundary (cases generated from the loaded catalogue).
/// </summary>
public sealed class ShippedCatalogueTests
{
    private static readonly CatalogueVersion Shipped = CatalogueLoader.LoadShipped();

    [Fact]
    public void Version_1_ships_the_seven_categories_of_domain_md()
    {
        Shipped.Version.Should().Be(1);
        CatalogueLoader.LoadShippedVersions().Should().ContainSingle().Which.Should().BeSameAs(Shipped);
        Shipped.Categories.Select(c => c.Code).Should().Equal(
            ["potash-kcl-gb6549", "potash-kcl-gb-t37918", "lithium-carbonate", "pv-module-csi", "cosmetics", "medical-mask-disposable", "drug-tablet"],
            "docs/domain.md §4 lists these products");
        Shipped.Categories.Select(c => c.Regime).Should().Equal(
            Regime.Order18Industrial, Regime.Order18Industrial, Regime.Order18Industrial, Regime.Order18Industrial,
            Regime.Cosmetics, Regime.MedicalDevices, Regime.Drugs);
    }

    [Fact]
    public void Every_category_and_item_names_its_standard_and_confidence()
    {
        foreach (var category in Shipped.Categories)
        {
            category.Source.Standard.Should().NotBeNullOrWhiteSpace("category {0} must name its standard", category.Code);
            foreach (var item in category.Items)
            {
                item.Source.Should().NotBeNull("{0}/{1} records its own source and confidence", category.Code, item.Code);
                item.Source!.Reference.Should().Be("domain.md §4");
            }
        }
    }

    [Fact]
    public void Confidence_follows_the_marks_of_domain_md()
    {
        string Mark(string category, string item) => Shipped.FindCategory(category)!.FindItem(item)!.Source!.Confidence switch
        {
            Confidence.Confirmed => "C",
            Confidence.Recalled => "R",
            _ => "?",
        };

        Mark("potash-kcl-gb6549", "k2o").Should().Be("C");
        Mark("pv-module-csi", "visual").Should().Be("C");
        Mark("pv-module-csi", "max-power-stc").Should().Be("R", "Gate 1 is marked [R]");
        Mark("pv-module-csi", "power-degradation-test").Should().Be("R");
        Mark("pv-module-csi", "insulation-resistance").Should().Be("C");
        Mark("cosmetics", "hg").Should().Be("C");
        Mark("cosmetics", "tamc").Should().Be("R", "the microbial count line ends with [R]");
        Mark("medical-mask-disposable", "bfe").Should().Be("C");
        Mark("medical-mask-disposable", "breathing-resistance").Should().Be("R");
        Shipped.FindCategory("drug-tablet")!.Items.Should().OnlyContain(i => i.Source!.Confidence == Confidence.Recalled, "the drugs line is [R]");
    }

    [Fact]
    public void Items_without_a_stated_method_use_full_value_and_say_so()
    {
        var numeric = ShippedLimits.All(Shipped).Where(l => l.Limit is MinimumLimit or MaximumLimit or RangeLimit).Select(l => l.Item).Distinct();

        foreach (var item in numeric)
        {
            item.Comparison.Method.Should().Be(ComparisonMethod.FullValue, "docs/domain.md names no comparison method for {0}", item.Code);
            item.Notes.Should().Contain("full-value method", "the notes of {0} say why the full-value method is used", item.Code);
        }
    }

    [Theory]
    // docs/domain.md §4, entered by hand: category, item, condition (variants; property band), limit.
    [InlineData("potash-kcl-gb6549", "k2o", "grade=premium", "min 60.0")]
    [InlineData("potash-kcl-gb6549", "k2o", "grade=first", "min 57.0")]
    [InlineData("potash-kcl-gb6549", "k2o", "grade=qualified", "min 55.0")]
    [InlineData("potash-kcl-gb6549", "h2o", "grade=premium", "max 2.0")]
    [InlineData("potash-kcl-gb6549", "h2o", "grade=first", "max 4.0")]
    [InlineData("potash-kcl-gb6549", "h2o", "grade=qualified", "max 6.0")]
    [InlineData("potash-kcl-gb-t37918", "k2o", "type=I", "min 62.0")]
    [InlineData("potash-kcl-gb-t37918", "k2o", "type=II", "min 60.0")]
    [InlineData("potash-kcl-gb-t37918", "k2o", "type=III", "min 57.0")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=powder;type=I", "max 1.0")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=powder;type=II", "max 2.0")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=powder;type=III", "max 2.0")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=granular;type=I", "max 0.3")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=granular;type=II", "max 0.5")]
    [InlineData("potash-kcl-gb-t37918", "h2o", "form=granular;type=III", "max 1.0")]
    [InlineData("potash-kcl-gb-t37918", "nacl", "type=I", "max 1.0")]
    [InlineData("potash-kcl-gb-t37918", "nacl", "type=II", "max 3.0")]
    [InlineData("potash-kcl-gb-t37918", "nacl", "type=III", "max 4.0")]
    [InlineData("potash-kcl-gb-t37918", "water-insolubles", "type=I", "max 0.5")]
    [InlineData("potash-kcl-gb-t37918", "water-insolubles", "type=II", "max 0.5")]
    [InlineData("potash-kcl-gb-t37918", "water-insolubles", "type=III", "max 1.5")]
    [InlineData("potash-kcl-gb-t37918", "granule-size", "form=granular", "min 90")]
    [InlineData("potash-kcl-gb-t37918", "granule-size", "form=powder", "notApplicable")]
    [InlineData("potash-kcl-gb-t37918", "crushing-strength", "form=granular", "min 25.0")]
    [InlineData("potash-kcl-gb-t37918", "crushing-strength", "form=powder", "notApplicable")]
    [InlineData("lithium-carbonate", "li2co3", "grade=battery", "min 99.5")]
    [InlineData("lithium-carbonate", "li2co3", "grade=industrial-premium", "min 99.3")]
    [InlineData("lithium-carbonate", "li2co3", "grade=industrial-qualified", "min 99.0")]
    [InlineData("lithium-carbonate", "na", "grade=battery", "max 0.025")]
    [InlineData("lithium-carbonate", "na", "grade=industrial-premium", "max 0.05")]
    [InlineData("lithium-carbonate", "na", "grade=industrial-qualified", "max 0.08")]
    [InlineData("lithium-carbonate", "mg", "grade=battery", "max 0.005")]
    [InlineData("lithium-carbonate", "mg", "grade=industrial-premium", "max 0.015")]
    [InlineData("lithium-carbonate", "mg", "grade=industrial-qualified", "max 0.02")]
    [InlineData("lithium-carbonate", "ca", "grade=battery", "max 0.003")]
    [InlineData("lithium-carbonate", "ca", "grade=industrial-premium", "max 0.01")]
    [InlineData("lithium-carbonate", "ca", "grade=industrial-qualified", "max 0.02")]
    [InlineData("lithium-carbonate", "b", "grade=battery", "max 0.01")]
    [InlineData("lithium-carbonate", "b", "grade=industrial-premium", "max 0.02")]
    [InlineData("lithium-carbonate", "b", "grade=industrial-qualified", "max 0.05")]
    [InlineData("lithium-carbonate", "so4", "grade=battery", "max 0.01")]
    [InlineData("lithium-carbonate", "so4", "grade=industrial-premium", "max 0.03")]
    [InlineData("lithium-carbonate", "so4", "grade=industrial-qualified", "max 0.05")]
    [InlineData("lithium-carbonate", "k", "grade=battery", "max 0.001")]
    [InlineData("lithium-carbonate", "k", "grade=industrial-premium", "max 0.002")]
    [InlineData("lithium-carbonate", "k", "grade=industrial-qualified", "max 0.004")]
    [InlineData("lithium-carbonate", "fe", "grade=battery", "max 0.0005")]
    [InlineData("lithium-carbonate", "fe", "grade=industrial-premium", "max 0.001")]
    [InlineData("lithium-carbonate", "fe", "grade=industrial-qualified", "max 0.003")]
    [InlineData("pv-module-csi", "visual", "", "passFail: no major visual defects")]
    [InlineData("pv-module-csi", "max-power-stc", "", "passFail: maximum power at STC consistent with the nameplate rating (Gate 1)")]
    [InlineData("pv-module-csi", "power-degradation-test", "", "max 5")]
    [InlineData("pv-module-csi", "power-degradation-sequence", "", "max 8")]
    [InlineData("pv-module-csi", "insulation-resistance", "moduleArea<=0.1", "min 400")]
    [InlineData("pv-module-csi", "insulation-resistance", "moduleArea>0.1", "min 40 × moduleArea MΩ·m²")]
    [InlineData("pv-module-csi", "wet-leakage", "moduleArea<=0.1", "min 400")]
    [InlineData("pv-module-csi", "wet-leakage", "moduleArea>0.1", "min 40 × moduleArea MΩ·m²")]
    [InlineData("pv-module-csi", "damp-heat", "", "passFail: meets the post-test requirements after damp heat")]
    [InlineData("cosmetics", "hg", "", "max 1")]
    [InlineData("cosmetics", "pb", "", "max 10")]
    [InlineData("cosmetics", "as", "", "max 2")]
    [InlineData("cosmetics", "cd", "", "max 5")]
    [InlineData("cosmetics", "methanol", "", "max 2000")]
    [InlineData("cosmetics", "dioxane", "", "max 30")]
    [InlineData("cosmetics", "asbestos", "", "notDetected")]
    [InlineData("cosmetics", "tamc", "type=general", "max 1000")]
    [InlineData("cosmetics", "tamc", "type=eye-lip-children", "max 500")]
    [InlineData("medical-mask-disposable", "bfe", "", "min 95")]
    [InlineData("medical-mask-disposable", "nose-clip", "", "min 8.0")]
    [InlineData("medical-mask-disposable", "strap-strength", "", "min 10")]
    [InlineData("medical-mask-disposable", "size-deviation", "", "range -5..5")]
    [InlineData("medical-mask-disposable", "breathing-resistance", "", "max 49")]
    [InlineData("drug-tablet", "disintegration", "type=plain", "max 15")]
    [InlineData("drug-tablet", "disintegration", "type=film-coated", "max 30")]
    [InlineData("drug-tablet", "assay", "", "range 90.0..110.0")]
    [InlineData("drug-tablet", "tamc", "", "max 1000")]
    public void Shipped_limits_are_the_numbers_of_domain_md(string category, string item, string condition, string limit)
    {
        var leaves = ShippedLimits.All(Shipped).Where(l => l.Category.Code == category && l.Item.Code == item && l.Condition == condition).ToList();

        leaves.Should().ContainSingle("{0}/{1} has one limit for '{2}'", category, item, condition)
            .Which.Limit.Should().Match<Limit>(l => ShippedLimits.Describe(l) == limit, "docs/domain.md gives {0}", limit);
    }

    [Fact]
    public void Every_shipped_limit_is_in_the_hand_entered_table()
    {
        var table = typeof(ShippedCatalogueTests).GetMethod(nameof(Shipped_limits_are_the_numbers_of_domain_md))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => a.GetData(null!).Single())
            .Select(row => $"{row[0]}/{row[1]}/{row[2]}")
            .ToList();

        var shipped = ShippedLimits.All(Shipped).Select(l => $"{l.Category.Code}/{l.Item.Code}/{l.Condition}").ToList();

        shipped.Should().OnlyHaveUniqueItems();
        shipped.Should().BeEquivalentTo(table, "a limit added to the catalogue must also be entered in the table above, from docs/domain.md");
    }

    public static IEnumerable<object[]> BoundaryCases() =>
        from leaf in ShippedLimits.All(CatalogueLoader.LoadShipped())
        from propertyValue in leaf.PropertyValues
        from c in ShippedLimits.Cases(leaf, propertyValue)
        select new object[]
        {
            leaf.Category.Code, leaf.Item.Code, leaf.VariantKey, leaf.Property ?? string.Empty, ShippedLimits.F(propertyValue), c.Result, c.Expected.ToString(),
        };

    [Theory]
    [MemberData(nameof(BoundaryCases))]
    public void Every_shipped_limit_is_judged_right_at_and_around_its_boundary(string category, string item, string variants, string property, string propertyValue, string result, string expected)
    {
        var sample = ShippedLimits.Sample(variants, property, propertyValue);
        var results = new Dictionary<string, Measurement>(StringComparer.Ordinal) { [item] = ShippedLimits.Parse(result) };

        var verdict = VerdictEngine.Evaluate(Shipped, category, sample, results).Item(item)!;

        verdict.Outcome.ToString().Should().Be(expected, "{0}/{1} ({2} {3}={4}) with {5}: {6}", category, item, variants, property, propertyValue, result, verdict.Reason);
        if (verdict.Method is not null)
        {
            verdict.Reason.Should().Contain("full-value method").And.EndWith(expected == "Pass" ? ": passes" : ": fails");
        }
    }

    [Fact]
    public void Boundary_cases_cover_every_leaf()
    {
        var covered = BoundaryCases().Select(c => $"{c[0]}/{c[1]}/{c[2]}/{c[3]}").Distinct().Count();
        var leaves = ShippedLimits.All(Shipped).Select(l => $"{l.Category.Code}/{l.Item.Code}/{l.VariantKey}/{l.Property}").Distinct().Count();

        covered.Should().Be(leaves, "every shipped leaf limit has generated boundary cases");
        BoundaryCases().Count().Should().BeGreaterThan(200);
    }

    [Fact]
    public void The_shipped_file_round_trips_through_the_serializer()
    {
        var json = CatalogueLoader.Serialize(Shipped);
        var again = CatalogueLoader.Parse(json);

        again.Problems.Should().BeEmpty();
        CatalogueLoader.Serialize(again.Catalogue!).Should().Be(json, "writing and reading loses nothing, decimals keep their written precision");
        json.Should().Contain("\"min\": 60.0").And.Contain("\"confidence\": \"C\"").And.Contain("\"kind\": \"byProperty\"").And.Contain("氯化钾");
    }
}
