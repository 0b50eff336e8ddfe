using Samples.Contracts.Access;
using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>Who is told what after a task change: inspectors' and labs' inboxes, supervisors, and written notices to the enterprise.</summary>
public static class TaskNotices
{
    public const string Enterprise = "enterprise";
    public const string Supervisors = "supervisors";

    public sealed record Notice(string RecipientKind, string Recipient, string Message);

    public static IReadOnlyList<Notice> For(SamplingTaskChanged e)
    {
        var t = e.Task;
        var what = $"{t.TaskId}: {t.Category} at {t.Uscc}";
        return e.Entry.Action switch
        {
            "assign" => t.Team.Select(i => new Notice(Role.Inspector, i, $"new task {what}")).ToArray(),
            OpenTargetedTask.ActionName => t.Team.Select(i => new Notice(Role.Inspector, i, $"new targeted task {what} ({t.TargetedReason})")).ToArray(),
            "replace-member" or "complete-team" => t.Team.Select(i => new Notice(Role.Inspector, i, $"team of {what} changed: {e.Entry.Detail}")).ToArray(),
            "hand-over" when t.LabId is not null => [new Notice(Role.Lab, t.LabId, $"samples of {what} are on their way: {e.Entry.Detail}")],
            "assign-retest" when t.RetestLabId is not null => [new Notice(Role.Lab, t.RetestLabId, $"re-test of {what}: {e.Entry.Detail}")],
            "receive" when t.Stage == TaskStage.Accepted => t.Team.Select(i => new Notice(Role.Inspector, i, $"sample of {what} rejected by the lab, sample again: {e.Entry.Detail}")).ToArray(),
            "notify-enterprise" => [new Notice(Enterprise, t.Uscc, $"result of sampling {what}, with your rights: {e.Entry.Detail}")],
            "publish" => [new Notice(Enterprise, t.Uscc, $"result of {what} published ({t.Outcome})")],
            // Risk monitoring orders nothing: the enterprise is not told to stop, and the supervisors get a risk signal.
            "conclude" when t.Purpose == Samples.Contracts.Plans.PlanPurpose.RiskMonitoring => t.Outcome == "fail"
                ? [new Notice(Supervisors, Supervisors, $"{what}: 风险监测不合格 risk-monitoring result failed, a risk signal: a targeted inspection ({TaskBasis.RiskSignal}) may follow")]
                : [],
            "conclude" or "post-results" when t.Stage == TaskStage.Concluded && t.Outcome == "fail" =>
                [new Notice(Enterprise, t.Uscc, $"{what} failed: stop producing and selling the product at once (Order 18 Art 45)"), new Notice(Supervisors, Supervisors, $"{what} failed: disposal case open")],
            "decline" or "cannot-sample" or "enterprise-refused" or "file-objection" or SubmitRectification.ActionName => [new Notice(Supervisors, Supervisors, $"{what}: {e.Entry.Action}: {e.Entry.Detail}")],
            "overdue" => Owners(t, $"overdue on {t.TaskId}: {e.Entry.Detail}"),
            FlaggedDeadlines.Action => Owners(t, $"deadline now known on {t.TaskId}: {e.Entry.Detail}"),
            _ => [],
        };
    }

    /// <summary>Whoever owes the running deadline, and the supervisors.</summary>
    private static Notice[] Owners(TaskSummary t, string message)
    {
        return t.Due?.Owner switch
        {
            Role.Inspector => [.. t.Team.Select(i => new Notice(Role.Inspector, i, message)), new Notice(Supervisors, Supervisors, message)],
            Role.Lab when (t.RetestLabId ?? t.LabId) is { } lab => [new Notice(Role.Lab, lab, message), new Notice(Supervisors, Supervisors, message)],
            _ => [new Notice(Supervisors, Supervisors, message)],
        };
    }
}
