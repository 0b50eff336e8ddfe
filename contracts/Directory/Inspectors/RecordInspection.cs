
namespace Samples.Contracts.Directory;

[GenerateSerializer, Immutable, Alias("samples.inspectors.record-inspection.v1")]
public sealed record RecordInspection(
    [property: Id(0)] string Uscc,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string RequestedBy);
