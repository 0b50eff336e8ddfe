using System.Globalization;
using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>
/// Walks the shipped catalogue's limit trees (independently of the engine) to list every leaf limit
/// with the variants and property values that reach it, and generates boundary cases for each.
/// </summary>
internal static class ShippedLimits
{
    public sealed record Leaf(ProductCategory Category, TestItem Item, IReadOnlyDictionary<string, string> Variants, IReadOnlyList<decimal> PropertyValues, string? Property, string? Band, Limit Limit)
    {
        /// <summary>"form=granular;type=I", for the sample description.</summary>
        public string VariantKey => string.Join(";", Variants.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));

        /// <summary>The variants and the property band that lead to this leaf: "grade=premium", "moduleArea<=0.1".</summary>
        public string Condition => string.Join(";", new[] { VariantKey, Band ?? string.Empty }.Where(s => s.Length > 0));
    }

    public static IEnumerable<Leaf> All(CatalogueVersion catalogue) =>
        catalogue.Categories.SelectMany(c => c.Items.SelectMany(i => Walk(c, i, i.Limit, new Dictionary<string, string>(StringComparer.Ordinal), null, null, [])));

    private static IEnumerable<Leaf> Walk(ProductCategory category, TestItem item, Limit limit, Dictionary<string, string> variants, string? property, string? band, IReadOnlyList<decimal> values)
    {
        switch (limit)
        {
            case ByVariantLimit table:
                foreach (var (option, inner) in table.Limits)
                {
                    var next = new Dictionary<string, string>(variants, StringComparer.Ordinal) { [table.Axis] = option };
                    foreach (var leaf in Walk(category, item, inner, next, property, band, values))
                    {
                        yield return leaf;
                    }
                }

                break;

            case ByPropertyLimit bands:
                for (var b = 0; b < bands.Bands.Count; b++)
                {
                    var above = b > 0 ? bands.Bands[b - 1].UpTo : null;
                    var upTo = bands.Bands[b].UpTo;
                    // Property values inside the band: at its upper bound, just above the lower bound, and well inside.
                    var inside = new List<decimal>();
                    if (upTo is { } u)
                    {
                        inside.Add(u);
                        inside.Add(above is { } a0 ? (a0 + u) / 2 : u / 2);
                    }

                    if (above is { } a)
                    {
                        inside.Add(a + 0.025m);
                        if (upTo is null)
                        {
                            inside.Add(a * 16);
                            inside.Add(a * 25);
                        }
                    }

                    var condition = (above, upTo) switch
                    {
                        (null, { } u1) => $"{bands.Property}<={F(u1)}",
                        ({ } a1, null) => $"{bands.Property}>{F(a1)}",
                        ({ } a1, { } u1) => $"{F(a1)}<{bands.Property}<={F(u1)}",
                        _ => bands.Property,
                    };
                    foreach (var leaf in Walk(category, item, bands.Bands[b].Limit, variants, bands.Property, condition, inside))
                    {
                        yield return leaf;
                    }
                }

                break;

            default:
                yield return new Leaf(category, item, variants, values.Count == 0 ? [0m] : values, property, band, limit);
                break;
        }
    }

    /// <summary>"min 60.0", "max 0.025", "range 90.0..110.0", "min 40 × moduleArea MΩ·m²", "notDetected", "passFail: …", "notApplicable".</summary>
    public static string Describe(Limit limit) => limit switch
    {
        MinimumLimit { TimesProperty: { } p } min => $"min {F(min.Min)} × {p} {min.Unit}",
        MinimumLimit min => $"{(min.Exclusive ? "min>" : "min")} {F(min.Min)}",
        MaximumLimit max => $"{(max.Exclusive ? "max<" : "max")} {F(max.Max)}",
        RangeLimit range => $"range {F(range.Min)}..{F(range.Max)}",
        NotDetectedLimit { DetectionLimit: { } dl } => $"notDetected < {F(dl)}",
        NotDetectedLimit => "notDetected",
        PassFailLimit passFail => $"passFail: {passFail.Requirement}",
        NotApplicableLimit => "notApplicable",
        _ => limit.GetType().Name,
    };

    /// <summary>
    /// Boundary cases for a leaf: (measured value or result, expected outcome). Values for a numeric leaf are
    /// at the bound, one step below and one step above, where a step is two decimals finer than the bound
    /// (full-value method) or one rounding interval (rounded-value method).
    /// </summary>
    public static IEnumerable<(string Result, ItemOutcome Expected)> Cases(Leaf leaf, decimal propertyValue)
    {
        var factor = leaf.Limit is MinimumLimit { TimesProperty: not null } or MaximumLimit { TimesProperty: not null } ? propertyValue : 1m;
        switch (leaf.Limit)
        {
            case MinimumLimit min:
                foreach (var (value, side) in Around(leaf.Item, min.Min, factor))
                {
                    yield return (value, side < 0 || (side == 0 && min.Exclusive) ? ItemOutcome.Fail : ItemOutcome.Pass);
                }

                break;

            case MaximumLimit max:
                foreach (var (value, side) in Around(leaf.Item, max.Max, factor))
                {
                    yield return (value, side > 0 || (side == 0 && max.Exclusive) ? ItemOutcome.Fail : ItemOutcome.Pass);
                }

                break;

            case RangeLimit range:
                foreach (var (value, side) in Around(leaf.Item, range.Min, 1m))
                {
                    yield return (value, side < 0 ? ItemOutcome.Fail : ItemOutcome.Pass);
                }

                foreach (var (value, side) in Around(leaf.Item, range.Max, 1m))
                {
                    yield return (value, side > 0 ? ItemOutcome.Fail : ItemOutcome.Pass);
                }

                break;

            case NotDetectedLimit:
                yield return ("nd", ItemOutcome.Pass);
                yield return ("detected", ItemOutcome.Fail);
                break;

            case PassFailLimit:
                yield return ("conforms", ItemOutcome.Pass);
                yield return ("does-not-conform", ItemOutcome.Fail);
                break;

            case NotApplicableLimit:
                yield return ("1", ItemOutcome.NotApplicable);
                break;
        }
    }

    /// <summary>Measured values whose compared quantity (value × factor) is below (-1), at (0) and above (+1) the bound.</summary>
    private static IEnumerable<(string Value, int Side)> Around(TestItem item, decimal bound, decimal factor)
    {
        var at = bound / factor;
        if (at * factor != bound)
        {
            yield break; // the property value does not divide the bound exactly; other property values cover this leaf
        }

        var step = item.Comparison is { Method: ComparisonMethod.RoundedValue, Interval: { } interval }
            ? interval / factor
            : Pow10(-(Math.Max(Scale(bound), Scale(at)) + 2));
        yield return (F(at - step), -1);
        yield return (F(at), 0);
        yield return (F(at + step), 1);
    }

    public static Measurement Parse(string result) => result switch
    {
        "nd" => Measurement.NotDetected(),
        "detected" => Measurement.Detected(),
        "conforms" => Measurement.Conforms(),
        "does-not-conform" => Measurement.DoesNotConform(),
        _ => Measurement.Of(decimal.Parse(result, CultureInfo.InvariantCulture)),
    };

    public static SampleDescription Sample(string variants, string? property, string propertyValue)
    {
        var pairs = variants.Length == 0 ? [] : variants.Split(';').Select(p => p.Split('=')).Select(p => (p[0], p[1])).ToArray();
        var sample = SampleDescription.WithVariants(pairs);
        return property is null || property.Length == 0 ? sample : sample.WithProperty(property, decimal.Parse(propertyValue, CultureInfo.InvariantCulture));
    }

    public static string F(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Scale(decimal value) => value.Scale;

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < -exponent; i++)
        {
            result /= 10;
        }

        return result;
    }
}
