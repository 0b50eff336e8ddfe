namespace Samples.Domain.Directory;

/// <summary>Remembers the row each key first appeared in, so a repeat can name it ("duplicate of row 17").</summary>
internal sealed class DuplicateRows<TKey>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> firstRowOf = new(comparer);

    /// <summary>Records <paramref name="key"/> at <paramref name="row"/>; the row it first appeared in when it is a repeat, otherwise null.</summary>
    public int? Add(TKey key, int row) =>
        firstRowOf.TryAdd(key, row) ? null : firstRowOf[key];

    public static string Describe(int firstRow) => $"duplicate of row {firstRow}";
}
