
namespace Samples.Contracts.Directory;

[GenerateSerializer, Immutable, Alias("samples.inspectors.declare-conflict.v1")]
public sealed record DeclareConflict(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy);
