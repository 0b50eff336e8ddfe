
namespace Samples.Contracts.Directory;

/// <summary>Moves an enterprise to another status (deregistered, abnormal-operation list, or back to active), with the reason.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.change-status.v1")]
public sealed record ChangeEnterpriseStatus(
    [property: Id(0)] EnterpriseStatus Status,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy);
