namespace Samples.Contracts.Tasks;

/// <summary>What can be done to a task. Each action names its owner in its summary; the workflow enforces it.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.action")]
public abstract record TaskAction
{
    /// <summary>The action's name as the audit trail and the API write it (kebab case).</summary>
    public abstract string Name { get; }
}

/// <summary>System (the draw): creates the task with the drawn team. Repeating it with the same facts changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.assign.v1")]
public sealed record AssignTask(
    [property: Id(0)] string DrawId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] string Uscc,
    [property: Id(3)] string Category,
    [property: Id(4)] string Region,
    [property: Id(5)] IReadOnlyList<string> Team,
    [property: Id(6)] string? Replaces = null) : TaskAction
{
    public override string Name => "assign";
}

/// <summary>Inspector in the team: accepts the task.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.accept.v1")]
public sealed record AcceptTask : TaskAction
{
    public override string Name => "accept";
}

/// <summary>Inspector in the team: declines with a reason (recusal, illness); the draw's walk supplies the replacement.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.decline.v1")]
public sealed record DeclineTask([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "decline";
}

/// <summary>System (the draw's completion of a short team): the inspector the pool's stream gave takes an empty seat.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.complete-team.v1")]
public sealed record CompleteTeam([property: Id(0)] string Inspector) : TaskAction
{
    public override string Name => "complete-team";
}

/// <summary>System (the draw's supplement): the member who declined is replaced; no replacer means the pool is exhausted.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.replace-member.v1")]
public sealed record ReplaceMember([property: Id(0)] string Withdrawn, [property: Id(1)] string? Replacer) : TaskAction
{
    public override string Name => "replace-member";
}

/// <summary>Inspector in the team: what was sampled, sealed and signed.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.record-sampling.v1")]
public sealed record RecordSampling(
    [property: Id(0)] string BatchId,
    [property: Id(1)] decimal TestQuantity,
    [property: Id(2)] decimal ReserveQuantity,
    [property: Id(3)] string Unit,
    [property: Id(4)] IReadOnlyList<string> Seals,
    [property: Id(5)] bool SignedByEnterprise,
    [property: Id(6)] string? RefusedToSignNote,
    [property: Id(7)] DateOnly SampledOn,
    [property: Id(8)] IReadOnlyDictionary<string, string>? Variants = null,
    [property: Id(9)] IReadOnlyDictionary<string, decimal>? Properties = null) : TaskAction
{
    public const string ActionName = "record-sampling";

    public override string Name => ActionName;
}

/// <summary>Inspector in the team: the target cannot be sampled (no such product, not for sale, lot too small); the stratum's next alternate is used.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.cannot-sample.v1")]
public sealed record CannotSample([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "cannot-sample";
}

/// <summary>Inspector in the team: the enterprise refused a lawful sampling; the legal consequence is recorded.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.enterprise-refused.v1")]
public sealed record EnterpriseRefused([property: Id(0)] string Reason) : TaskAction
{
    public override string Name => "enterprise-refused";
}

/// <summary>Inspector in the team: the samples are handed to the lab (custody passes).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.hand-over.v1")]
public sealed record HandOver([property: Id(0)] string LabId) : TaskAction
{
    public override string Name => "hand-over";
}

/// <summary>The lab the samples were handed to (or the re-test lab): receipt with the seal check.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.receive.v1")]
public sealed record ReceiveSample(
    [property: Id(0)] bool SealsIntact,
    [property: Id(1)] IReadOnlyList<string> SealsSeen,
    [property: Id(2)] string? Note = null) : TaskAction
{
    public override string Name => "receive";
}

/// <summary>The task's lab: results item by item (several posts may complete the set; a posted item is not changed).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.post-results.v1")]
public sealed record PostResults([property: Id(0)] IReadOnlyList<ItemResult> Items) : TaskAction
{
    public override string Name => "post-results";
}

/// <summary>
/// One item's result. <see cref="Kind"/>: <c>value</c> (with <see cref="Value"/>), <c>not-detected</c> (optionally the
/// detection limit), <c>detected</c>, <c>conforms</c> or <c>does-not-conform</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.item-result.v1")]
public sealed record ItemResult(
    [property: Id(0)] string Item,
    [property: Id(1)] string Kind,
    [property: Id(2)] decimal? Value = null,
    [property: Id(3)] string? ReportedAs = null,
    [property: Id(4)] decimal? DetectionLimit = null,
    [property: Id(5)] string? Note = null)
{
    public static readonly IReadOnlyList<string> Kinds = ["value", "not-detected", "detected", "conforms", "does-not-conform"];
}

/// <summary>The task's lab: the test report is issued once every required result is in.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.issue-report.v1")]
public sealed record IssueReport([property: Id(0)] string ReportNumber) : TaskAction
{
    public override string Name => "issue-report";
}

/// <summary>Supervisor: the enterprise received the result in writing on this day; the objection window starts.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.notify-enterprise.v1")]
public sealed record NotifyEnterprise([property: Id(0)] DateOnly ReceivedOn) : TaskAction
{
    public override string Name => "notify-enterprise";
}

/// <summary>Supervisor: the enterprise objected in time to these items.</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.file-objection.v1")]
public sealed record FileObjection(
    [property: Id(0)] DateOnly FiledOn,
    [property: Id(1)] IReadOnlyList<string> Items,
    [property: Id(2)] string Reason) : TaskAction
{
    public override string Name => "file-objection";
}

/// <summary>
/// Supervisor: the re-test lab. Where the regime draws it at random, <see cref="LabId"/> is left out and the lab is drawn
/// from the re-test list with the draw library (seed and candidates recorded); otherwise it is named.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.assign-retest.v1")]
public sealed record AssignRetest([property: Id(0)] string? LabId) : TaskAction
{
    public override string Name => "assign-retest";
}

/// <summary>Supervisor: concludes once the objection window has closed without objection (or the re-test could not be done).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.conclude.v1")]
public sealed record ConcludeTask : TaskAction
{
    public override string Name => "conclude";
}

/// <summary>Supervisor: the result goes on the public list (一公开).</summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.publish.v1")]
public sealed record PublishResult : TaskAction
{
    public override string Name => "publish";
}

/// <summary>
/// Supervisor: a step of a failed product's disposal (Order 18 Arts 45-49): <c>rectification-ordered</c>,
/// <c>rectified</c>, <c>reinspected</c> (with <see cref="Passed"/>), <c>provincial-notice</c>,
/// <c>second-reinspection</c> (with <see cref="Passed"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.record-disposal.v1")]
public sealed record RecordDisposal(
    [property: Id(0)] string Step,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] bool? Passed = null,
    [property: Id(3)] string? Note = null) : TaskAction
{
    public override string Name => "record-disposal";

    public static readonly IReadOnlyList<string> Steps = ["rectification-ordered", "rectified", "reinspected", "provincial-notice", "second-reinspection"];
}
