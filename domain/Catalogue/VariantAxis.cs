namespace Samples.Domain.Catalogue;

/// <summary>
/// One dimension a category's limits depend on: <c>grade</c> (premium / first / qualified),
/// <c>type</c> (I / II / III), <c>form</c> (powder / granular). A sample names one option per axis.
/// </summary>
public sealed record VariantAxis
{
    /// <summary>Lower camel case, unique in the category, e.g. <c>grade</c>.</summary>
    public required string Code { get; init; }

    public required string NameZh { get; init; }

    /// <summary>Used in messages: "no grade was given".</summary>
    public required string NameEn { get; init; }

    public required IReadOnlyList<VariantOption> Options { get; init; }

    public VariantOption? FindOption(string code) =>
        Options.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal));
}

/// <summary>One value of a <see cref="VariantAxis"/>, e.g. <c>premium</c> 优等品 "premium grade".</summary>
public sealed record VariantOption
{
    /// <summary>Letters, digits and hyphens, unique in the axis, e.g. <c>premium</c>, <c>II</c>, <c>film-coated</c>.</summary>
    public required string Code { get; init; }

    public required string NameZh { get; init; }

    /// <summary>Reads on its own in a verdict: "premium grade", "type I", "granular form".</summary>
    public required string NameEn { get; init; }
}
