using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// The columns of the enterprise directory CSV. Header names are matched case-insensitively after
/// trimming, in any order; every required column must be present, the optional one may be.
/// </summary>
public static class EnterpriseCsvColumns
{
    public const string Uscc = "uscc";
    public const string Name = "name";
    public const string RegionCode = "region_code";
    public const string Address = "address";
    public const string Kind = "kind";
    public const string Categories = "categories";
    public const string Licences = "licences";
    public const string Status = "status";
    public const string KeySupervision = "key_supervision";
    public const string RiskClass = "risk_class";
    public const string UsccOverrideReason = "uscc_override_reason";

    /// <summary>The required columns, in the order export writes them.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [Uscc, Name, RegionCode, Address, Kind, Categories, Licences, Status, KeySupervision, RiskClass];

    /// <summary>Columns that may be left out of the header.</summary>
    public static IReadOnlyList<string> Optional { get; } = [UsccOverrideReason];

    /// <summary>Every column, in the order export writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Required, .. Optional];

    internal static CsvColumns Format { get; } = new(Required, Optional);
}
