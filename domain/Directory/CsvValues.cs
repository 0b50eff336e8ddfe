using System.Globalization;

namespace Samples.Domain.Directory;

/// <summary>The words and formats every directory CSV shares: yes/no values, |-lists, whole numbers and dates.</summary>
public static class CsvValues
{
    /// <summary>Separates the items of a list value.</summary>
    public const char ListSeparator = '|';

    public const string BooleanWords = "true/false, yes/no, 1/0 or 是/否";

    public const string DateFormats = "yyyy-MM-dd (or yyyy/MM/dd, yyyyMMdd)";

    private static readonly string[] AcceptedDateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd"];

    private static readonly Dictionary<string, bool> Booleans = new(StringComparer.OrdinalIgnoreCase)
    {
        ["true"] = true,
        ["false"] = false,
        ["yes"] = true,
        ["no"] = false,
        ["1"] = true,
        ["0"] = false,
        ["是"] = true,
        ["否"] = false,
    };

    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> BooleanLookup =
        Booleans.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>true/false, yes/no, 1/0, 是/否; Latin words in any case.</summary>
    public static bool TryParseBoolean(ReadOnlySpan<char> value, out bool result) => BooleanLookup.TryGetValue(value, out result);

    /// <summary>A date as yyyy-MM-dd, yyyy/MM/dd or yyyyMMdd (Gregorian, invariant culture).</summary>
    public static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date) =>
        DateOnly.TryParseExact(value, AcceptedDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Digits with an optional sign, no thousands separators or decimals.</summary>
    public static bool TryParseInteger(ReadOnlySpan<char> value, out int result) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    public static string Format(bool value) => value ? "true" : "false";

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
