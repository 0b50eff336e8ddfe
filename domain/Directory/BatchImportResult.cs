using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// The outcome of one batch row: the definition (normalised by <c>BatchRules.Normalise</c>) when the row is
/// acceptable, otherwise every problem found in it. <see cref="DefineBatch.RequestedBy"/> is empty: the
/// caller puts in who imports.
/// </summary>
public sealed record BatchImportResult(int Row, DefineBatch? Batch, IReadOnlyList<ImportProblem> Problems) : IImportResult<BatchImportResult>
{
    public bool IsValid => Batch is not null;

    public static BatchImportResult Valid(int row, DefineBatch batch) => new(row, batch, []);

    public static BatchImportResult Invalid(int row, IReadOnlyList<ImportProblem> problems) => new(row, null, problems);

    public static BatchImportResult Invalid(ImportProblem problem) => new(problem.Row, null, [problem]);
}
