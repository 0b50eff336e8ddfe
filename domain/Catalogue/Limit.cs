using System.Text.Json.Serialization;

namespace Samples.Domain.Catalogue;

/// <summary>
/// A limit: a closed set of kinds, written in JSON with a <c>"kind"</c> discriminator. Leaves
/// (<c>min</c>, <c>max</c>, <c>range</c>, <c>notDetected</c>, <c>passFail</c>, <c>notApplicable</c>) judge a result;
/// <c>byVariant</c> and <c>byProperty</c> choose a limit by the sample's grade/type/form or by a product property.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MinimumLimit), "min")]
[JsonDerivedType(typeof(MaximumLimit), "max")]
[JsonDerivedType(typeof(RangeLimit), "range")]
[JsonDerivedType(typeof(NotDetectedLimit), "notDetected")]
[JsonDerivedType(typeof(PassFailLimit), "passFail")]
[JsonDerivedType(typeof(ByVariantLimit), "byVariant")]
[JsonDerivedType(typeof(ByPropertyLimit), "byProperty")]
[JsonDerivedType(typeof(NotApplicableLimit), "notApplicable")]
public abstract record Limit
{
    /// <summary>The JSON kinds, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["min", "max", "range", "notDetected", "passFail", "byVariant", "byProperty", "notApplicable"];

    // Closed set: only this assembly derives limits.
    private protected Limit()
    {
    }
}

/// <summary>Measured ≥ <see cref="Min"/> (or &gt; when <see cref="Exclusive"/>).</summary>
public sealed record MinimumLimit : Limit
{
    public required decimal Min { get; init; }

    public bool Exclusive { get; init; }

    /// <summary>When set, the measured value times this product property is compared, e.g. R × A ≥ 40 MΩ·m².</summary>
    public string? TimesProperty { get; init; }

    /// <summary>Unit of the compared quantity when it differs from the item's (required with <see cref="TimesProperty"/>).</summary>
    public string? Unit { get; init; }
}

/// <summary>Measured ≤ <see cref="Max"/> (or &lt; when <see cref="Exclusive"/>).</summary>
public sealed record MaximumLimit : Limit
{
    public required decimal Max { get; init; }

    public bool Exclusive { get; init; }

    /// <summary>When set, the measured value times this product property is compared.</summary>
    public string? TimesProperty { get; init; }

    /// <summary>Unit of the compared quantity when it differs from the item's (required with <see cref="TimesProperty"/>).</summary>
    public string? Unit { get; init; }
}

/// <summary><see cref="Min"/> ≤ measured ≤ <see cref="Max"/>, both bounds included.</summary>
public sealed record RangeLimit : Limit
{
    public required decimal Min { get; init; }

    public required decimal Max { get; init; }
}

/// <summary>
/// The substance must not be detected. <see cref="DetectionLimit"/>, when given, is the method's:
/// a lab reporting "not detected" with a higher detection limit has not shown absence, and a value
/// below it counts as not detected.
/// </summary>
public sealed record NotDetectedLimit : Limit
{
    public decimal? DetectionLimit { get; init; }
}

/// <summary>A judged check, e.g. visual inspection; the lab reports conforms / does not conform.</summary>
public sealed record PassFailLimit : Limit
{
    /// <summary>What conforming means, e.g. "no major visual defects".</summary>
    public required string Requirement { get; init; }
}

/// <summary>
/// A table: the limit for each option of one variant axis (grade → limit). Every option of the axis
/// has an entry; nest tables for two axes (form → type → limit).
/// </summary>
public sealed record ByVariantLimit : Limit
{
    /// <summary>The axis code, e.g. <c>grade</c>.</summary>
    public required string Axis { get; init; }

    /// <summary>Option code → limit.</summary>
    public required IReadOnlyDictionary<string, Limit> Limits { get; init; }
}

/// <summary>
/// Limits by bands of a product property: the first band whose <see cref="PropertyBand.UpTo"/> is ≥ the
/// property applies; the last band has no bound. PV insulation: up to 0.1 m² ≥ 400 MΩ, above R × A ≥ 40 MΩ·m².
/// </summary>
public sealed record ByPropertyLimit : Limit
{
    /// <summary>The property code, e.g. <c>moduleArea</c>.</summary>
    public required string Property { get; init; }

    public required IReadOnlyList<PropertyBand> Bands { get; init; }
}

/// <summary>One band of a <see cref="ByPropertyLimit"/>: applies while property ≤ <see cref="UpTo"/> (and above the previous band).</summary>
public sealed record PropertyBand
{
    /// <summary>Inclusive upper bound; null for the last, open band.</summary>
    public decimal? UpTo { get; init; }

    public required Limit Limit { get; init; }
}

/// <summary>The item does not apply to this variant (e.g. granule size for powder); only inside a table or band.</summary>
public sealed record NotApplicableLimit : Limit
{
    public string? Reason { get; init; }
}
