using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Directory;
using Samples.Domain.Reference;
using Samples.Draw;

namespace Samples.Domain.Tasks;

/// <summary>Assignment: the task is created with its drawn team; members accept or decline; the draw replaces a member who declined or completes a short team.</summary>
public static partial class TaskWorkflow
{
    private static WorkflowOutcome Assign(TaskView? task, AssignTask a, TaskCommand request, WorkflowContext context)
    {
        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("tasks are assigned by draws only");
        }

        var team = a.Team.Distinct(StringComparer.Ordinal).ToArray();
        if (task is not null)
        {
            var same = task.DrawId == a.DrawId && task.Uscc == a.Uscc && task.Category == a.Category;
            return same
                ? new(task, null, false)
                : WorkflowOutcome.Refused(TaskRefusal.Conflict, null, $"the task exists for {task.DrawId} {task.Uscc} {task.Category}");
        }

        if (context.Category is null)
        {
            return Invalid("category", $"'{a.Category}' is not a category of the catalogue in force");
        }

        var id = TaskIds.Of(a.DrawId, a.Uscc, a.Category);
        var created = new TaskView(
            id, a.DrawId, a.PlanId, a.Uscc, a.Category, a.Region, context.Category.Regime.ToString(), TaskStage.Assigned, 0,
            team.Select(m => new TeamMember(m, TeamMember.Assigned)).ToArray(),
            ChinaTime.DateOf(request.At), null, [], null, [], null, null, null, null, null, null, null, null, null, null, false,
            null, null, [], team.Length < 2 ? ShortTeam : "each member accepts or declines",
            [], a.Replaces, Purpose: context.Purpose);
        var detail = $"target {a.Uscc} ({a.Category}, {a.Region}) from {a.DrawId}; team {string.Join(", ", team)}"
            + (a.Replaces is null ? string.Empty : $"; replaces {a.Replaces}") + PurposeNote(context.Purpose);
        return Changed(created, request, detail);
    }

    /// <summary>
    /// A supervisor opens a targeted inspection: the named enterprise, the reason and its evidence, the team the supervisor
    /// chose (the API has checked it against the directory). A task id is used once: opening again under it is a conflict,
    /// so the caller takes the next number (a retry is recognised by its idempotency key before this).
    /// </summary>
    private static WorkflowOutcome OpenTargeted(TaskView? task, OpenTargetedTask o, TaskCommand request, WorkflowContext context)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (task is not null)
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, "taskId", $"task {task.TaskId} exists");
        }

        if (!TaskBasis.IsTargeted(o.TaskId) || string.IsNullOrWhiteSpace(o.PlanId) || string.IsNullOrWhiteSpace(o.Uscc) || string.IsNullOrWhiteSpace(o.Region))
        {
            return Invalid("taskId", $"a targeted task needs a {TaskBasis.TargetedPrefix} id, a plan, an enterprise and its region");
        }

        if (TargetedInspections.Check(o.ReasonKind, o.Reference, o.Evidence, o.EvidenceSha256, o.Team) is { } problem)
        {
            return Invalid(problem.Field, problem.Reason);
        }

        if (context.Category is null)
        {
            return Invalid("category", $"'{o.Category}' is not a category of the catalogue in force");
        }

        var team = o.Team.Select(m => m.Trim()).ToArray();
        var files = (o.EvidenceSha256 ?? []).Select(f => f.ToLowerInvariant()).ToArray();
        var today = ChinaTime.DateOf(request.At);
        var basis = new TargetedBasis(o.ReasonKind, o.Reference.Trim(), o.Evidence.Trim(), files, request.Actor.Name, today);
        var created = new TaskView(
            o.TaskId, string.Empty, o.PlanId, o.Uscc, o.Category, o.Region, context.Category.Regime.ToString(), TaskStage.Assigned, 0,
            team.Select(m => new TeamMember(m, TeamMember.Assigned)).ToArray(),
            today, null, [], null, [], null, null, null, null, null, null, null, null, null, null, false,
            null, null, [], "each member accepts or declines", [], Targeted: basis, Purpose: context.Purpose);
        // The reason, its reference and evidence go into the hash-chained history: what justified the choice cannot be
        // rewritten later.
        var detail = $"targeted inspection of {o.Uscc} ({o.Category}, {o.Region}) in {o.PlanId}: {o.ReasonKind} {basis.Reference}; "
            + $"evidence: {basis.Evidence}" + (files.Length == 0 ? string.Empty : $" [sha256 {string.Join(", ", files)}]")
            + $"; team chosen by the supervisor: {string.Join(", ", team)}" + PurposeNote(context.Purpose);
        return Changed(created, request, detail);
    }

    /// <summary>A monitoring task says so in its first history entry, so the chain shows it never carried enforcement.</summary>
    private static string PurposeNote(Samples.Contracts.Plans.PlanPurpose purpose) =>
        purpose == Samples.Contracts.Plans.PlanPurpose.RiskMonitoring ? $"; purpose {RiskMonitoring.Name(purpose)}" : string.Empty;

    private static WorkflowOutcome Accept(TaskView t, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Assigned)
        {
            return WrongStage(t, "accepted");
        }

        var me = t.Team.First(m => m.InspectorId == request.Actor.Subject);
        if (me.Status == TeamMember.Accepted)
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, $"{me.InspectorId} has already accepted this task");
        }

        var team = t.Team.Select(m => m.InspectorId == me.InspectorId ? m with { Status = TeamMember.Accepted } : m).ToArray();
        var active = team.Where(Active).ToArray();
        var ready = active.Length >= 2 && active.All(m => m.Status == TeamMember.Accepted);
        var next = t with
        {
            Team = team,
            Stage = ready ? TaskStage.Accepted : TaskStage.Assigned,
            NextStep = ready ? "sample at the enterprise, or record why not" : "waiting for the other members to accept",
        };
        return Changed(next, request, $"{me.InspectorId} accepted" + (ready ? "; the team is complete" : string.Empty));
    }

    private static WorkflowOutcome Decline(TaskView t, DeclineTask d, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage is not (TaskStage.Assigned or TaskStage.Accepted))
        {
            return WrongStage(t, "declined (only before sampling)");
        }

        if (string.IsNullOrWhiteSpace(d.Reason))
        {
            return Invalid("reason", "is required: why the inspector declines (recusal, illness)");
        }

        var who = request.Actor.Subject!;
        var next = t with
        {
            Team = t.Team.Select(m => m.InspectorId == who ? m with { Status = TeamMember.Declined, Reason = d.Reason.Trim() } : m).ToArray(),
            Stage = TaskStage.Assigned,
            NextStep = t.Targeted is null
                ? $"the draw supplies a replacement for {who}"
                : $"no draw stands behind a targeted task: a supervisor names another inspector in place of {who}",
        };
        return Changed(next, request, $"{who} declined: {d.Reason.Trim()}");
    }

    private static WorkflowOutcome Replace(TaskView t, ReplaceMember r, TaskCommand request)
    {
        if (t.Targeted is not null)
        {
            return ReplaceOnTargeted(t, r, request);
        }

        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("members are replaced by the draw's supplement only");
        }

        var withdrawn = t.Team.FirstOrDefault(m => m.InspectorId == r.Withdrawn);
        if (withdrawn is null || withdrawn.Status == TeamMember.Withdrawn)
        {
            // Already applied (a repeated supplement event): nothing to do.
            return new(t, null, false);
        }

        var team = t.Team.Select(m => m.InspectorId == r.Withdrawn ? m with { Status = TeamMember.Withdrawn } : m).ToList();
        if (r.Replacer is not null && team.All(m => m.InspectorId != r.Replacer))
        {
            team.Add(new TeamMember(r.Replacer, TeamMember.Assigned));
        }

        var next = t with
        {
            Team = team,
            Stage = TaskStage.Assigned,
            NextStep = r.Replacer is null
                ? $"no eligible inspector is left in the pool to replace {r.Withdrawn}: the supervisor must widen the pool"
                : "each member accepts or declines",
        };
        return Changed(next, request, r.Replacer is null ? $"{r.Withdrawn} withdrawn; no replacement left" : $"{r.Withdrawn} replaced by {r.Replacer}");
    }

    /// <summary>
    /// No draw stands behind a targeted task, so the supervisor who chose its team names the replacement of a member who
    /// declined (the silo has checked the replacement against the directory, as at the opening); before sampling only.
    /// </summary>
    private static WorkflowOutcome ReplaceOnTargeted(TaskView t, ReplaceMember r, TaskCommand request)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage is not (TaskStage.Assigned or TaskStage.Accepted))
        {
            return WrongStage(t, "given a new member (only before sampling)");
        }

        if (t.Team.FirstOrDefault(m => m.InspectorId == r.Withdrawn) is not { Status: TeamMember.Declined })
        {
            return Invalid("withdrawn", $"{r.Withdrawn} is not a member of this task who declined");
        }

        if (string.IsNullOrWhiteSpace(r.Replacer))
        {
            return Invalid("replacer", "is required: the inspector who takes the declined member's place");
        }

        if (t.Team.Any(m => m.InspectorId == r.Replacer))
        {
            return Invalid("replacer", $"{r.Replacer} is on this task's team already");
        }

        var team = t.Team.Select(m => m.InspectorId == r.Withdrawn ? m with { Status = TeamMember.Withdrawn } : m).Append(new TeamMember(r.Replacer, TeamMember.Assigned)).ToArray();
        var next = t with { Team = team, Stage = TaskStage.Assigned, NextStep = "each member accepts or declines" };
        return Changed(next, request, $"{r.Withdrawn} replaced by {r.Replacer}, chosen by the supervisor");
    }

    /// <summary>A short team's empty seat filled by the draw; repeating it changes nothing.</summary>
    private static WorkflowOutcome Complete(TaskView t, CompleteTeam c, TaskCommand request)
    {
        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("a short team is completed by the draw's supplement only");
        }

        if (t.Team.Any(m => m.InspectorId == c.Inspector))
        {
            return new(t, null, false);
        }

        if (t.Stage != TaskStage.Assigned)
        {
            return WrongStage(t, "completed (only while its team is being formed)");
        }

        var team = t.Team.Append(new TeamMember(c.Inspector, TeamMember.Assigned)).ToArray();
        var next = t with
        {
            Team = team,
            NextStep = team.Count(Active) < 2 ? ShortTeam : "each member accepts or declines",
        };
        return Changed(next, request, $"{c.Inspector} joins the team, drawn to complete it");
    }

    private const string ShortTeam = "the team has fewer than two inspectors: a supervisor completes it from the draw (samples draw complete DRAW --target TARGET)";
}
