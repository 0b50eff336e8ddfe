namespace Samples.Contracts.Directory;

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
    [property: Id(5)] string RequestedBy)
{
    [Id(6)]
    public EnterpriseKind Kind { get; init; } = EnterpriseKind.Producer;

    [Id(7)]
    public IReadOnlyList<string> Categories { get; init; } = [];

    [Id(8)]
    public IReadOnlyList<string> Licences { get; init; } = [];

    [Id(9)]
    public bool KeySupervision { get; init; }

    [Id(10)]
    public RiskClass RiskClass { get; init; } = RiskClass.B;
}
