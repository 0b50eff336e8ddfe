namespace Samples.Contracts.Tasks;

/// <summary>Where a task stands. The last four are ends: the task goes no further.</summary>
public enum TaskStage
{
    Assigned,
    Accepted,
    Sampled,
    HandedOver,
    Received,
    Testing,
    Tested,
    Reported,
    Notified,
    Objected,
    RetestAssigned,
    RetestReceived,
    Concluded,
    Published,
    CannotSample,
    Refused,
}

/// <summary>
/// A task as stored and shown: the target, the team, what was sampled, custody, results and verdicts, the objection
/// and re-test, conclusion and publication, the disposal of a failed product, the deadline now running, and the
/// hash-chained history of every change with who made it.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.view.v1")]
public sealed record TaskView(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string DrawId,
    [property: Id(2)] string PlanId,
    [property: Id(3)] string Uscc,
    [property: Id(4)] string Category,
    [property: Id(5)] string Region,
    [property: Id(6)] string Regime,
    [property: Id(7)] TaskStage Stage,
    [property: Id(8)] int Version,
    [property: Id(9)] IReadOnlyList<TeamMember> Team,
    [property: Id(10)] DateOnly AssignedOn,
    [property: Id(11)] SamplingFacts? Sampling,
    [property: Id(12)] IReadOnlyList<CustodyStep> Custody,
    [property: Id(13)] string? LabId,
    [property: Id(14)] IReadOnlyList<ItemResult> Results,
    [property: Id(15)] VerdictView? Verdict,
    [property: Id(16)] ReportFacts? Report,
    [property: Id(17)] DateOnly? NotifiedOn,
    [property: Id(18)] DueDate? ObjectionDeadline,
    [property: Id(19)] ObjectionFacts? Objection,
    [property: Id(20)] RetestFacts? Retest,
    [property: Id(21)] VerdictView? FinalVerdict,
    [property: Id(22)] DateOnly? ConcludedOn,
    [property: Id(23)] DueDate? PublicationDeadline,
    [property: Id(24)] DateOnly? PublishedOn,
    [property: Id(25)] bool PublishedLate,
    [property: Id(26)] DisposalCase? Disposal,
    [property: Id(27)] DueDate? Due,
    [property: Id(28)] IReadOnlyList<string> Overdue,
    [property: Id(29)] string? NextStep,
    [property: Id(30)] IReadOnlyList<TaskHistoryEntry> History,
    [property: Id(31)] string? Replaces = null,
    [property: Id(32)] string? Outcome = null,
    [property: Id(33)] int Resamples = 0,
    [property: Id(34)] TargetedBasis? Targeted = null,
    [property: Id(35)] Samples.Contracts.Plans.PlanPurpose Purpose = Samples.Contracts.Plans.PlanPurpose.Supervision)
{
    /// <summary>"random" (drawn) or "targeted" (opened by a supervisor for the reason in <see cref="Targeted"/>).</summary>
    public string Basis => Targeted is null ? TaskBasis.Random : TaskBasis.Targeted;

    /// <summary>The verdict the conclusion rests on: the re-test's where there was one, else the first.</summary>
    public VerdictView? ConcludedVerdict => ConcludedOn is null ? null : FinalVerdict ?? Verdict;

    /// <summary>The SHA-256 at the head of the task's history chain.</summary>
    public string HeadSha256 => History.Count == 0 ? TaskHistoryEntry.Genesis : History[^1].Sha256;

    public bool IsMember(string? inspector) => inspector is not null && Team.Any(m => m.InspectorId == inspector && m.Status != TeamMember.Withdrawn);
}

[GenerateSerializer, Immutable, Alias("samples.tasks.team-member.v1")]
public sealed record TeamMember(
    [property: Id(0)] string InspectorId,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Reason = null)
{
    public const string Assigned = "assigned";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
}

[GenerateSerializer, Immutable, Alias("samples.tasks.sampling.v1")]
public sealed record SamplingFacts(
    [property: Id(0)] string BatchId,
    [property: Id(1)] decimal TestQuantity,
    [property: Id(2)] decimal ReserveQuantity,
    [property: Id(3)] string Unit,
    [property: Id(4)] IReadOnlyList<string> Seals,
    [property: Id(5)] bool SignedByEnterprise,
    [property: Id(6)] string? RefusedToSignNote,
    [property: Id(7)] DateOnly SampledOn,
    [property: Id(8)] IReadOnlyList<string> SampledBy,
    [property: Id(9)] IReadOnlyDictionary<string, string> Variants,
    [property: Id(10)] IReadOnlyDictionary<string, decimal> Properties,
    [property: Id(11)] string SameProduct,
    [property: Id(12)] IReadOnlyList<PhotoRef>? Photos = null);

