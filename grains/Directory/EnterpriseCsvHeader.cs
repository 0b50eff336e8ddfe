namespace Samples.Grains.Directory;

/// <summary>The header row of an enterprise CSV: which column holds which field.</summary>
internal sealed class EnterpriseCsvHeader
{
    private const int MaxNamesListed = 10;
    private const int MaxNameShown = 40;

    private readonly string?[] names;

    private EnterpriseCsvHeader(string?[] names, int row)
    {
        this.names = names;
        Row = row;
    }

    /// <summary>The sentence every header problem ends with.</summary>
    public static string Expected { get; } =
        $"expected the columns {string.Join(", ", EnterpriseCsvColumns.Required)} (in any order, names not case-sensitive) and optionally {string.Join(", ", EnterpriseCsvColumns.Optional)}";

    public int Row { get; }

    public int Count => names.Length;

    /// <summary>The column's name, or null for a column without a name (whose values must stay empty).</summary>
    public string? NameAt(int index) => index >= 0 && index < names.Length ? names[index] : null;

    public int IndexOf(string column) => Array.IndexOf(names, column);

    public static (EnterpriseCsvHeader? Header, ImportProblem? Problem) Parse(CsvReader csv)
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

            if (!EnterpriseCsvColumns.All.Contains(name))
            {
                unknown.Add(Describe(raw));
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

        var missing = EnterpriseCsvColumns.Required.Where(c => !seen.Contains(c)).ToList();
        if (missing.Count == 0 && unknown.Count == 0 && twice.Count == 0)
        {
            return (new EnterpriseCsvHeader(names, csv.Row), null);
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

        return (null, new ImportProblem(csv.Row, "header", $"{string.Join("; ", parts)}; {Expected}"));
    }

    private static string Describe(string raw)
    {
        var shown = raw.Length > MaxNameShown ? string.Concat(raw.AsSpan(0, MaxNameShown), "…") : raw;
        var guess = raw.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
        return EnterpriseCsvColumns.All.Contains(guess) ? $"'{shown}' (did you mean {guess}?)" : $"'{shown}'";
    }

    private static string List(List<string> items) =>
        items.Count <= MaxNamesListed
            ? string.Join(", ", items)
            : $"{string.Join(", ", items.Take(MaxNamesListed))} and {items.Count - MaxNamesListed} more";
}
