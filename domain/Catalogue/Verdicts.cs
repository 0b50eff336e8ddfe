namespace Samples.Domain.Catalogue;

/// <summary>The verdict on one test item.</summary>
public enum ItemOutcome
{
    Pass,
    Fail,

    /// <summary>The item does not apply to this variant (e.g. granule size of a powder).</summary>
    NotApplicable,

    /// <summary>No result was given for the item.</summary>
    NotTested,

    /// <summary>The input cannot be judged: unknown item, unknown or missing grade, missing property, wrong kind of result.</summary>
    InvalidInput,
}

/// <summary>The verdict on a sampled batch.</summary>
public enum BatchOutcome
{
    /// <summary>Every required item that applies has a result, and each passes.</summary>
    Pass,

    /// <summary>At least one required item fails.</summary>
    Fail,

    /// <summary>No required item fails, but at least one required item has no result.</summary>
    Incomplete,

    /// <summary>Some input is wrong (see the problems and the items marked invalid); nothing is decided until it is corrected.</summary>
    InvalidInput,
}

/// <summary>
/// The verdict on one item. <see cref="Reason"/> states the value, the limit, the context (grade,
/// property band) and the method, e.g. "K₂O 59.96 % &lt; 60.0 % (premium grade, full-value method): fails".
/// <see cref="ComparedValue"/> is the value actually compared (rounded, or multiplied by a property) when numeric.
/// </summary>
public sealed record ItemVerdict(
    string ItemCode,
    ItemOutcome Outcome,
    bool Required,
    string Reason,
    ComparisonMethod? Method = null,
    decimal? ComparedValue = null);

/// <summary>
/// The verdict on a batch: outcome, one verdict per item of the category (plus one per unknown item
/// reported), the problems with the sample description, and a one-line summary.
/// </summary>
public sealed record BatchVerdict(
    string CategoryCode,
    int CatalogueVersion,
    BatchOutcome Outcome,
    string Summary,
    IReadOnlyList<ItemVerdict> Items,
    IReadOnlyList<string> Problems)
{
    public ItemVerdict? Item(string code) => Items.FirstOrDefault(i => string.Equals(i.ItemCode, code, StringComparison.Ordinal));
}