/// <summary>One change of hands of a sample: who gave it, to whom, when, and what the receiver found.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.custody.v1")]
public sealed record CustodyStep(
    [property: Id(0)] string Sample,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Event,
    [property: Id(5)] string? Note = null);

[GenerateSerializer, Immutable, Alias("samples.tasks.verdict.v1")]
public sealed record VerdictView(
    [property: Id(0)] string Outcome,
    [property: Id(1)] string Summary,
    [property: Id(2)] int CatalogueVersion,
    [property: Id(3)] IReadOnlyList<ItemVerdictView> Items);

[GenerateSerializer, Immutable, Alias("samples.tasks.item-verdict.v1")]
public sealed record ItemVerdictView(
    [property: Id(0)] string Item,
    [property: Id(1)] string Outcome,
    [property: Id(2)] bool Required,
    [property: Id(3)] string Reason);

[GenerateSerializer, Immutable, Alias("samples.tasks.report.v1")]
public sealed record ReportFacts(
    [property: Id(0)] string Number,
    [property: Id(1)] DateOnly IssuedOn,
    [property: Id(2)] string LabId);

[GenerateSerializer, Immutable, Alias("samples.tasks.objection.v1")]
public sealed record ObjectionFacts(
    [property: Id(0)] DateOnly FiledOn,
    [property: Id(1)] IReadOnlyList<string> Items,
    [property: Id(2)] string Reason);

/// <summary>
/// The re-test: its lab, and when it was drawn, how (seed = the task's history head when the objection was filed; the
/// candidates in order of their tickets), so anyone can recompute the choice with <c>samples tickets</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.retest.v1")]
public sealed record RetestFacts(
    [property: Id(0)] string LabId,
    [property: Id(1)] bool Drawn,
    [property: Id(2)] string? Seed,
    [property: Id(3)] IReadOnlyList<string> CandidatesInTicketOrder,
    [property: Id(4)] DateOnly AssignedOn,
    [property: Id(5)] IReadOnlyList<ItemResult> Results,
    [property: Id(6)] bool ReserveInvalid = false);

/// <summary>A deadline: the last day, who must act, what is due, and the rule; or a flag when the calendar cannot tell.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.due.v1")]
public sealed record DueDate(
    [property: Id(0)] DateOnly? On,
    [property: Id(1)] string Owner,
    [property: Id(2)] string What,
    [property: Id(3)] string Rule,
    [property: Id(4)] string? Flag = null);

/// <summary>
/// A failed product's disposal (Order 18 Arts 45-49): stop at once, rectify within 60 days of the order, re-inspection
/// within 75 days; on a second failure a provincial notice and a second re-inspection between day 60 and 90 after it.
/// A product made by a producer registered outside Qinghai (<see cref="ProducerElsewhere"/>) is also handed to that
/// producer's regulator (Art 44): when, and to whom.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.disposal.v1")]
public sealed record DisposalCase(
    [property: Id(0)] DateOnly OpenedOn,
    [property: Id(1)] DateOnly? OrderedOn,
    [property: Id(2)] DateOnly? RectifiedOn,
    [property: Id(3)] DateOnly? ReinspectedOn,
    [property: Id(4)] bool? ReinspectionPassed,
    [property: Id(5)] DateOnly? NoticeOn,
    [property: Id(6)] DateOnly? SecondReinspectedOn,
    [property: Id(7)] bool? SecondPassed,
    [property: Id(8)] string Status,
    [property: Id(9)] IReadOnlyList<string> Late,
    [property: Id(10)] IReadOnlyList<PhotoRef>? Evidence = null,
    [property: Id(11)] string? ProducerElsewhere = null,
    [property: Id(12)] DateOnly? ProducerRegulatorNotifiedOn = null,
    [property: Id(13)] string? ProducerRegulator = null)
{
    public const string Open = "open: stop producing and selling at once, rectification to be ordered";
}

/// <summary>
/// One change to the task, chained: <see cref="Sha256"/> = SHA-256 of the previous entry's hash, a line feed and
/// <see cref="Text"/>. The first entry's previous hash is <see cref="Genesis"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.history.v1")]
public sealed record TaskHistoryEntry(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] string Detail,
    [property: Id(5)] string PreviousSha256,
    [property: Id(6)] string Sha256)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public string Text => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Version}|{At.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}|{Actor}|{Action}|{Detail}");
}
