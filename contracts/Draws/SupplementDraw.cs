namespace Samples.Contracts.Draws;

/// <summary>
/// A supplement: with <see cref="InspectorId"/>, that inspector withdraws from the target's team; without it, the target
/// cannot be sampled and gives way to an alternate; with <see cref="CompleteTeam"/>, an empty seat of the target's short
/// team is filled from its pool's stream. The reason is published in the bundle.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.draws.supplement.v1")]
public sealed record SupplementDraw(
    [property: Id(0)] string TargetId,
    [property: Id(1)] string? InspectorId,
    [property: Id(2)] string Reason,
    [property: Id(3)] string RequestedBy,
    [property: Id(4)] bool CompleteTeam = false);
