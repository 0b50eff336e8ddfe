namespace Samples.Domain.Directory;

/// <summary>
/// The input is not a CSV file this reader accepts. Reading stops: the position of the problem is known
/// but what follows it cannot be trusted.
/// </summary>
public sealed class CsvFormatException : Exception
{
    public CsvFormatException()
        : this(0, null, "is not valid CSV")
    {
    }

    public CsvFormatException(string message)
        : this(0, null, message)
    {
    }

    public CsvFormatException(string message, Exception innerException)
        : this(0, null, message, innerException)
    {
    }

    public CsvFormatException(int row, int? column, string reason, Exception? innerException = null)
        : base(Describe(row, column, reason), innerException)
    {
        Row = row;
        Column = column;
        Reason = reason;
    }

    /// <summary>1-based record number (the header is row 1); blank lines count.</summary>
    public int Row { get; }

    /// <summary>1-based field number when known.</summary>
    public int? Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    private static string Describe(int row, int? column, string reason) =>
        column is { } c ? $"row {row}, column {c}: {reason}" : $"row {row}: {reason}";
}
