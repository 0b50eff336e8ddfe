namespace Samples.Domain.Directory;

/// <summary>The outcome of one row: the enterprise when the row is acceptable, otherwise every problem found in it.</summary>
public sealed record ImportResult(int Row, EnterpriseRow? Enterprise, IReadOnlyList<ImportProblem> Problems) : IImportResult<ImportResult>
{
    public bool IsValid => Enterprise is not null;

    public static ImportResult Valid(EnterpriseRow enterprise) => new(enterprise.Row, enterprise, []);

    public static ImportResult Invalid(int row, IReadOnlyList<ImportProblem> problems) => new(row, null, problems);

    public static ImportResult Invalid(ImportProblem problem) => new(problem.Row, null, [problem]);
}
