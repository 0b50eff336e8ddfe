using System.Text;

using Samples.Contracts.Enterprises;

namespace Samples.Grains.Directory;

/// <summary>
/// Bulk import and export of the enterprise directory as CSV (UTF-8, RFC 4180, header required; see
/// <see cref="EnterpriseCsvColumns"/> for the columns and <see cref="EnterpriseCsvValues"/> for the words).
/// Import streams: one <see cref="ImportResult"/> per non-empty row, as the file is read; data never
/// makes it throw. Export writes what import reads back to equal rows.
/// </summary>
public static class EnterpriseCsv
{
    /// <summary>
    /// Reads the directory from UTF-8 bytes (with or without a byte-order mark). The stream is read as the
    /// results are enumerated (enumerate once) and is not closed. A file that is not acceptable CSV, or whose header is
    /// wrong, gives one result with one problem and ends; so does reaching
    /// <see cref="ImportContext.MaxProblems"/>.
    /// </summary>
    public static IEnumerable<ImportResult> Read(Stream stream, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        return ReadRecords(() => new CsvReader(stream, context.Limits, leaveOpen: true), context);
    }

    /// <summary>Reads the directory from decoded text; as <see cref="Read(Stream, ImportContext)"/>.</summary>
    public static IEnumerable<ImportResult> Read(TextReader reader, ImportContext context)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        return ReadRecords(() => new CsvReader(reader, context.Limits, leaveOpen: true), context);
    }

    /// <summary>
    /// Writes the header (all columns of <see cref="EnterpriseCsvColumns.All"/>) and one record per row,
    /// in the canonical words (producer, active, true, B…), records ended by CRLF.
    /// </summary>
    /// <exception cref="ArgumentException">A category or licence contains '|' and could not be read back.</exception>
    public static void Write(TextWriter writer, IEnumerable<EnterpriseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new CsvWriter(writer);
        csv.WriteRecord(EnterpriseCsvColumns.All);
        foreach (var row in rows)
        {
            csv.WriteField(row.Uscc);
            csv.WriteField(row.Name);
            csv.WriteField(row.RegionCode);
            csv.WriteField(row.Address);
            csv.WriteField(EnterpriseCsvValues.Format(row.Kind));
            csv.WriteField(JoinList(row.Categories, row, EnterpriseCsvColumns.Categories));
            csv.WriteField(JoinList(row.Licences, row, EnterpriseCsvColumns.Licences));
            csv.WriteField(EnterpriseCsvValues.Format(row.Status));
            csv.WriteField(EnterpriseCsvValues.Format(row.KeySupervision));
            csv.WriteField(EnterpriseCsvValues.Format(row.RiskClass));
            csv.WriteField(row.UsccOverrideReason);
            csv.EndRecord();
        }
    }

    /// <summary>Writes as <see cref="Write(TextWriter, IEnumerable{EnterpriseRow})"/> in UTF-8 without a byte-order mark; the stream stays open.</summary>
    public static void Write(Stream stream, IEnumerable<EnterpriseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        Write(writer, rows);
    }

    private static IEnumerable<ImportResult> ReadRecords(Func<CsvReader> open, ImportContext context)
    {
        using var csv = open();

        var (hasHeader, error) = Next(csv);
        if (error is not null)
        {
            yield return ImportResult.Invalid(FromFormatError(error, null));
            yield break;
        }

        if (!hasHeader)
        {
            yield return ImportResult.Invalid(new ImportProblem(1, "file", $"is empty: the first row must be the header; {EnterpriseCsvHeader.Expected}"));
            yield break;
        }

        var (header, headerProblem) = EnterpriseCsvHeader.Parse(csv);
        if (header is null)
        {
            yield return ImportResult.Invalid(headerProblem!);
            yield break;
        }

        var parser = new EnterpriseRowParser(header, context);
        var problems = 0;
        while (true)
        {
            (var more, error) = Next(csv);
            if (error is not null)
            {
                yield return ImportResult.Invalid(FromFormatError(error, header));
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            if (parser.Parse(csv) is not { } result)
            {
                continue;
            }

            yield return result;
            problems += result.Problems.Count;
            if (problems >= context.MaxProblems)
            {
                yield return ImportResult.Invalid(new ImportProblem(result.Row, "file",
                    $"stopped after {problems} problems (the limit is {context.MaxProblems}); rows after row {result.Row} were not read"));
                yield break;
            }
        }
    }

    private static (bool More, CsvFormatException? Error) Next(CsvReader csv)
    {
        try
        {
            return (csv.Read(), null);
        }
        catch (CsvFormatException e)
        {
            return (false, e);
        }
    }

    /// <summary>A format error stops reading: it names the column when the header says which it is.</summary>
    private static ImportProblem FromFormatError(CsvFormatException error, EnterpriseCsvHeader? header)
    {
        var field = header is null ? "file"
            : error.Column is { } index && header.NameAt(index - 1) is { } name ? name
            : "row";
        var where = error.Column is { } c ? $"column {c} " : string.Empty;
        return new ImportProblem(error.Row, field, $"{where}{error.Reason}; reading stopped here");
    }

    private static string JoinList(IReadOnlyList<string> items, EnterpriseRow row, string column)
    {
        foreach (var item in items)
        {
            if (item.Contains(EnterpriseCsvValues.ListSeparator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"row {row.Row} ({row.Uscc}): {column} item '{item}' contains '{EnterpriseCsvValues.ListSeparator}', which separates items", nameof(row));
            }
        }

        return string.Join(EnterpriseCsvValues.ListSeparator, items);
    }
}
