using Samples.Contracts.Plans;
using Samples.Draw;

namespace Samples.Domain.Plans;

/// <summary>
/// A joint plan (部门联合抽查): several departments draw together under one plan. Its departments freeze into the draw's
/// team rules (draw-spec §5.1), its inspectors are those of the participating departments' units, and each sampling
/// goes into every participating department's records.
/// </summary>
public static class JointPlans
{
    /// <summary>The frame exclusion reason of an inspector whose unit belongs to none of a joint plan's departments.</summary>
    public const string NotParticipating = "not of a participating department";

    public static bool IsJoint(PlanDefinition plan) => plan.JointDepartments is { Count: > 0 };

    /// <summary>Every unit of the participating departments, or null when the plan is not joint.</summary>
    public static IReadOnlySet<string>? Units(PlanDefinition plan) =>
        IsJoint(plan) ? plan.JointDepartments!.SelectMany(d => d.Units).ToHashSet(StringComparer.Ordinal) : null;

    /// <summary>The departments as the draw's team rules publish them (null when not joint: the commitment is as before).</summary>
    public static IReadOnlyList<TeamDepartment>? TeamDepartments(PlanDefinition plan) =>
        IsJoint(plan) ? [.. plan.JointDepartments!.Select(d => new TeamDepartment(d.Id, d.Name, [.. d.Units]))] : null;

    /// <summary>The draw's team rules for the plan: the deployment's, with a joint plan's departments frozen in.</summary>
    public static TeamRules Teams(PlanDefinition plan, TeamRules deployment) =>
        TeamDepartments(plan) is { } departments ? deployment with { Departments = departments } : deployment;

    /// <summary>The participating department an inspector's unit belongs to, or null (not joint, or of none).</summary>
    public static JointDepartment? DepartmentOf(PlanDefinition plan, string? unit) =>
        unit is null ? null : plan.JointDepartments?.FirstOrDefault(d => d.Units.Contains(unit, StringComparer.Ordinal));

    /// <summary>
    /// The departments whose sampling records a task of the plan goes into, and whose records its frames and recusals
    /// read: the organising department, and for a joint plan every participating department (by name) too.
    /// </summary>
    public static IReadOnlyList<string> RecordKeepers(PlanDefinition plan) =>
        [.. new[] { plan.Department }.Concat(plan.JointDepartments?.Select(d => d.Name) ?? []).Distinct(StringComparer.Ordinal)];
}
