using Samples.Contracts.Tasks;

namespace Samples.Contracts.Draws;

/// <summary>
/// Event: a step of a draw was taken (commit, contribution, draw, supplement, or a repeated request), as an entry of the
/// draw's own hash chain, so the audit trail holds every draw step next to every task change. <see cref="EventId"/> is
/// <c>{drawId}#{n}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.draws.step-recorded.v1")]
public sealed record DrawStepRecorded(
    [property: Id(0)] string EventId,
    [property: Id(1)] string DrawId,
    [property: Id(2)] TaskHistoryEntry Entry);
