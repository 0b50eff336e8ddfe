using System.Buffers;
using Samples.Grains.Enterprises;
using C = Samples.Grains.Directory.EnterpriseCsvColumns;

using Samples.Contracts.Enterprises;

namespace Samples.Grains.Directory;

/// <summary>
/// Turns the records after the header into enterprises or problems, remembering the codes seen so a
/// repeated USCC names the row it first appeared in. One instance per file.
/// </summary>
internal sealed class EnterpriseRowParser
{
    public const int MaxLicenceLength = 64;
    public const int MaxOverrideReasonLength = 500;
    private const int MaxValueShown = 60;
    private const int MaxCategoriesListed = 30;

    /// <summary>C0 controls, DEL and C1 controls.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlChars(allowLineBreaks: false));

    /// <summary>The same without tab, CR and LF, which an address may contain.</summary>
    private static readonly SearchValues<char> ControlsExceptLineBreaks = SearchValues.Create(ControlChars(allowLineBreaks: true));

    /// <summary>The value of each USCC character (all ASCII) by character code.</summary>
    private static readonly byte[] AlphabetValues = ValuesOfAlphabet();

    private readonly EnterpriseCsvHeader header;
    private readonly ImportContext context;
    private readonly Dictionary<UInt128, int> firstRowOf = [];
    private readonly string knownCategories;
    private readonly StringPool knownCategoryStrings;
    private readonly int uscc;
    private readonly int name;
    private readonly int regionCode;
    private readonly int address;
    private readonly int kind;
    private readonly int categories;
    private readonly int licences;
    private readonly int status;
    private readonly int keySupervision;
    private readonly int riskClass;
    private readonly int overrideReason;

    private int row;
    private List<ImportProblem>? problems;

    public EnterpriseRowParser(EnterpriseCsvHeader header, ImportContext context)
    {
        this.header = header;
        this.context = context;
        uscc = header.IndexOf(C.Uscc);
        name = header.IndexOf(C.Name);
        regionCode = header.IndexOf(C.RegionCode);
        address = header.IndexOf(C.Address);
        kind = header.IndexOf(C.Kind);
        categories = header.IndexOf(C.Categories);
        licences = header.IndexOf(C.Licences);
        status = header.IndexOf(C.Status);
        keySupervision = header.IndexOf(C.KeySupervision);
        riskClass = header.IndexOf(C.RiskClass);
        overrideReason = header.IndexOf(C.UsccOverrideReason);

        knownCategoryStrings = new StringPool(context.IsKnownCategory);
        var known = context.KnownCategoryCodes;
        knownCategories = known.Count switch
        {
            0 => string.Empty,
            <= MaxCategoriesListed => $"; known: {string.Join(", ", known)}",
            _ => $"; known: {string.Join(", ", known.Take(MaxCategoriesListed))} and {known.Count - MaxCategoriesListed} more",
        };
    }

    /// <summary>The result for the current record, or null for a row whose values are all empty (skipped).</summary>
    public ImportResult? Parse(CsvReader csv)
    {
        row = csv.Row;
        problems = null;
        if (AllEmpty(csv))
        {
            return null;
        }

        if (csv.FieldCount != header.Count)
        {
            return ImportResult.Invalid(new ImportProblem(row, "row",
                $"has {csv.FieldCount} values but the header has {header.Count} columns; a value containing a comma must be in double quotes"));
        }

        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (header.NameAt(i) is null && !csv.Field(i).Trim().IsEmpty)
            {
                Problem("row", $"column {i + 1} has a value but no name in the header");
            }
        }

        var (code, reason, overridden) = ReadUscc(csv);
        var enterpriseName = ReadName(csv);
        var enterpriseAddress = ReadAddress(csv);
        var region = ReadRegion(csv);
        var enterpriseKind = ReadKind(csv);
        var categoryCodes = ReadCategories(csv);
        var licenceNumbers = ReadLicences(csv);
        var enterpriseStatus = ReadStatus(csv);
        var key = ReadKeySupervision(csv);
        var risk = ReadRiskClass(csv);

        if (problems is not null)
        {
            return ImportResult.Invalid(row, problems);
        }

