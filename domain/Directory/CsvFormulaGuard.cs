namespace Samples.Domain.Directory;

/// <summary>
/// Keeps a spreadsheet from running a cell as a formula (CSV injection): an exported value starting with
/// <c>= + - @</c> gets a leading apostrophe, which spreadsheets show as "text" and do not display, and import removes
/// it again, so export → import gives the same values. Apostrophes already in front of such a character are kept by
/// adding one more: <c>'=x</c> is written <c>''=x</c>, so removing exactly one on import is always right.
/// </summary>
public static class CsvFormulaGuard
{
    public const char Mark = '\'';

    /// <summary>The characters a spreadsheet reads as the start of a formula.</summary>
    public static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@';

    /// <summary>The value as it is written: with a leading apostrophe when it is one or more apostrophes away from a trigger.</summary>
    public static string Neutralise(string value) => NeedsMark(value) ? Mark + value : value;

    /// <summary>The value as it was before <see cref="Neutralise"/>: one leading apostrophe fewer when a trigger follows the apostrophes.</summary>
    public static ReadOnlySpan<char> Restore(ReadOnlySpan<char> value) => value.Length > 1 && value[0] == Mark && NeedsMark(value) ? value[1..] : value;

    private static bool NeedsMark(ReadOnlySpan<char> value)
    {
        var marks = value.IndexOfAnyExcept(Mark);
        return marks >= 0 && IsTrigger(value[marks]);
    }
}
