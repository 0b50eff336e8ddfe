namespace Samples.Domain.Directory;

/// <summary>
/// The columns one CSV format has: the required ones (in export order) and the optional ones, with the
/// sentence every header problem ends with.
/// </summary>
internal sealed class CsvColumns
{
    public CsvColumns(IReadOnlyList<string> required, IReadOnlyList<string> optional)
    {
        Required = required;
        Optional = optional;
        All = [.. required, .. optional];
        Expected = optional.Count == 0
            ? $"expected the columns {string.Join(", ", required)} (in any order, names not case-sensitive)"
            : $"expected the columns {string.Join(", ", required)} (in any order, names not case-sensitive) and optionally {string.Join(", ", optional)}";
    }

    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<string> Optional { get; }

    /// <summary>Every column, in the order export writes them.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The sentence every header problem ends with.</summary>
    public string Expected { get; }

    /// <summary>Export order of a column, for ordering problems; columns not in the format come last.</summary>
    public int OrderOf(string column)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return All.Count;
    }
}
