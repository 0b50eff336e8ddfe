namespace Samples.Contracts.Draws;

/// <summary>
/// Outside entropy; with <see cref="BeaconRound"/>, the value of the beacon round the commitment named (the source is then
/// the commitment's, not the caller's).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.draws.contribute.v1")]
public sealed record ContributeEntropy(
    [property: Id(0)] string Source,
    [property: Id(1)] string Value,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] long? BeaconRound = null);
