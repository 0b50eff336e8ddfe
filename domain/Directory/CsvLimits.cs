namespace Samples.Domain.Directory;

/// <summary>
/// Hard limits that make a wrong or hostile file fail fast, with memory bounded by the limits rather
/// than the file size. Lengths are in UTF-16 characters (one per Chinese character).
/// </summary>
/// <param name="MaxFieldLength">Longest value of one field (after removing quotes).</param>
/// <param name="MaxRecordLength">Longest record: the values of all fields plus one per separator.</param>
/// <param name="MaxColumns">Most fields a record may have.</param>
public sealed record CsvLimits(int MaxFieldLength = 2_000, int MaxRecordLength = 16_384, int MaxColumns = 64)
{
    public static CsvLimits Default { get; } = new();
}
