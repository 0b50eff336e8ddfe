using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Contracts.Plans;

/// <summary>
/// What one department (组织抽检的部门) has sampled, keyed by the department's name as plans write it. Frames read it for
/// Order 18's 6-month rule and for recusal of inspectors who inspected an enterprise recently. Records come from the
/// sampling workflow and, for the time before this system, from the department's own records through the API.
/// A record is never changed: the same batch again with other facts is refused.
/// </summary>
[Alias("samples.samplings.history")]
public interface ISamplingHistoryGrain : IGrainWithStringKey
{
    /// <summary>Adds records, all or none: any problem (by index and field) leaves the history as it was.</summary>
    [Alias("RecordAsync")]
    Task<SamplingHistoryResult> RecordAsync(IReadOnlyList<SamplingRecord> records, DateOnly today, string requestedBy);

    /// <summary>Records sampled on or after <paramref name="from"/>, oldest first.</summary>
    [Alias("SinceAsync")]
    Task<IReadOnlyList<SamplingRecord>> SinceAsync(DateOnly from);
}

/// <summary>
/// One sampling: which batch, at which enterprise and in which category, the same-product identity (producer | standard |
/// trademark | spec, as <c>SameProductKey.Text</c>), the day, the inspectors who sampled, and whether it was a follow-up
/// of a failed product (跟踪抽检).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.samplings.record.v1")]
public sealed record SamplingRecord(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string EnterpriseUscc,
    [property: Id(2)] string Category,
    [property: Id(3)] string SameProduct,
    [property: Id(4)] DateOnly SampledOn,
    [property: Id(5)] IReadOnlyList<string> Inspectors,
    [property: Id(6)] bool FollowUp);

[GenerateSerializer, Immutable, Alias("samples.samplings.result.v1")]
public sealed record SamplingHistoryResult(
    [property: Id(0)] int Added,
    [property: Id(1)] int AlreadyRecorded,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
