namespace Samples.Domain.Directory;

/// <summary>
/// Writes RFC 4180 records: a value is quoted when it contains a comma, a quote, a line break or
/// surrounding white space (quotes doubled); records end with CRLF. A value a spreadsheet would run as a
/// formula (starting with <c>= + - @</c>) is written with a leading apostrophe (<see cref="CsvFormulaGuard"/>).
/// <see cref="CsvReader"/> reads back exactly what was given.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private int fields;
    private bool lastEmpty;

    public void WriteField(string? value)
    {
        if (fields > 0)
        {
            writer.Write(',');
        }

        fields++;
        lastEmpty = string.IsNullOrEmpty(value);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        value = CsvFormulaGuard.Neutralise(value);
        if (!NeedsQuotes(value))
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    /// <summary>Ends the record. A record of one empty value is written as "" so it is not read as a blank line.</summary>
    public void EndRecord()
    {
        if (fields == 1 && lastEmpty)
        {
            writer.Write("\"\"");
        }

        writer.Write("\r\n");
        fields = 0;
    }

    public void WriteRecord(IEnumerable<string?> values)
    {
        foreach (var value in values)
        {
            WriteField(value);
        }

        EndRecord();
    }

    public static bool NeedsQuotes(ReadOnlySpan<char> value) =>
        value.IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
}
