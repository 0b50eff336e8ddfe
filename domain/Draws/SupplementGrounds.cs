using Samples.Contracts.Tasks;

namespace Samples.Domain.Draws;

/// <summary>
/// Whether a task records the event a supplement answers: the inspector declined or withdrew (a replacement), or the
/// target could not be sampled or refused (an alternate). Without one, a supplement needs a second supervisor.
/// </summary>
public static class SupplementGrounds
{
    public static bool Recorded(TaskView? task, string? inspectorNumber) => task is not null && (inspectorNumber is { } number
        ? task.Team.Any(m => m.InspectorId == number && m.Status is TeamMember.Declined or TeamMember.Withdrawn)
        : task.Stage is TaskStage.CannotSample or TaskStage.Refused);
}