        return ImportResult.Valid(new EnterpriseRow(row, code, enterpriseName, enterpriseAddress, region, enterpriseKind,
            categoryCodes, licenceNumbers, enterpriseStatus, key, risk, reason, overridden));
    }

    private (string Code, string? Reason, string? Overridden) ReadUscc(CsvReader csv)
    {
        var raw = Value(csv, uscc);
        var reason = overrideReason < 0 ? null : NullIfEmpty(Value(csv, overrideReason));
        var check = Uscc.Validate(raw);
        string? overridden = null;

        if (reason is not null)
        {
            CheckControls(C.UsccOverrideReason, reason, Controls);
            if (reason.Length > MaxOverrideReasonLength)
            {
                Problem(C.UsccOverrideReason, $"is {reason.Length} characters long; at most {MaxOverrideReasonLength}");
            }
        }

        if (!check.IsValid && check.Overridable && reason is not null)
        {
            if (reason.Length < EnterpriseRegistrationRules.MinOverrideReasonLength)
            {
                Problem(C.UsccOverrideReason,
                    $"must say why the code is accepted despite failing its check ({check.Problem}): at least {EnterpriseRegistrationRules.MinOverrideReasonLength} characters");
            }

            overridden = check.Problem;
        }
        else if (!check.IsValid)
        {
            var hint = check.Overridable ? $"; if this is a legal early pilot code, give the reason in column {C.UsccOverrideReason}" : string.Empty;
            Problem(C.Uscc, raw.Length == 0 ? check.Problem! : $"{Show(raw)}: {check.Problem}{hint}");
        }
        else if (reason is not null)
        {
            Problem(C.UsccOverrideReason, "is only allowed for a code that fails its check character; this code is valid");
        }

        if (check.IsValid || check.Overridable)
        {
            if (!firstRowOf.TryAdd(Key(check.Code), row))
            {
                Problem(C.Uscc, $"duplicate of row {firstRowOf[Key(check.Code)]}");
            }
        }

        return (check.Code, reason, overridden);
    }

    private string ReadName(CsvReader csv)
    {
        var value = Value(csv, name);
        if (value.Length == 0)
        {
            Problem(C.Name, "is required");
        }
        else if (value.Length > EnterpriseFields.MaxNameLength)
        {
            Problem(C.Name, $"is {value.Length} characters long; at most {EnterpriseFields.MaxNameLength}");
        }
        else
        {
            CheckControls(C.Name, value, Controls);
        }

        return value;
    }

    private string? ReadAddress(CsvReader csv)
    {
        var value = NullIfEmpty(Value(csv, address));
        if (value is null)
        {
            return null;
        }

        if (value.Length > EnterpriseFields.MaxAddressLength)
        {
            Problem(C.Address, $"is {value.Length} characters long; at most {EnterpriseFields.MaxAddressLength}");
        }
        else
        {
            CheckControls(C.Address, value, ControlsExceptLineBreaks);
        }

        return value;
    }

    private string ReadRegion(CsvReader csv)
    {
        var value = Value(csv, regionCode);
        if (context.Divisions.Find(value, context.ReferenceDate) is { } division)
        {
            return division.Code;
        }

        Problem(C.RegionCode, context.Divisions.Problem(value, context.ReferenceDate, C.RegionCode) ?? "is not a known division");
        return value;
    }

    private EnterpriseKind ReadKind(CsvReader csv)
    {
        var value = csv.Field(kind).Trim();
        if (value.IsEmpty)
        {
            Problem(C.Kind, $"is required: {EnterpriseCsvValues.KindWords}");
        }
        else if (!EnterpriseCsvValues.TryParseKind(value, out var result))
        {
            Problem(C.Kind, $"{Show(value)} is not a kind; use {EnterpriseCsvValues.KindWords}");
        }
        else
        {
            return result;
        }

        return default;
    }

    private string[] ReadCategories(CsvReader csv)
    {
        var items = Items(csv.Field(categories), knownCategoryStrings);
        if (items.Length == 0)
        {
            Problem(C.Categories, $"is required: one or more category codes separated by {EnterpriseCsvValues.ListSeparator}");
        }

        foreach (var item in items)
        {
            if (!context.IsKnownCategory(item))
            {
                Problem(C.Categories, $"{Show(item)} is not a known category{knownCategories}");
            }
        }

        return items;
    }

    private string[] ReadLicences(CsvReader csv)
    {
        var items = Items(csv.Field(licences), null);
        foreach (var item in items)
        {
            if (item.Length > MaxLicenceLength)
            {
                Problem(C.Licences, $"{Show(item)} is {item.Length} characters long; a licence number has at most {MaxLicenceLength}");
            }
            else
            {
                CheckControls(C.Licences, item, Controls);
            }
        }

        return items;
    }

    private EnterpriseStatus ReadStatus(CsvReader csv)
    {
        var value = csv.Field(status).Trim();
        if (value.IsEmpty)
        {
            return EnterpriseStatus.Active;
        }

        if (EnterpriseCsvValues.TryParseStatus(value, out var result))
        {
            return result;
        }

        Problem(C.Status, $"{Show(value)} is not a status; use {EnterpriseCsvValues.StatusWords}, or leave it empty for active");
        return default;
    }

    private bool ReadKeySupervision(CsvReader csv)
    {
        var value = csv.Field(keySupervision).Trim();
        if (value.IsEmpty)
        {
            return false;
        }

        if (EnterpriseCsvValues.TryParseBoolean(value, out var result))
        {
            return result;
        }

        Problem(C.KeySupervision, $"{Show(value)} is not yes or no; use {EnterpriseCsvValues.BooleanWords}, or leave it empty for false");
        return false;
    }

    private RiskClass ReadRiskClass(CsvReader csv)
    {
        var value = csv.Field(riskClass).Trim();
        if (value.IsEmpty)
        {
            return RiskClass.B;
        }

        if (EnterpriseCsvValues.TryParseRiskClass(value, out var result))
        {
            return result;
        }

        Problem(C.RiskClass, $"{Show(value)} is not a risk class; use {EnterpriseCsvValues.RiskClassWords}, or leave it empty for B");
        return RiskClass.B;
    }

    private void Problem(string field, string reason) => (problems ??= []).Add(new ImportProblem(row, field, reason));

    private void CheckControls(string field, string value, SearchValues<char> forbidden)
    {
        var at = value.AsSpan().IndexOfAny(forbidden);
        if (at >= 0)
        {
            Problem(field, $"contains the control character U+{(int)value[at]:X4} at position {at + 1}");
        }
    }

    /// <summary>
    /// The items of a |-separated list: trimmed, empty ones dropped, de-duplicated, sorted ordinally.
    /// Known categories come back as one shared string each, so a million rows do not hold a million copies.
    /// </summary>
    private static string[] Items(ReadOnlySpan<char> value, StringPool? pool)
    {
        if (value.Trim().IsEmpty)
        {
            return [];
        }

        var items = new string[value.Count(EnterpriseCsvValues.ListSeparator) + 1];
        var count = 0;
        foreach (var range in value.Split(EnterpriseCsvValues.ListSeparator))
        {
            var item = value[range].Trim();
            if (item.IsEmpty)
            {
                continue;
            }

            var text = pool?.Get(item) ?? item.ToString();

            // Insertion sort: lists are short, and equal items are dropped on the way.
            var at = count;
            while (at > 0 && string.CompareOrdinal(items[at - 1], text) > 0)
            {
                at--;
            }

            if (at > 0 && string.Equals(items[at - 1], text, StringComparison.Ordinal))
            {
                continue;
            }

            Array.Copy(items, at, items, at + 1, count - at);
            items[at] = text;
            count++;
        }

        return count == items.Length ? items : items[..count];
    }

    private static string Value(CsvReader csv, int index) => csv.Field(index).Trim().ToString();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static bool AllEmpty(CsvReader csv)
    {
        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (!csv.Field(i).Trim().IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A value quoted for a problem text, shortened when long.</summary>
    private static string Show(ReadOnlySpan<char> value) =>
        value.Length <= MaxValueShown ? $"'{value}'" : $"'{value[..MaxValueShown]}…' ({value.Length} characters)";

    /// <summary>A code made only of the 31 USCC characters, packed into 90 bits: 1,000,000 codes cost ~40 MB, not ~100 MB as strings.</summary>
    private static UInt128 Key(string code)
    {
        UInt128 key = 0;
        foreach (var c in code)
        {
            key = (key * 31) + AlphabetValues[c];
        }

        return key;
    }

    private static byte[] ValuesOfAlphabet()
    {
        var values = new byte[128];
        for (var i = 0; i < Uscc.Alphabet.Length; i++)
        {
            values[Uscc.Alphabet[i]] = (byte)i;
        }

        return values;
    }

    private static string ControlChars(bool allowLineBreaks)
    {
        var chars = new List<char>();
        for (var c = '\0'; c <= '\u009F'; c++)
        {
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n'))
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }
}
