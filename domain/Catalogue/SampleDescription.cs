namespace Samples.Domain.Catalogue;

/// <summary>
/// What the verdict needs to know about the sampled product besides the results: the option chosen
/// on each variant axis (<c>grade</c> → <c>premium</c>) and numeric properties (<c>moduleArea</c> → 1.6).
/// </summary>
public sealed record SampleDescription
{
    public static SampleDescription None { get; } = new();

    /// <summary>Axis code → option code.</summary>
    public IReadOnlyDictionary<string, string> Variants { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Property code → value in the property's unit.</summary>
    public IReadOnlyDictionary<string, decimal> Properties { get; init; } = new Dictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>A description with these variants (pairs "axis", "option") and no properties.</summary>
    public static SampleDescription WithVariants(params (string Axis, string Option)[] variants) =>
        new() { Variants = variants.ToDictionary(v => v.Axis, v => v.Option, StringComparer.Ordinal) };

    /// <summary>A copy with one more property.</summary>
    public SampleDescription WithProperty(string code, decimal value)
    {
        var properties = new Dictionary<string, decimal>(Properties, StringComparer.Ordinal) { [code] = value };
        return this with { Properties = properties };
    }
}
