using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// The outcome of one lab row: the definition when the row is acceptable, otherwise every problem found
/// in it. <see cref="DefineLab.RequestedBy"/> is empty: the caller puts in who imports.
/// </summary>
public sealed record LabImportResult(int Row, DefineLab? Lab, IReadOnlyList<ImportProblem> Problems) : IImportResult<LabImportResult>
{
    public bool IsValid => Lab is not null;

    public static LabImportResult Valid(int row, DefineLab lab) => new(row, lab, []);

    public static LabImportResult Invalid(int row, IReadOnlyList<ImportProblem> problems) => new(row, null, problems);

    public static LabImportResult Invalid(ImportProblem problem) => new(problem.Row, null, [problem]);
}
