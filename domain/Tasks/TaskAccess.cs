using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Progress;

namespace Samples.Domain.Tasks;

/// <summary>
/// Who may read a task: its team's inspectors, the lab it was handed to or the re-test lab, the
/// enterprise once notified of the result (never before: a sampling visit is unannounced), supervisors and admins. A
/// credential without a subject (an inspector number, a lab id) is nobody's: it matches no task, since a missing id
/// never equals another missing id.
/// </summary>
public static class TaskAccess
{
    public static bool MayRead(TaskView task, string role, string? subject) => role switch
    {
        Role.Supervisor or Role.Admin => true,
        Role.Inspector => subject is not null && task.Team.Any(m => m.InspectorId == subject),
        Role.Lab => subject is not null && (task.LabId == subject || task.Retest?.LabId == subject),
        Role.Enterprise => subject is not null && task.Uscc == subject && (task.NotifiedOn is not null || task.PublishedOn is not null),
        _ => false,
    };
}
