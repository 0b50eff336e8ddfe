namespace Samples.Contracts.Draws;

/// <summary>
/// What a commit freezes: canonical frame texts, the rule set, recusal facts (JSON of the library's types), the draw date,
/// the entropy deadline, and optionally a beacon (a drand chain, and its round or by default one in the window's middle).
/// A commit whose teams cannot all be staffed is refused unless <see cref="AllowShortTeams"/>; then the shortfall is published.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.draws.commit.v1")]
public sealed record CommitDraw(
    [property: Id(0)] string TargetsText,
    [property: Id(1)] string InspectorsText,
    [property: Id(2)] string ExclusionsText,
    [property: Id(3)] string RulesJson,
    [property: Id(4)] string ConflictsJson,
    [property: Id(5)] string InspectionsJson,
    [property: Id(6)] DateOnly DrawDate,
    [property: Id(7)] DateTimeOffset EntropyDeadline,
    [property: Id(8)] string RequestedBy,
    [property: Id(9)] int PlanVersion,
    [property: Id(10)] StepSchedule? Schedule = null,
    [property: Id(11)] string? AuditHeadSha256 = null,
    [property: Id(12)] string? BeaconChain = null,
    [property: Id(13)] long? BeaconRound = null,
    [property: Id(14)] bool AllowShortTeams = false);
