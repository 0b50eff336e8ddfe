namespace Samples.Contracts.Tasks;

/// <summary>
/// Why a task was chosen rather than drawn (重点检查): the reason's kind (from <see cref="TaskBasis.ReasonKinds"/>), its
/// reference (the complaint or report number, the risk-monitoring signal, the failed result followed up, the higher-level
/// assignment's document number), the evidence in words and by SHA-256 of the files kept where they came from, and who
/// opened it on which day (China). A task without it was drawn.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.targeted.v1")]
public sealed record TargetedBasis(
    [property: Id(0)] string ReasonKind,
    [property: Id(1)] string Reference,
    [property: Id(2)] string Evidence,
    [property: Id(3)] IReadOnlyList<string> EvidenceSha256,
    [property: Id(4)] string OpenedBy,
    [property: Id(5)] DateOnly OpenedOn);

/// <summary>How a task came to be: drawn at random, or opened by a supervisor for a stated reason.</summary>
public static class TaskBasis
{
    public const string Random = "random";
    public const string Targeted = "targeted";

    /// <summary>Complaint or report (投诉举报): the reference is its number.</summary>
    public const string Complaint = "complaint";

    /// <summary>A risk-monitoring signal (风险监测).</summary>
    public const string RiskSignal = "risk-signal";

    /// <summary>A follow-up of a failed product (不合格产品跟踪).</summary>
    public const string FailedFollowUp = "failed-follow-up";

    /// <summary>Assigned by a higher-level authority (上级交办).</summary>
    public const string HigherLevel = "higher-level";

    /// <summary>The fixed list of reasons a targeted task may have; anything else is refused.</summary>
    public static readonly IReadOnlyList<string> ReasonKinds = [Complaint, RiskSignal, FailedFollowUp, HigherLevel];

    /// <summary>Targeted task ids begin so; a drawn task's id is <c>{drawId}:{uscc}:{category}</c>, which never does.</summary>
    public const string TargetedPrefix = "TGT-";

    public static bool IsTargeted(string taskId) => taskId.StartsWith(TargetedPrefix, StringComparison.Ordinal);

    /// <summary>
    /// <c>TGT-{plan}-{uscc}-{k}</c>: the plan, the enterprise and the first 10 hexadecimal digits of the SHA-256 of the
    /// request's idempotency key (as scoped to its credential). A retry, even days later, names the same task and so
    /// opens no second one; another request is another key and another task. (The day it was opened is in the task.)
    /// </summary>
    public static string TargetedId(string planId, string uscc, string requestKey) =>
        $"{TargetedPrefix}{planId}-{uscc}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(requestKey)))[..10]}";
}
