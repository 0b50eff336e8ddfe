using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>A small category with one item per limit kind, built in code so tests do not depend on the shipped data.</summary>
internal static class TestCategories
{
    public static readonly Source Source = new() { Standard = "TEST-1", Confidence = Confidence.Confirmed };

    public static TestItem Item(string code, Limit limit, string unit = "%", Comparison? comparison = null, bool required = true, string? symbol = null) => new()
    {
        Code = code,
        Symbol = symbol ?? code,
        NameZh = code,
        NameEn = code,
        Unit = unit,
        Method = "TEST-1",
        Required = required,
        Comparison = comparison ?? Comparison.FullValue,
        Limit = limit,
    };

    public static ProductCategory Category(params TestItem[] items) => new()
    {
        Code = "test-category",
        NameZh = "测试",
        NameEn = "Test",
        Regime = Regime.Order18Industrial,
        Supervision = SupervisionLevel.Key,
        Source = Source,
        Variants =
        [
            new VariantAxis
            {
                Code = "grade",
                NameZh = "等级",
                NameEn = "grade",
                Options =
                [
                    new VariantOption { Code = "premium", NameZh = "优等品", NameEn = "premium grade" },
                    new VariantOption { Code = "qualified", NameZh = "合格品", NameEn = "qualified grade" },
                ],
            },
            new VariantAxis
            {
                Code = "form",
                NameZh = "形态",
                NameEn = "form",
                Options =
                [
                    new VariantOption { Code = "powder", NameZh = "粉状", NameEn = "powder form" },
                    new VariantOption { Code = "granular", NameZh = "颗粒状", NameEn = "granular form" },
                ],
            },
        ],
        Properties = [new ProductProperty { Code = "area", NameZh = "面积", NameEn = "area", Unit = "m²" }],
        Items = items,
    };

    public static MinimumLimit Min(decimal min, bool exclusive = false) => new() { Min = min, Exclusive = exclusive };

    public static MaximumLimit Max(decimal max, bool exclusive = false) => new() { Max = max, Exclusive = exclusive };

    public static RangeLimit Range(decimal min, decimal max) => new() { Min = min, Max = max };

    public static ByVariantLimit ByGrade(Limit premium, Limit qualified) => new()
    {
        Axis = "grade",
        Limits = new Dictionary<string, Limit>(StringComparer.Ordinal) { ["premium"] = premium, ["qualified"] = qualified },
    };

    public static ByPropertyLimit ByArea() => new()
    {
        Property = "area",
        Bands =
        [
            new PropertyBand { UpTo = 0.1m, Limit = Min(400) },
            new PropertyBand { Limit = new MinimumLimit { Min = 40, TimesProperty = "area", Unit = "MΩ·m²" } },
        ],
    };

    public static ItemVerdict Judge(TestItem item, Measurement? measurement, SampleDescription? sample = null) =>
        VerdictEngine.EvaluateItem(Category(item), item, sample ?? SampleDescription.None, measurement);

    public static SampleDescription Grade(string grade) => SampleDescription.WithVariants(("grade", grade));

    public static SampleDescription Area(decimal area) => SampleDescription.None.WithProperty("area", area);
}
