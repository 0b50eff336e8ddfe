namespace Samples.Contracts.Directory;

/// <summary>What callers see of an enterprise.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.enterprise-view.v1")]
public sealed record EnterpriseView(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Address,
    [property: Id(3)] string? RegionCode,
    [property: Id(4)] DateTimeOffset RegisteredAt,
    [property: Id(5)] string RegisteredBy,
    [property: Id(6)] UsccOverride? UsccOverride,
    [property: Id(7)] IReadOnlyList<EnterpriseChange> History)
{
    [Id(8)]
    public EnterpriseKind Kind { get; init; }

    [Id(9)]
    public IReadOnlyList<string> Categories { get; init; } = [];

    [Id(10)]
    public IReadOnlyList<string> Licences { get; init; } = [];

    [Id(11)]
    public EnterpriseStatus Status { get; init; }

    [Id(12)]
    public bool KeySupervision { get; init; }

    [Id(13)]
    public RiskClass RiskClass { get; init; }

    [Id(14)]
    public IReadOnlyList<RiskClassEntry> RiskHistory { get; init; } = [];
}

/// <summary>A registration accepted although the code failed validation: who allowed it, why, and what failed.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.uscc-override.v1")]
public sealed record UsccOverride(
    [property: Id(0)] string Reason,
    [property: Id(1)] string ApprovedBy,
    [property: Id(2)] DateTimeOffset ApprovedAt,
    [property: Id(3)] string ValidationProblem);

/// <summary>One entry of an enterprise's history: every change is kept.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.enterprise-change.v1")]
public sealed record EnterpriseChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] string What);

/// <summary>The risk class in force from a month (yyyy-MM) on.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.risk-class-entry.v1")]
public sealed record RiskClassEntry(
    [property: Id(0)] string Month,
    [property: Id(1)] RiskClass RiskClass,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By);
