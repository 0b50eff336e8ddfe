namespace Samples.Domain.Directory;

/// <summary>
/// Something wrong with an imported file. <paramref name="Row"/> is 1-based (the header is row 1);
/// <paramref name="Field"/> is the column name, or "header", "row" or "file" for problems that are not
/// about one value; <paramref name="Reason"/> says what is wrong and what is expected.
/// </summary>
public sealed record ImportProblem(int Row, string Field, string Reason);
