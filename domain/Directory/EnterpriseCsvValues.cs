using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>The words the enterprise CSV accepts for its enumerated columns, and the ones export writes.</summary>
public static class EnterpriseCsvValues
{
    /// <summary>Separates the items of categories and licences.</summary>
    public const char ListSeparator = CsvValues.ListSeparator;

    private static readonly Dictionary<string, EnterpriseKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["producer"] = EnterpriseKind.Producer,
        ["seller"] = EnterpriseKind.Seller,
        ["tourist-site-retailer"] = EnterpriseKind.TouristSiteRetailer,
        ["生产"] = EnterpriseKind.Producer,
        ["销售"] = EnterpriseKind.Seller,
        ["景区零售"] = EnterpriseKind.TouristSiteRetailer,
    };

    private static readonly Dictionary<string, EnterpriseStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = EnterpriseStatus.Active,
        ["deregistered"] = EnterpriseStatus.Deregistered,
        ["abnormal"] = EnterpriseStatus.AbnormalOperation,
        ["存续"] = EnterpriseStatus.Active,
        ["注销"] = EnterpriseStatus.Deregistered,
        ["经营异常"] = EnterpriseStatus.AbnormalOperation,
    };

    private static readonly Dictionary<string, EnterpriseKind>.AlternateLookup<ReadOnlySpan<char>> KindLookup =
        Kinds.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, EnterpriseStatus>.AlternateLookup<ReadOnlySpan<char>> StatusLookup =
        Statuses.GetAlternateLookup<ReadOnlySpan<char>>();

    public const string KindWords = "producer, seller or tourist-site-retailer (生产, 销售, 景区零售)";
    public const string StatusWords = "active, deregistered or abnormal (存续, 注销, 经营异常)";
    public const string BooleanWords = CsvValues.BooleanWords;
    public const string RiskClassWords = "A, B, C or D";

    public static bool TryParseKind(ReadOnlySpan<char> value, out EnterpriseKind kind) => KindLookup.TryGetValue(value, out kind);

    public static bool TryParseStatus(ReadOnlySpan<char> value, out EnterpriseStatus status) => StatusLookup.TryGetValue(value, out status);

    public static bool TryParseBoolean(ReadOnlySpan<char> value, out bool result) => CsvValues.TryParseBoolean(value, out result);

    public static bool TryParseRiskClass(ReadOnlySpan<char> value, out RiskClass riskClass)
    {
        riskClass = default;
        if (value.Length != 1)
        {
            return false;
        }

        var index = char.ToUpperInvariant(value[0]) - 'A';
        if (index is < 0 or > (int)RiskClass.D)
        {
            return false;
        }

        riskClass = (RiskClass)index;
        return true;
    }

    public static string Format(EnterpriseKind kind) => kind switch
    {
        EnterpriseKind.Producer => "producer",
        EnterpriseKind.Seller => "seller",
        EnterpriseKind.TouristSiteRetailer => "tourist-site-retailer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an enterprise kind"),
    };

    public static string Format(EnterpriseStatus status) => status switch
    {
        EnterpriseStatus.Active => "active",
        EnterpriseStatus.Deregistered => "deregistered",
        EnterpriseStatus.AbnormalOperation => "abnormal",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an enterprise status"),
    };

    public static string Format(bool value) => CsvValues.Format(value);

    public static string Format(RiskClass riskClass) => riskClass switch
    {
        RiskClass.A => "A",
        RiskClass.B => "B",
        RiskClass.C => "C",
        RiskClass.D => "D",
        _ => throw new ArgumentOutOfRangeException(nameof(riskClass), riskClass, "not a risk class"),
    };
}
