using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

/// <summary>An enforcement officer in the inspector directory (执法检查人员名录库), keyed by their number.</summary>
[Alias("samples.inspectors.inspector")]
public interface IInspectorGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the entry; the same definition again changes nothing.</summary>
    [Alias("DefineAsync")]
    Task<InspectorResult> DefineAsync(DefineInspector command);

    /// <summary>Declares a conflict of interest with an enterprise (回避): the inspector is never drawn for it.</summary>
    [Alias("DeclareConflictAsync")]
    Task<InspectorResult> DeclareConflictAsync(DeclareConflict command);

    /// <summary>Records that the inspector inspected an enterprise on a date (for the recusal period).</summary>
    [Alias("RecordInspectionAsync")]
    Task<InspectorResult> RecordInspectionAsync(RecordInspection command);

    [Alias("GetAsync")]
    Task<InspectorView?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("samples.inspectors.view.v1")]
public sealed record InspectorView(
    [property: Id(0)] string Number,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string RegionCode,
    [property: Id(4)] IReadOnlyList<string> QualifiedCategories,
    [property: Id(5)] bool OnLeave,
    [property: Id(6)] int MaxOpenTasks,
    [property: Id(7)] IReadOnlyList<ConflictOfInterest> Conflicts,
    [property: Id(8)] IReadOnlyList<PastInspection> Inspections,
    [property: Id(9)] IReadOnlyList<EnterpriseChange> History);

[GenerateSerializer, Immutable, Alias("samples.inspectors.conflict.v1")]
public sealed record ConflictOfInterest(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset DeclaredAt,
    [property: Id(3)] string DeclaredBy);

[GenerateSerializer, Immutable, Alias("samples.inspectors.past-inspection.v1")]
public sealed record PastInspection(
    [property: Id(0)] string Uscc,
    [property: Id(1)] DateOnly Date);

[GenerateSerializer, Immutable, Alias("samples.inspectors.result.v1")]
public sealed record InspectorResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] InspectorView? Inspector,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
