namespace Samples.Domain.Directory;

/// <summary>
/// The header row of a directory CSV: which column holds which field. Names are matched
/// case-insensitively after trimming, in any order; every required column must be present.
/// </summary>
internal sealed class CsvHeader
{
    private const int MaxNamesListed = 10;
    private const int MaxNameShown = 40;

    private readonly string?[] names;

    private CsvHeader(string?[] names, int row)
    {
        this.names = names;
        Row = row;
    }

    public int Row { get; }

    public int Count => names.Length;

    /// <summary>The column's name, or null for a column without a name (whose values must stay empty).</summary>
    public string? NameAt(int index) => index >= 0 && index < names.Length ? names[index] : null;

    /// <summary>The index of a column, or -1 for an optional column that is not there.</summary>
    public int IndexOf(string column) => Array.IndexOf(names, column);

    public static (CsvHeader? Header, ImportProblem? Problem) Parse(CsvReader csv, CsvColumns columns)
    {
        var names = new string?[csv.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var twice = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            var raw = csv.Field(i).Trim().ToString();
            var name = raw.ToLowerInvariant();
            if (name.Length == 0)
            {
                continue;
            }

            if (!columns.All.Contains(name))
            {
                unknown.Add(Describe(raw, columns));
            }
            else if (!seen.Add(name))
            {
                twice.Add(name);
            }
            else
            {
                names[i] = name;
            }
        }

        var missing = columns.Required.Where(c => !seen.Contains(c)).ToList();
        if (missing.Count == 0 && unknown.Count == 0 && twice.Count == 0)
        {
            return (new CsvHeader(names, csv.Row), null);
        }

        var parts = new List<string>();
        if (missing.Count > 0)
        {
            parts.Add($"missing columns: {string.Join(", ", missing)}");
        }

        if (unknown.Count > 0)
        {
            parts.Add($"unknown columns: {List(unknown)}");
        }

        if (twice.Count > 0)
        {
            parts.Add($"columns named more than once: {string.Join(", ", twice.Distinct())}");
        }

        return (null, new ImportProblem(csv.Row, "header", $"{string.Join("; ", parts)}; {columns.Expected}"));
    }

    private static string Describe(string raw, CsvColumns columns)
    {
        var shown = raw.Length > MaxNameShown ? string.Concat(raw.AsSpan(0, MaxNameShown), "…") : raw;
        var guess = raw.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return columns.All.Contains(guess) ? $"'{shown}' (did you mean {guess}?)" : $"'{shown}'";
    }

    private static string List(List<string> items) =>
        items.Count <= MaxNamesListed
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.Take(MaxNamesListed))} and {items.Count - MaxNamesListed} more";
}
