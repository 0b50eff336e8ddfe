namespace Samples.Domain.Directory;

/// <summary>The columns of the lab directory CSV, all required; names matched case-insensitively after trimming, in any order.</summary>
public static class LabCsvColumns
{
    public const string Id = "id";
    public const string Name = "name";
    public const string AccreditedCategories = "accredited_categories";
    public const string AccreditedItems = "accredited_items";
    public const string MayRetest = "may_retest";

    /// <summary>The required columns, in the order export writes them.</summary>
    public static IReadOnlyList<string> Required { get; } = [Id, Name, AccreditedCategories, AccreditedItems, MayRetest];

    /// <summary>Every column, in the order export writes them.</summary>
    public static IReadOnlyList<string> All => Required;

    internal static CsvColumns Format { get; } = new(Required, []);
}
