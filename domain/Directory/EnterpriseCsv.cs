using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

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
    public static IEnumerable<ImportResult> Read(Stream stream, ImportContext context) =>
        CsvImport.Read(stream, context, EnterpriseCsvColumns.Format, header => new EnterpriseRowParser(header, context));

    /// <summary>Reads the directory from decoded text; as <see cref="Read(Stream, ImportContext)"/>.</summary>
    public static IEnumerable<ImportResult> Read(TextReader reader, ImportContext context) =>
        CsvImport.Read(reader, context, EnterpriseCsvColumns.Format, header => new EnterpriseRowParser(header, context));

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
    public static void Write(Stream stream, IEnumerable<EnterpriseRow> rows) => CsvImport.Write(stream, writer => Write(writer, rows));

    private static string JoinList(IReadOnlyList<string> items, EnterpriseRow row, string column) =>
        CsvImport.JoinList(items, $"row {row.Row} ({row.Uscc})", column, nameof(row));
}
