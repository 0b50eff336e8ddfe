namespace Samples.Domain.Catalogue;

/// <summary>
/// One version of the product catalogue: the product categories, their test items and limits, as
/// they apply from <see cref="EffectiveDate"/>. A new version replaces the previous one as a whole;
/// verdicts record the version they used.
/// </summary>
public sealed record CatalogueVersion
{
    public required int Version { get; init; }

    public required DateOnly EffectiveDate { get; init; }

    public string? Notes { get; init; }

    public required IReadOnlyList<ProductCategory> Categories { get; init; }

    /// <summary>The category with this code (ordinal comparison), or null.</summary>
    public ProductCategory? FindCategory(string code) =>
        Categories.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));
}
