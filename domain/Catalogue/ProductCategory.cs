namespace Samples.Domain.Catalogue;

/// <summary>
/// A kind of product sampled against one standard, e.g. <c>potash-kcl-gb6549</c>: its regime (which
/// rule set the workflow follows), whether it is a key or general item, the variant axes its limits
/// depend on (grade, type, form), the numeric properties some limits need (module area) and its test items.
/// </summary>
public sealed record ProductCategory
{
    /// <summary>Kebab-case, unique in the catalogue, e.g. <c>lithium-carbonate</c>.</summary>
    public required string Code { get; init; }

    public required string NameZh { get; init; }

    public required string NameEn { get; init; }

    public required Regime Regime { get; init; }

    /// <summary>重点 (key) or 一般 (general) item.</summary>
    public required SupervisionLevel Supervision { get; init; }

    public required Source Source { get; init; }

    /// <summary>The grades, types or forms the limits depend on; empty when every product is judged alike.</summary>
    public IReadOnlyList<VariantAxis> Variants { get; init; } = [];

    /// <summary>Numeric properties of the sampled product that some limits depend on, e.g. module area.</summary>
    public IReadOnlyList<ProductProperty> Properties { get; init; } = [];

    public required IReadOnlyList<TestItem> Items { get; init; }

    public string? Notes { get; init; }

    public TestItem? FindItem(string code) =>
        Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));

    public VariantAxis? FindAxis(string code) =>
        Variants.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));

    public ProductProperty? FindProperty(string code) =>
        Properties.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));
}
