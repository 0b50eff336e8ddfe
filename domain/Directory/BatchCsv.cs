using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Bulk import and export of product batches (产品批次) as CSV, in the format and with the guarantees of
/// <see cref="EnterpriseCsv"/>: see <see cref="BatchCsvColumns"/> and Directory/README.md. Import streams one
/// <see cref="BatchImportResult"/> per non-empty row; an accepted row passes <c>BatchRules.Check</c> on the
/// context's reference date.
/// </summary>
public static class BatchCsv
{
    /// <summary>
    /// Reads batches from UTF-8 bytes (with or without a byte-order mark), as the results are enumerated
    /// (enumerate once); the stream is not closed. <see cref="DefineBatch.RequestedBy"/> is left empty for
    /// the caller to fill in; a production date must not be after <see cref="ImportContext.ReferenceDate"/>.
    /// A file that is not acceptable CSV, or whose header is wrong, gives one result with one problem and
    /// ends; so does reaching <see cref="ImportContext.MaxProblems"/>.
    /// </summary>
    public static IEnumerable<BatchImportResult> Read(Stream stream, ImportContext context) =>
        CsvImport.Read(stream, context, BatchCsvColumns.Format, header => new BatchRowParser(header, context));

    /// <summary>Reads batches from decoded text; as <see cref="Read(Stream, ImportContext)"/>.</summary>
    public static IEnumerable<BatchImportResult> Read(TextReader reader, ImportContext context) =>
        CsvImport.Read(reader, context, BatchCsvColumns.Format, header => new BatchRowParser(header, context));

    /// <summary>Writes the header and one record per batch (production date as yyyy-MM-dd), records ended by CRLF. RequestedBy is not written.</summary>
    public static void Write(TextWriter writer, IEnumerable<DefineBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batches);
        var csv = new CsvWriter(writer);
        csv.WriteRecord(BatchCsvColumns.All);
        foreach (var batch in batches)
        {
            ArgumentNullException.ThrowIfNull(batch, nameof(batches));
            csv.WriteField(batch.BatchId);
            csv.WriteField(batch.EnterpriseUscc);
            csv.WriteField(batch.ProducerUscc);
            csv.WriteField(batch.Category);
            csv.WriteField(batch.ProductName);
            csv.WriteField(batch.Trademark);
            csv.WriteField(batch.SpecModel);
            csv.WriteField(batch.Standard);
            csv.WriteField(batch.BatchNumber);
            csv.WriteField(batch.ProductionDate is { } date ? CsvValues.Format(date) : null);
            csv.EndRecord();
        }
    }

    /// <summary>Writes as <see cref="Write(TextWriter, IEnumerable{DefineBatch})"/> in UTF-8 without a byte-order mark; the stream stays open.</summary>
    public static void Write(Stream stream, IEnumerable<DefineBatch> batches) => CsvImport.Write(stream, writer => Write(writer, batches));
}
