using System.Text.RegularExpressions;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>Checks and normalises the fields of a directory entry, shared by registration, update and import.</summary>
public static partial class EnterpriseFields
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
    public const int MaxLicenceLength = 64;

    public static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Trimmed, without blanks or repeats, in ordinal order: the same data always compares equal.</summary>
    public static List<string> NormaliseList(IEnumerable<string?>? values) =>
        (values ?? []).OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static void CheckName(string? name, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new("name", "is required"));
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            problems.Add(new("name", $"must be at most {MaxNameLength} characters"));
        }
        else if (name.Any(char.IsControl))
        {
            problems.Add(new("name", "must not contain control characters (line breaks, tabs)"));
        }
    }

    public static void CheckAddress(string? address, List<FieldProblem> problems)
    {
        if (address is not null && address.Trim().Length > MaxAddressLength)
        {
            problems.Add(new("address", $"must be at most {MaxAddressLength} characters"));
        }
    }

    public static void CheckRegion(string? regionCode, List<FieldProblem> problems)
    {
        if (!string.IsNullOrWhiteSpace(regionCode) && !IsDivisionCode(regionCode.Trim()))
        {
            problems.Add(new("regionCode", "must be a 6-digit administrative division code (GB/T 2260), e.g. 632800 for Haixi"));
        }
    }

    public static void CheckCategories(IReadOnlyList<string>? categories, List<FieldProblem> problems)
    {
        foreach (var category in categories ?? [])
        {
            if (category is null)
            {
                problems.Add(new("categories", "must not contain null"));
            }
            else if (!CategoryCode().IsMatch(category.Trim()))
            {
                problems.Add(new("categories", $"'{category}' is not a category code (lower-case letters, digits and dashes, e.g. potash-kcl-gb6549)"));
            }
        }
    }

    public static void CheckLicences(IReadOnlyList<string>? licences, List<FieldProblem> problems)
    {
        foreach (var licence in licences ?? [])
        {
            if (!IsListItem(licence, MaxLicenceLength))
            {
                problems.Add(new("licences", $"'{licence}' must be 1-{MaxLicenceLength} characters without '|', '=' or control characters"));
            }
        }
    }

    public static void CheckKind(EnterpriseKind kind, List<FieldProblem> problems)
    {
        if (!Enum.IsDefined(kind))
        {
            problems.Add(new("kind", $"must be one of: {string.Join(", ", Enum.GetNames<EnterpriseKind>())}"));
        }
    }

    /// <summary>
    /// An element of a list field: files join lists with '|' and pairs with '=', so neither may appear inside
    /// one, or the directory could no longer be exported and read back.
    /// </summary>
    public static bool IsListItem(string? value, int maxLength) =>
        value is not null && value.Trim().Length is > 0 and var length && length <= maxLength
        && !value.Any(c => char.IsControl(c) || c is '|' or '=');

    private static bool IsDivisionCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CategoryCode();
}
