
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
