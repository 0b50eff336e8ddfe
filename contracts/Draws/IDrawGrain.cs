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

    /// <summary>How many steps the draw's audit chain holds (the version its audit stream should reach); 0 for none.</summary>
    [Alias("GetAuditVersionAsync")]
    Task<int> GetAuditVersionAsync();

    /// <summary>Publishes the audited steps it keeps again (the reconciliation check's repair); answers how many.</summary>
    [Alias("RepublishAuditAsync")]
    Task<int> RepublishAuditAsync();
}

/// <summary>The three frames a commitment freezes (draw/spec/draw-spec.md section 2).</summary>
public enum DrawFrame
{
    Targets,
    Inspectors,
    Exclusions,
}

/// <summary>When the scheduler meant a step to run, and how much later still counts as on time (its misfire threshold).</summary>
[GenerateSerializer, Immutable, Alias("samples.draws.step-schedule.v1")]
public sealed record StepSchedule(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] TimeSpan LateAfter);

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
