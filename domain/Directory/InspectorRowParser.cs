using Samples.Contracts.Directory;
using C = Samples.Domain.Directory.InspectorCsvColumns;

namespace Samples.Domain.Directory;

/// <summary>Turns inspector records into definitions or problems; remembers numbers to report repeats. One instance per file.</summary>
internal sealed class InspectorRowParser : CsvRowParser<InspectorImportResult>
{
    public const int MaxNameLength = 200;
    public const int MaxUnitLength = 200;
    public const int DefaultMaxOpenTasks = 5;
    public const int MaxConflictReasonLength = 500;
    public const char ConflictSeparator = '=';

    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["number"] = C.Number,
        ["name"] = C.Name,
        ["unit"] = C.Unit,
        ["regionCode"] = C.RegionCode,
        ["categories"] = C.QualifiedCategories,
        ["qualifiedCategories"] = C.QualifiedCategories,
        ["onLeave"] = C.OnLeave,
        ["maxOpenTasks"] = C.MaxOpenTasks,
        ["uscc"] = C.Conflicts,
        ["reason"] = C.Conflicts,
    };

    private readonly DuplicateRows<string> numbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly int number;
    private readonly int name;
    private readonly int unit;
    private readonly int regionCode;
    private readonly int categories;
    private readonly int onLeave;
    private readonly int maxOpenTasks;
    private readonly int conflicts;

    public InspectorRowParser(CsvHeader header, ImportContext context)
        : base(header, context)
    {
        number = header.IndexOf(C.Number);
        name = header.IndexOf(C.Name);
        unit = header.IndexOf(C.Unit);
        regionCode = header.IndexOf(C.RegionCode);
        categories = header.IndexOf(C.QualifiedCategories);
        onLeave = header.IndexOf(C.OnLeave);
        maxOpenTasks = header.IndexOf(C.MaxOpenTasks);
        conflicts = header.IndexOf(C.Conflicts);
    }

    protected override InspectorImportResult ParseValues(CsvReader csv)
    {
        var id = ReadNumber(csv);
        var inspectorName = Text(csv, name, C.Name, MaxNameLength, required: true);
        var inspectorUnit = Text(csv, unit, C.Unit, MaxUnitLength, required: true);
        var region = Region(csv, regionCode, C.RegionCode);
        var qualified = Categories(csv, categories, C.QualifiedCategories, required: true, codeFormat: true);
        var leave = Boolean(csv, onLeave, C.OnLeave);
        var maxOpen = Integer(csv, maxOpenTasks, C.MaxOpenTasks, 1, InspectorRules.MaxOpenTasksLimit, DefaultMaxOpenTasks);
        var declared = ReadConflicts(csv);

        if (HasProblems)
        {
            return InspectorImportResult.Invalid(Row, Problems);
        }

        var inspector = new DefineInspector(id, inspectorName, inspectorUnit, region, qualified, leave, maxOpen, string.Empty);
        CheckWithRules(inspector, declared);
        return HasProblems ? InspectorImportResult.Invalid(Row, Problems) : InspectorImportResult.Valid(Row, inspector, declared);
    }

    private string ReadNumber(CsvReader csv)
    {
        var value = Value(csv, number);
        if (value.Length == 0)
        {
            Problem(C.Number, "is required: 1-32 letters, digits or dashes, e.g. QH-HX-0012");
        }
        else if (!Identifiers.IsDirectoryId(value))
        {
            Problem(C.Number, $"{Show(value)} is not an inspector number: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-HX-0012");
        }
        else
        {
            CheckDuplicate(numbers, value, C.Number);
        }

        return value;
    }

    /// <summary>USCC=reason items separated by |: codes valid and upper-cased, reasons 4-500 characters without '='; ordered by code.</summary>
    private List<(string Uscc, string Reason)> ReadConflicts(CsvReader csv)
    {
        var raw = Span(csv, conflicts);
        var result = new List<(string Uscc, string Reason)>();
        foreach (var range in raw.Split(CsvValues.ListSeparator))
        {
            var item = raw[range].Trim();
            if (item.IsEmpty)
            {
                continue;
            }

            var at = item.IndexOf(ConflictSeparator);
            if (at < 0)
            {
                Problem(C.Conflicts, $"{Show(item)} is not USCC=reason: give the enterprise's code, '=', and why the inspector must not inspect it");
                continue;
            }

            var code = item[..at].Trim().ToString();
            var reason = item[(at + 1)..].Trim().ToString();
            var check = Uscc.Validate(code);
            if (!check.IsValid)
            {
                Problem(C.Conflicts, code.Length == 0 ? $"{Show(item)}: the code before '=' {check.Problem}" : $"{Show(code)}: {check.Problem}");
                continue;
            }

            if (reason.Contains(ConflictSeparator, StringComparison.Ordinal))
            {
                Problem(C.Conflicts, $"the reason for {check.Code} contains '=', which separates the code from the reason");
            }
            else if (reason.Length < EnterpriseChangeRules.MinReasonLength)
            {
                Problem(C.Conflicts, $"the reason for {check.Code} is required: at least {EnterpriseChangeRules.MinReasonLength} characters");
            }
            else if (reason.Length > MaxConflictReasonLength)
            {
                Problem(C.Conflicts, $"the reason for {check.Code} is {reason.Length} characters long; at most {MaxConflictReasonLength}");
            }
            else
            {
                CheckControls(C.Conflicts, reason);
            }

            if (result.Exists(c => c.Uscc == check.Code))
            {
                Problem(C.Conflicts, $"{check.Code} is listed more than once");
                continue;
            }

            result.Add((check.Code, reason));
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Uscc, b.Uscc));
        return result;
    }

    /// <summary>The grain's own rules, so an accepted row is one the inspector grain accepts.</summary>
    private void CheckWithRules(DefineInspector inspector, List<(string Uscc, string Reason)> declared)
    {
        var state = new InspectorState();
        FromRules(InspectorRules.Define(state, inspector.Number, inspector).Problems, ColumnOfField);
        foreach (var (code, reason) in declared)
        {
            FromRules(InspectorRules.DeclareConflict(state, new DeclareConflict(code, reason, string.Empty), DateTimeOffset.UnixEpoch).Problems, ColumnOfField);
        }
    }
}
