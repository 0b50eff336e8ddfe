using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Reads the words people use for kinds, statuses and risk classes: enum names in any case, with or
/// without dashes (tourist-site-retailer), and the Chinese terms of the registers.
/// </summary>
public static class EnterpriseVocabulary
{
    private static readonly Dictionary<string, EnterpriseKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["生产"] = EnterpriseKind.Producer,
        ["生产企业"] = EnterpriseKind.Producer,
        ["销售"] = EnterpriseKind.Seller,
        ["经营"] = EnterpriseKind.Seller,
        ["景区零售"] = EnterpriseKind.TouristSiteRetailer,
    };

    private static readonly Dictionary<string, EnterpriseStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["存续"] = EnterpriseStatus.Active,
        ["在业"] = EnterpriseStatus.Active,
        ["注销"] = EnterpriseStatus.Deregistered,
        ["abnormal"] = EnterpriseStatus.AbnormalOperation,
        ["经营异常"] = EnterpriseStatus.AbnormalOperation,
    };

    public static bool TryParseKind(string? text, out EnterpriseKind kind) => TryParse(text, Kinds, out kind);

    public static bool TryParseStatus(string? text, out EnterpriseStatus status) => TryParse(text, Statuses, out status);

    public static bool TryParseRiskClass(string? text, out RiskClass riskClass) =>
        TryParse(text, new Dictionary<string, RiskClass>(), out riskClass);

    public static string Expected<TEnum>()
        where TEnum : struct, Enum =>
        string.Join(", ", Enum.GetNames<TEnum>().Select(Dashed));

    private static bool TryParse<TEnum>(string? text, Dictionary<string, TEnum> words, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (words.TryGetValue(trimmed, out value))
        {
            return true;
        }

        var compact = trimmed.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return !compact.All(char.IsAsciiDigit) && Enum.TryParse(compact, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>TouristSiteRetailer → tourist-site-retailer, as the API and files write it.</summary>
    public static string Dashed(string name) => name.Length == 1 ? name :
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
