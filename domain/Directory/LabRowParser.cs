using Samples.Contracts.Directory;
using C = Samples.Domain.Directory.LabCsvColumns;

namespace Samples.Domain.Directory;

/// <summary>Turns lab records into definitions or problems; remembers ids to report repeats. One instance per file.</summary>
internal sealed class LabRowParser : CsvRowParser<LabImportResult>
{
    public const int MaxNameLength = 200;
    public const int MaxItemLength = 64;

    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["id"] = C.Id,
        ["name"] = C.Name,
        ["categories"] = C.AccreditedCategories,
        ["accreditedCategories"] = C.AccreditedCategories,
        ["accreditedItems"] = C.AccreditedItems,
        ["mayRetest"] = C.MayRetest,
    };

    private readonly DuplicateRows<string> ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly int id;
    private readonly int name;
    private readonly int categories;
    private readonly int items;
    private readonly int mayRetest;

    public LabRowParser(CsvHeader header, ImportContext context)
        : base(header, context)
    {
        id = header.IndexOf(C.Id);
        name = header.IndexOf(C.Name);
        categories = header.IndexOf(C.AccreditedCategories);
        items = header.IndexOf(C.AccreditedItems);
        mayRetest = header.IndexOf(C.MayRetest);
    }

    protected override LabImportResult ParseValues(CsvReader csv)
    {
        var labId = ReadId(csv);
        var labName = Text(csv, name, C.Name, MaxNameLength, required: true);
        var accredited = Categories(csv, categories, C.AccreditedCategories, required: true, codeFormat: true);
        var itemCodes = Codes(csv, items, C.AccreditedItems, MaxItemLength, "an item code");
        var retest = Boolean(csv, mayRetest, C.MayRetest);

        if (HasProblems)
        {
            return LabImportResult.Invalid(Row, Problems);
        }

        var lab = new DefineLab(labId, labName, accredited, itemCodes, retest, string.Empty);
        FromRules(LabRules.Define(new LabState(), lab.Id, lab).Problems, ColumnOfField);
        return HasProblems ? LabImportResult.Invalid(Row, Problems) : LabImportResult.Valid(Row, lab);
    }

    private string ReadId(CsvReader csv)
    {
        var value = Value(csv, id);
        if (value.Length == 0)
        {
            Problem(C.Id, "is required: 1-32 letters, digits or dashes, e.g. QH-LAB-01");
        }
        else if (!Identifiers.IsDirectoryId(value))
        {
            Problem(C.Id, $"{Show(value)} is not a lab id: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-LAB-01");
        }
        else
        {
            CheckDuplicate(ids, value, C.Id);
        }

        return value;
    }
}
