using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

/// <summary>
/// Changes to an enterprise's directory entry; null fields stay as they are. Every applied change is
/// kept in the enterprise's history with who made it.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.update-enterprise.v1")]
public sealed record UpdateEnterprise(
    [property: Id(0)] string RequestedBy,
    [property: Id(1)] string? Name = null,
    [property: Id(2)] string? Address = null,
    [property: Id(3)] string? RegionCode = null,
    [property: Id(4)] EnterpriseKind? Kind = null,
    [property: Id(5)] IReadOnlyList<string>? Categories = null,
    [property: Id(6)] IReadOnlyList<string>? Licences = null,
    [property: Id(7)] bool? KeySupervision = null);

/// <summary>Moves an enterprise to another status (deregistered, abnormal-operation list, or back to active), with the reason.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.change-status.v1")]
public sealed record ChangeEnterpriseStatus(
    [property: Id(0)] EnterpriseStatus Status,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy);

/// <summary>The monthly credit-risk class of an enterprise, for the month given as yyyy-MM.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.set-risk-class.v1")]
public sealed record SetRiskClass(
    [property: Id(0)] string Month,
    [property: Id(1)] RiskClass RiskClass,
    [property: Id(2)] string RequestedBy);

public enum EnterpriseChangeStatus
{
    Changed = 0,

    /// <summary>The request asked for what was already so: nothing changed.</summary>
    Unchanged = 1,

    NotRegistered = 2,
    Invalid = 3,
}

[GenerateSerializer, Immutable, Alias("samples.enterprises.change-result.v1")]
public sealed record EnterpriseChangeResult(
    [property: Id(0)] EnterpriseChangeStatus Status,
    [property: Id(1)] EnterpriseView? Enterprise,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
