namespace Samples.Contracts.Draws;

/// <summary>
/// One draw (抽取), keyed by its id <c>{planId}:R{round}</c>. Steps: commit (frames frozen, nonce generated, commitment
/// published), contributions of outside entropy until the deadline, draw (nonce revealed, bundle stored). A draw is never
/// deleted or redone; commit and draw are idempotent. The nonce stays secret until the draw. Draw-library values travel
/// as their JSON (<c>Samples.Draw.DrawBundle.Json</c> options), since contracts do not depend on the library.
/// </summary>
[Alias("samples.draws.draw")]
public interface IDrawGrain : IGrainWithStringKey
{
    [Alias("CommitAsync")]
    Task<DrawAnswer> CommitAsync(CommitDraw request);

    [Alias("ContributeAsync")]
    Task<DrawAnswer> ContributeAsync(ContributeEntropy contribution);

    [Alias("DrawAsync")]
    Task<DrawAnswer> DrawAsync(RevealDraw request);

    /// <summary>
    /// Supplements a drawn draw, never redoing it: a team member withdrawn (the pool's stream continues to a replacer),
    /// or a target that cannot be sampled (the stratum's next alternate takes its place). The bundle grows by one step.
    /// </summary>
    [Alias("SupplementAsync")]
    Task<DrawAnswer> SupplementAsync(SupplementDraw request);

    /// <summary>The bundle's JSON, or null until drawn.</summary>
    [Alias("GetBundleAsync")]
    Task<string?> GetBundleAsync();

    /// <summary>A frozen frame's canonical text (<see cref="DrawFrame"/>), public from the commitment on; null before it.</summary>
    [Alias("GetFrameAsync")]
    Task<string?> GetFrameAsync(DrawFrame frame);

    /// <summary>The status, or null for a draw never committed.</summary>
    [Alias("GetStatusAsync")]
    Task<DrawStatus?> GetStatusAsync();
}

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

/// <summary>The three frames a commitment freezes (draw/spec/draw-spec.md section 2).</summary>
public enum DrawFrame
{
    Targets,
    Inspectors,
    Exclusions,
}

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

/// <summary>When the scheduler meant a step to run, and how much later still counts as on time (its misfire threshold).</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.step-schedule.v1")]
public sealed record StepSchedule(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] TimeSpan LateAfter);

/// <summary>Reveal the nonce and draw; <see cref="Schedule"/> is the round time when the scheduler asks (lateness is recorded against it).</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.reveal.v1")]
public sealed record RevealDraw(
    [property: Id(0)] string RequestedBy,
    [property: Id(1)] StepSchedule? Schedule = null);

/// <summary>One request to a step of the draw, kept in order: who, when, what came of it, and how late against its schedule.</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.step-record.v1")]
public sealed record DrawStepRecord(
    [property: Id(0)] string Step,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Outcome,
    [property: Id(4)] DateTimeOffset? ScheduledFor,
    [property: Id(5)] TimeSpan? LateBy)
{
    public const string Done = "done";
    public const string Repeat = "repeat: answered with what was already done";
}

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

/// <summary>Why a step was refused: <see cref="NotCommitted"/> (404), <see cref="WrongStep"/> (409), <see cref="Invalid"/> (400, with a field).</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.refusal.v1")]
public sealed record DrawRefusal(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Field,
    [property: Id(2)] string Reason)
{
    public const string NotCommitted = "not-committed";
    public const string WrongStep = "wrong-step";
    public const string Invalid = "invalid";
}

/// <summary>The answer of a step: the status after it, or the refusal; <see cref="Created"/> is false when an idempotent step had already happened.</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.answer.v1")]
public sealed record DrawAnswer(
    [property: Id(0)] DrawStatus? Status,
    [property: Id(1)] DrawRefusal? Refusal,
    [property: Id(2)] bool Created);

/// <summary>
/// A draw's public status. <see cref="CommitmentJson"/> never contains the nonce (only its hash); <see cref="CommitmentSha256"/>
/// is the commitment's own hash, the value announced before the draw that <c>samples verify --commitment</c> checks.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.draws.status.v1")]
public sealed record DrawStatus(
    [property: Id(0)] string DrawId,
    [property: Id(1)] string Step,
    [property: Id(2)] string CommitmentJson,
    [property: Id(3)] DateTimeOffset CommittedAt,
    [property: Id(4)] DateTimeOffset EntropyDeadline,
    [property: Id(5)] int Contributions,
    [property: Id(6)] DateTimeOffset? RevealedAt,
    [property: Id(7)] int PlanVersion,
    [property: Id(8)] IReadOnlyList<DrawStepRecord> Steps,
    [property: Id(9)] string CommitmentSha256 = "")
{
    /// <summary>True when the commitment or the draw ran later than scheduled (a trigger missed while the silo was down).</summary>
    public bool Late => Steps.Any(s => s.LateBy is not null);

    public const string Committed = "committed";
    public const string Drawn = "drawn";
}

/// <summary>Every draw id with its step, kept by the draw grains; key <see cref="Key"/>.</summary>
[Alias("samples.draws.registry")]
public interface IDrawRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("RecordAsync")]
    Task RecordAsync(DrawIndexEntry entry);

    [Alias("ListAsync")]
    Task<IReadOnlyList<DrawIndexEntry>> ListAsync();

    /// <summary>Whether the draw was ever committed: public requests for any other id are answered without touching a draw grain.</summary>
    [Alias("ContainsAsync")]
    Task<bool> ContainsAsync(string drawId);
}

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

/// <summary>
/// Supplements a supervisor asks for without a recorded task event (a decline, a withdrawal, a target that cannot be
/// sampled) wait here for a second supervisor's approval: the same request from another credential. Keyed by draw id.
/// </summary>
[Alias("samples.draws.supplement-approvals")]
public interface ISupplementApprovalGrain : IGrainWithStringKey
{
    /// <summary>Records the request, or approves one another credential made; returns who proposed it when approved, else null.</summary>
    [Alias("ProposeAsync")]
    Task<string?> ProposeAsync(string proposal, string keyId, string by);
}
