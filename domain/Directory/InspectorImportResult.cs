using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// The outcome of one inspector row: the definition and its declared conflicts of interest when the row
/// is acceptable, otherwise every problem found in it. <see cref="DefineInspector.RequestedBy"/> is
/// empty: the caller puts in who imports (<c>inspector with { RequestedBy = user }</c>).
/// </summary>
/// <param name="Conflicts">Conflicts of interest (USCC upper case, reason trimmed), ordered by USCC; empty when the row is invalid.</param>
public sealed record InspectorImportResult(
    int Row,
    DefineInspector? Inspector,
    IReadOnlyList<(string Uscc, string Reason)> Conflicts,
    IReadOnlyList<ImportProblem> Problems) : IImportResult<InspectorImportResult>
{
    public bool IsValid => Inspector is not null;

    public static InspectorImportResult Valid(int row, DefineInspector inspector, IReadOnlyList<(string Uscc, string Reason)> conflicts) =>
        new(row, inspector, conflicts, []);

    public static InspectorImportResult Invalid(int row, IReadOnlyList<ImportProblem> problems) => new(row, null, [], problems);

    public static InspectorImportResult Invalid(ImportProblem problem) => new(problem.Row, null, [], [problem]);
}
