namespace Samples.Contracts.Draws;

[GenerateSerializer, Immutable, Alias("samples.draws.index-entry.v1")]
public sealed record DrawIndexEntry(
    [property: Id(0)] string DrawId,
    [property: Id(1)] string Step,
    [property: Id(2)] DateTimeOffset CommittedAt,
    [property: Id(3)] DateTimeOffset? RevealedAt,
    [property: Id(4)] bool Late = false,
    [property: Id(5)] bool OutsideEntropy = false,
    [property: Id(6)] string CommitmentSha256 = "",
    [property: Id(7)] string? BundleSha256 = null,
    [property: Id(8)] string? AuditHeadSha256 = null);
