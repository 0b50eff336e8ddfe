using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Bulk import and export of the lab directory (检验机构) as CSV, in the format and with the guarantees of
/// <see cref="EnterpriseCsv"/>: see <see cref="LabCsvColumns"/> and Directory/README.md. Import streams one
/// <see cref="LabImportResult"/> per non-empty row; an accepted row passes <c>LabRules.Define</c>.
/// </summary>
public static class LabCsv
{
    /// <summary>
    /// Reads labs from UTF-8 bytes (with or without a byte-order mark), as the results are enumerated
    /// (enumerate once); the stream is not closed. <see cref="DefineLab.RequestedBy"/> is left empty for
    /// the caller to fill in. A file that is not acceptable CSV, or whose header is wrong, gives one result
    /// with one problem and ends; so does reaching <see cref="ImportContext.MaxProblems"/>.
    /// </summary>
    public static IEnumerable<LabImportResult> Read(Stream stream, ImportContext context) =>
        CsvImport.Read(stream, context, LabCsvColumns.Format, header => new LabRowParser(header, context));

    /// <summary>Reads labs from decoded text; as <see cref="Read(Stream, ImportContext)"/>.</summary>
    public static IEnumerable<LabImportResult> Read(TextReader reader, ImportContext context) =>
        CsvImport.Read(reader, context, LabCsvColumns.Format, header => new LabRowParser(header, context));

    /// <summary>Writes the header and one record per lab (may_retest as true/false, lists joined by '|' in the order given), records ended by CRLF. RequestedBy is not written.</summary>
    /// <exception cref="ArgumentException">A category or item contains '|' and could not be read back.</exception>
    public static void Write(TextWriter writer, IEnumerable<DefineLab> labs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(labs);
        var csv = new CsvWriter(writer);
        csv.WriteRecord(LabCsvColumns.All);
        foreach (var lab in labs)
        {
            ArgumentNullException.ThrowIfNull(lab, nameof(labs));
            var what = $"lab {lab.Id}";
            csv.WriteField(lab.Id);
            csv.WriteField(lab.Name);
            csv.WriteField(CsvImport.JoinList(lab.AccreditedCategories, what, LabCsvColumns.AccreditedCategories, nameof(labs)));
            csv.WriteField(CsvImport.JoinList(lab.AccreditedItems ?? [], what, LabCsvColumns.AccreditedItems, nameof(labs)));
            csv.WriteField(CsvValues.Format(lab.MayRetest));
            csv.EndRecord();
        }
    }

    /// <summary>Writes as <see cref="Write(TextWriter, IEnumerable{DefineLab})"/> in UTF-8 without a byte-order mark; the stream stays open.</summary>
    public static void Write(Stream stream, IEnumerable<DefineLab> labs) => CsvImport.Write(stream, writer => Write(writer, labs));
}
