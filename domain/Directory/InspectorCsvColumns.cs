namespace Samples.Domain.Directory;

/// <summary>
/// The columns of the inspector directory CSV. Header names are matched case-insensitively after
/// trimming, in any order; every required column must be present, the optional one may be.
/// </summary>
public static class InspectorCsvColumns
{
    public const string Number = "number";
    public const string Name = "name";
    public const string Unit = "unit";
    public const string RegionCode = "region_code";
    public const string QualifiedCategories = "qualified_categories";
    public const string OnLeave = "on_leave";
    public const string MaxOpenTasks = "max_open_tasks";
    public const string Conflicts = "conflicts";

    /// <summary>The required columns, in the order export writes them.</summary>
    public static IReadOnlyList<string> Required { get; } = [Number, Name, Unit, RegionCode, QualifiedCategories, OnLeave, MaxOpenTasks];

    /// <summary>Columns that may be left out of the header.</summary>
    public static IReadOnlyList<string> Optional { get; } = [Conflicts];

    /// <summary>Every column, in the order export writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Required, .. Optional];

    internal static CsvColumns Format { get; } = new(Required, Optional);
}
