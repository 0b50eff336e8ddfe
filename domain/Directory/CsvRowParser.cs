using System.Buffers;
using Samples.Contracts.Common;

namespace Samples.Domain.Directory;

/// <summary>
/// What the row parsers of every directory CSV share: skipping rows of empty values, checking the
/// number of values against the header, collecting the row's problems, and reading the common kinds
/// of value (text, yes/no, whole numbers, |-lists, categories, divisions) with the same problem texts.
/// One instance per file; a subclass reads its columns in <see cref="ParseValues"/>.
/// </summary>
internal abstract class CsvRowParser<TResult>
    where TResult : class, IImportResult<TResult>
{
    private const int MaxValueShown = 60;
    private const int MaxCategoriesListed = 30;

    /// <summary>C0 controls, DEL and C1 controls.</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlChars(allowLineBreaks: false));

    /// <summary>The same without tab, CR and LF, which an address may contain.</summary>
    private static readonly SearchValues<char> ControlsExceptLineBreaks = SearchValues.Create(ControlChars(allowLineBreaks: true));

    private readonly string knownCategories;
    private readonly StringPool knownCategoryStrings;
    private List<ImportProblem>? problems;

    protected CsvRowParser(CsvHeader header, ImportContext context)
    {
        Header = header;
        Context = context;
        knownCategoryStrings = new StringPool(context.IsKnownCategory);
        var known = context.KnownCategoryCodes;
        knownCategories = known.Count switch
        {
            0 => string.Empty,
            <= MaxCategoriesListed => $"; known: {string.Join(", ", known)}",
            _ => $"; known: {string.Join(", ", known.Take(MaxCategoriesListed))} and {known.Count - MaxCategoriesListed} more",
        };
    }

    protected CsvHeader Header { get; }

    protected ImportContext Context { get; }

    /// <summary>The row being parsed (1-based, the header is row 1).</summary>
    protected int Row { get; private set; }

    /// <summary>The problems found in the current row so far.</summary>
    protected IReadOnlyList<ImportProblem> Problems => problems ?? (IReadOnlyList<ImportProblem>)[];

    protected bool HasProblems => problems is not null;

    /// <summary>The result for the current record, or null for a row whose values are all empty (skipped).</summary>
    public TResult? Parse(CsvReader csv)
    {
        Row = csv.Row;
        problems = null;
        if (AllEmpty(csv))
        {
            return null;
        }

        if (csv.FieldCount != Header.Count)
        {
            return TResult.Invalid(new ImportProblem(Row, "row",
                $"has {csv.FieldCount} values but the header has {Header.Count} columns; a value containing a comma must be in double quotes"));
        }

        for (var i = 0; i < csv.FieldCount; i++)
        {
            if (Header.NameAt(i) is null && !csv.Field(i).Trim().IsEmpty)
            {
                Problem("row", $"column {i + 1} has a value but no name in the header");
            }
        }

        return ParseValues(csv);
    }

    /// <summary>Reads the current record's values (its length already checked) into a result.</summary>
    protected abstract TResult ParseValues(CsvReader csv);

    protected void Problem(string field, string reason) => (problems ??= []).Add(new ImportProblem(Row, field, reason));

    /// <summary>The column's index; -1 for an optional column the file does not have.</summary>
    protected int IndexOf(string column) => Header.IndexOf(column);

    /// <summary>The trimmed value of a column; empty for an optional column the file does not have.</summary>
    protected static string Value(CsvReader csv, int index) => index < 0 ? string.Empty : csv.Field(index).Trim().ToString();

    protected static ReadOnlySpan<char> Span(CsvReader csv, int index) => index < 0 ? [] : csv.Field(index).Trim();

    /// <summary>
    /// A text value, trimmed: "is required" when empty and <paramref name="required"/>, at most
    /// <paramref name="maxLength"/> characters, no control characters (line breaks and tabs allowed when
    /// <paramref name="lineBreaks"/>). Empty when absent.
    /// </summary>
    protected string Text(CsvReader csv, int index, string column, int maxLength, bool required, bool lineBreaks = false)
    {
        var value = Value(csv, index);
        if (value.Length == 0)
        {
            if (required)
            {
                Problem(column, "is required");
            }
        }
        else if (value.Length > maxLength)
        {
            Problem(column, $"is {value.Length} characters long; at most {maxLength}");
        }
        else
        {
            CheckControls(column, value, lineBreaks);
        }

        return value;
    }

    /// <summary>A yes/no value (<see cref="CsvValues.BooleanWords"/>); empty is false.</summary>
    protected bool Boolean(CsvReader csv, int index, string column)
    {
        var value = Span(csv, index);
        if (value.IsEmpty)
        {
            return false;
        }

        if (CsvValues.TryParseBoolean(value, out var result))
        {
            return result;
        }

        Problem(column, $"{Show(value)} is not yes or no; use {CsvValues.BooleanWords}, or leave it empty for false");
        return false;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; empty is <paramref name="empty"/>.</summary>
    protected int Integer(CsvReader csv, int index, string column, int min, int max, int empty)
    {
        var value = Span(csv, index);
        if (value.IsEmpty)
        {
            return empty;
        }

        if (!CsvValues.TryParseInteger(value, out var result))
        {
            Problem(column, $"{Show(value)} is not a whole number; use {min} to {max}, or leave it empty for {empty}");
            return empty;
        }

        if (result < min || result > max)
        {
            Problem(column, $"is {result}; must be from {min} to {max}");
            return empty;
        }

        return result;
    }

    /// <summary>A region code naming a division valid on the reference date; the division's code, or the value as given.</summary>
    protected string Region(CsvReader csv, int index, string column)
    {
        var value = Value(csv, index);
        if (Context.Divisions.Find(value, Context.ReferenceDate) is { } division)
        {
            return division.Code;
        }

        Problem(column, Context.Divisions.Problem(value, Context.ReferenceDate, column) ?? "is not a known division");
        return value;
    }

    /// <summary>A |-list of known category codes (see <see cref="Items"/>), at least one when <paramref name="required"/>.</summary>
    /// <param name="codeFormat">Also require the catalogue's code format (lower-case letters, digits, dashes), as the inspector and lab rules do.</param>
    protected string[] Categories(CsvReader csv, int index, string column, bool required, bool codeFormat = false)
    {
        var items = Items(Span(csv, index), knownCategoryStrings);
        if (items.Length == 0 && required)
        {
            Problem(column, $"is required: one or more category codes separated by {CsvValues.ListSeparator}");
        }

        foreach (var item in items)
        {
            if (!Context.IsKnownCategory(item))
            {
                Problem(column, NotKnownCategory(item));
            }
            else if (codeFormat && !IsCategoryCode(item))
            {
                Problem(column, $"{Show(item)} is not a category code (lower-case letters, digits and dashes)");
            }
        }

        return items;
    }

    /// <summary>A |-list of codes of 1 to <paramref name="maxLength"/> characters without control characters.</summary>
    protected string[] Codes(CsvReader csv, int index, string column, int maxLength, string what)
    {
        var items = Items(Span(csv, index), null);
        foreach (var item in items)
        {
            if (item.Length > maxLength)
            {
                Problem(column, $"{Show(item)} is {item.Length} characters long; {what} has at most {maxLength}");
            }
            else
            {
                CheckControls(column, item, lineBreaks: false);
            }
        }

        return items;
    }

    protected string NotKnownCategory(ReadOnlySpan<char> item) => $"{Show(item)} is not a known category{knownCategories}";

    /// <summary>
    /// Problems the domain rules found that the CSV checks did not, each under the column
    /// <paramref name="columnOf"/> names for its field ("row" when none). A safety net: an accepted row
    /// must be one the grain accepts.
    /// </summary>
    protected void FromRules(IEnumerable<FieldProblem> found, IReadOnlyDictionary<string, string> columnOf)
    {
        foreach (var problem in found)
        {
            Problem(columnOf.GetValueOrDefault(problem.Field, "row"), problem.Message);
        }
    }

    /// <summary>Reports "duplicate of row N" when <paramref name="key"/> was seen before in the file.</summary>
    protected void CheckDuplicate<TKey>(DuplicateRows<TKey> seen, TKey key, string column)
        where TKey : notnull
    {
        if (seen.Add(key, Row) is { } first)
        {
            Problem(column, DuplicateRows<TKey>.Describe(first));
        }
    }

    protected void CheckControls(string field, string value, bool lineBreaks = false)
    {
        var at = value.AsSpan().IndexOfAny(lineBreaks ? ControlsExceptLineBreaks : Controls);
        if (at >= 0)
        {
            Problem(field, $"contains the control character U+{(int)value[at]:X4} at position {at + 1}");
        }
    }

    /// <summary>
    /// The items of a |-separated list: trimmed, empty ones dropped, de-duplicated, sorted ordinally.
    /// Pooled values (known categories) come back as one shared string each, so a million rows do not hold a million copies.
    /// </summary>
    protected static string[] Items(ReadOnlySpan<char> value, StringPool? pool)
    {
        if (value.Trim().IsEmpty)
        {
            return [];
        }

        var items = new string[value.Count(CsvValues.ListSeparator) + 1];
        var count = 0;
        foreach (var range in value.Split(CsvValues.ListSeparator))
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

    protected static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>A value quoted for a problem text, shortened when long.</summary>
    protected static string Show(ReadOnlySpan<char> value) =>
        value.Length <= MaxValueShown ? $"'{value}'" : $"'{value[..MaxValueShown]}…' ({value.Length} characters)";

    private static bool IsCategoryCode(string item)
    {
        var found = new List<FieldProblem>();
        EnterpriseFields.CheckCategories([item], found);
        return found.Count == 0;
    }

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
