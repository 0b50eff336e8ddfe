
namespace Samples.Contracts.Directory;

/// <summary>The monthly credit-risk class of an enterprise, for the month given as yyyy-MM.</summary>
[GenerateSerializer, Immutable, Alias("samples.enterprises.set-risk-class.v1")]
public sealed record SetRiskClass(
    [property: Id(0)] string Month,
    [property: Id(1)] RiskClass RiskClass,
    [property: Id(2)] string RequestedBy);
