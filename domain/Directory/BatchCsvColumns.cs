namespace Samples.Domain.Directory;

/// <summary>The columns of the product batch CSV, all required; names matched case-insensitively after trimming, in any order.</summary>
public static class BatchCsvColumns
{
    public const string BatchId = "batch_id";
    public const string EnterpriseUscc = "enterprise_uscc";
    public const string ProducerUscc = "producer_uscc";
    public const string Category = "category";
    public const string ProductName = "product_name";
    public const string Trademark = "trademark";
    public const string SpecModel = "spec_model";
    public const string Standard = "standard";
    public const string BatchNumber = "batch_number";
    public const string ProductionDate = "production_date";

    /// <summary>The required columns, in the order export writes them.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [BatchId, EnterpriseUscc, ProducerUscc, Category, ProductName, Trademark, SpecModel, Standard, BatchNumber, ProductionDate];

    /// <summary>Every column, in the order export writes them.</summary>
    public static IReadOnlyList<string> All => Required;

    internal static CsvColumns Format { get; } = new(Required, []);
}
