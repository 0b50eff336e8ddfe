using Samples.Contracts.Directory;
using C = Samples.Domain.Directory.EnterpriseCsvColumns;

namespace Samples.Domain.Directory;

/// <summary>
/// Turns the records after the header into enterprises or problems, remembering the codes seen so a
/// repeated USCC names the row it first appeared in. One instance per file.
/// </summary>
internal sealed class EnterpriseRowParser : CsvRowParser<ImportResult>
{
    public const int MaxLicenceLength = 64;
    public const int MaxOverrideReasonLength = 500;

    /// <summary>The value of each USCC character (all ASCII) by character code.</summary>
    private static readonly byte[] AlphabetValues = ValuesOfAlphabet();

    private readonly DuplicateRows<UInt128> codes = new();
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

    public EnterpriseRowParser(CsvHeader header, ImportContext context)
        : base(header, context)
    {
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
    }

    protected override ImportResult ParseValues(CsvReader csv)
    {
        var (code, reason, overridden) = ReadUscc(csv);
        var enterpriseName = Text(csv, name, C.Name, EnterpriseFields.MaxNameLength, required: true);
        var enterpriseAddress = NullIfEmpty(Text(csv, address, C.Address, EnterpriseFields.MaxAddressLength, required: false, lineBreaks: true));
        var region = Region(csv, regionCode, C.RegionCode);
        var enterpriseKind = ReadKind(csv);
        // Empty is an enterprise registered before its categories are known (registration allows it, export writes it):
        // what export writes, import reads. It enters no frame until it has a category.
        var categoryCodes = Categories(csv, categories, C.Categories, required: false);
        var licenceNumbers = Codes(csv, licences, C.Licences, MaxLicenceLength, "a licence number");
        var enterpriseStatus = ReadStatus(csv);
        var key = Boolean(csv, keySupervision, C.KeySupervision);
        var risk = ReadRiskClass(csv);

        if (HasProblems)
        {
            return ImportResult.Invalid(Row, Problems);
        }

        return ImportResult.Valid(new EnterpriseRow(Row, code, enterpriseName, enterpriseAddress, region, enterpriseKind,
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
            CheckControls(C.UsccOverrideReason, reason);
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
            CheckDuplicate(codes, Key(check.Code), C.Uscc);
        }

        return (check.Code, reason, overridden);
    }

    private EnterpriseKind ReadKind(CsvReader csv)
    {
        var value = Span(csv, kind);
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

    private EnterpriseStatus ReadStatus(CsvReader csv)
    {
        var value = Span(csv, status);
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

    private RiskClass ReadRiskClass(CsvReader csv)
    {
        var value = Span(csv, riskClass);
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
}
