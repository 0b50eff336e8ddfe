using System.Text;

namespace Samples.Domain.Directory;

/// <summary>What the shared import loop needs of a result type: its row, its problems, and a way to make a failed one.</summary>
internal interface IImportResult<TSelf>
    where TSelf : IImportResult<TSelf>
{
    int Row { get; }

    IReadOnlyList<ImportProblem> Problems { get; }

    static abstract TSelf Invalid(ImportProblem problem);
}

/// <summary>
/// The loop every directory import shares: open the reader, read and check the header, hand each
/// non-empty record to the format's row parser, and stop cleanly on a format error or at
/// <see cref="ImportContext.MaxProblems"/>. Data never makes it throw.
/// </summary>
internal static class CsvImport
{
    public static IEnumerable<TResult> Read<TResult>(Stream stream, ImportContext context, CsvColumns columns, Func<CsvHeader, CsvRowParser<TResult>> parser)
        where TResult : class, IImportResult<TResult>
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(context);
        return Read(() => new CsvReader(stream, context.Limits, leaveOpen: true), context, columns, parser);
    }

    public static IEnumerable<TResult> Read<TResult>(TextReader reader, ImportContext context, CsvColumns columns, Func<CsvHeader, CsvRowParser<TResult>> parser)
        where TResult : class, IImportResult<TResult>
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        return Read(() => new CsvReader(reader, context.Limits, leaveOpen: true), context, columns, parser);
    }

    /// <summary>Runs <paramref name="write"/> on a UTF-8 writer without a byte-order mark; the stream stays open.</summary>
    public static void Write(Stream stream, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        write(writer);
    }

    /// <summary>The items joined by <see cref="CsvValues.ListSeparator"/>.</summary>
    /// <exception cref="ArgumentException">An item contains the separator and could not be read back.</exception>
    public static string JoinList(IReadOnlyList<string> items, string what, string column, string paramName)
    {
        foreach (var item in items)
        {
            if (item.Contains(CsvValues.ListSeparator, StringComparison.Ordinal))
            {
                throw new ArgumentException($"{what}: {column} item '{item}' contains '{CsvValues.ListSeparator}', which separates items", paramName);
            }
        }

        return string.Join(CsvValues.ListSeparator, items);
    }

    private static IEnumerable<TResult> Read<TResult>(Func<CsvReader> open, ImportContext context, CsvColumns columns, Func<CsvHeader, CsvRowParser<TResult>> makeParser)
        where TResult : class, IImportResult<TResult>
    {
        using var csv = open();

        var (hasHeader, error) = Next(csv);
        if (error is not null)
        {
            yield return TResult.Invalid(FromFormatError(error, null));
            yield break;
        }

        if (!hasHeader)
        {
            yield return TResult.Invalid(new ImportProblem(1, "file", $"is empty: the first row must be the header; {columns.Expected}"));
            yield break;
        }

        var (header, headerProblem) = CsvHeader.Parse(csv, columns);
        if (header is null)
        {
            yield return TResult.Invalid(headerProblem!);
            yield break;
        }

        var parser = makeParser(header);
        var problems = 0;
        while (true)
        {
            (var more, error) = Next(csv);
            if (error is not null)
            {
                yield return TResult.Invalid(FromFormatError(error, header));
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
                yield return TResult.Invalid(new ImportProblem(result.Row, "file",
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
    private static ImportProblem FromFormatError(CsvFormatException error, CsvHeader? header)
    {
        var field = header is null ? "file"
            : error.Column is { } index && header.NameAt(index - 1) is { } name ? name
            : "row";
        var where = error.Column is { } c ? $"column {c} " : string.Empty;
        return new ImportProblem(error.Row, field, $"{where}{error.Reason}; reading stopped here");
    }
}
