using Samples.Contracts.Directory;
using C = Samples.Domain.Directory.BatchCsvColumns;

namespace Samples.Domain.Directory;

/// <summary>
/// Turns batch records into definitions or problems. The field rules are <see cref="BatchRules.Check"/>'s
/// (shared with the batch grain); the CSV adds the date formats, the catalogue check of the category and
/// repeats within the file. One instance per file.
/// </summary>
internal sealed class BatchRowParser : CsvRowParser<BatchImportResult>
{
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["batchId"] = C.BatchId,
        ["enterpriseUscc"] = C.EnterpriseUscc,
        ["producerUscc"] = C.ProducerUscc,
        ["category"] = C.Category,
        ["productName"] = C.ProductName,
        ["trademark"] = C.Trademark,
        ["specModel"] = C.SpecModel,
        ["standard"] = C.Standard,
        ["batchNumber"] = C.BatchNumber,
        ["productionDate"] = C.ProductionDate,
    };

    private readonly DuplicateRows<string> ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly int batchId;
    private readonly int enterpriseUscc;
    private readonly int producerUscc;
    private readonly int category;
    private readonly int productName;
    private readonly int trademark;
    private readonly int specModel;
    private readonly int standard;
    private readonly int batchNumber;
    private readonly int productionDate;

    public BatchRowParser(CsvHeader header, ImportContext context)
        : base(header, context)
    {
        batchId = header.IndexOf(C.BatchId);
        enterpriseUscc = header.IndexOf(C.EnterpriseUscc);
        producerUscc = header.IndexOf(C.ProducerUscc);
        category = header.IndexOf(C.Category);
        productName = header.IndexOf(C.ProductName);
        trademark = header.IndexOf(C.Trademark);
        specModel = header.IndexOf(C.SpecModel);
        standard = header.IndexOf(C.Standard);
        batchNumber = header.IndexOf(C.BatchNumber);
        productionDate = header.IndexOf(C.ProductionDate);
    }

    protected override BatchImportResult ParseValues(CsvReader csv)
    {
        var batch = BatchRules.Normalise(new DefineBatch(
            Value(csv, batchId),
            Value(csv, enterpriseUscc),
            Value(csv, producerUscc),
            Value(csv, category),
            Value(csv, productName),
            Value(csv, trademark),
            Value(csv, specModel),
            Value(csv, standard),
            Value(csv, batchNumber),
            ReadDate(csv),
            string.Empty));

        var found = BatchRules.Check(batch, Context.ReferenceDate);
        FromRules(found, ColumnOfField);
        if (batch.Category.Length > 0 && !found.Any(p => p.Field == "category") && !Context.IsKnownCategory(batch.Category))
        {
            Problem(C.Category, NotKnownCategory(batch.Category));
        }

        if (BatchRules.IsBatchId(batch.BatchId))
        {
            CheckDuplicate(ids, batch.BatchId, C.BatchId);
        }

        if (!HasProblems)
        {
            return BatchImportResult.Valid(Row, batch);
        }

        // Problems in column order ("row" first), whichever check found them.
        return BatchImportResult.Invalid(Row, [.. Problems.OrderBy(p => p.Field == "row" ? -1 : C.Format.OrderOf(p.Field))]);
    }

    private DateOnly? ReadDate(CsvReader csv)
    {
        var value = Span(csv, productionDate);
        if (value.IsEmpty)
        {
            return null;
        }

        if (CsvValues.TryParseDate(value, out var date))
        {
            return date;
        }

        Problem(C.ProductionDate, $"{Show(value)} is not a date; use {CsvValues.DateFormats}");
        return null;
    }
}
