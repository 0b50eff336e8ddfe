namespace Samples.Contracts.Enterprises;

/// <summary>
/// A request to put an enterprise in the directory. <see cref="UsccOverrideReason"/> lets a supervisor
/// register a legal code that fails its check characters (early pilot codes); the reason is recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.register-enterprise.v1")]
public sealed record RegisterEnterprise(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Address,
    [property: Id(3)] string? RegionCode,
    [property: Id(4)] string? UsccOverrideReason,
    [property: Id(5)] string RequestedBy);
