namespace Samples.Domain.Directory;

/// <summary>
/// Hands out one shared string per distinct accepted value, so repeated values (category codes) cost
/// no allocation after the first. Only values <c>accept</c> admits are pooled, and at most
/// <see cref="MaxEntries"/>, so hostile input cannot grow it.
/// </summary>
internal sealed class StringPool(Func<string, bool> accept)
{
    public const int MaxEntries = 4096;

    private readonly Dictionary<string, string> strings = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> value)
    {
        var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var shared))
        {
            return shared;
        }

        var text = value.ToString();
        if (strings.Count < MaxEntries && accept(text))
        {
            strings[text] = text;
        }

        return text;
    }
}
