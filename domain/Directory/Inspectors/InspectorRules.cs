using System.Text.RegularExpressions;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>Checks and applies changes to an inspector's entry; the grain only loads and stores.</summary>
public static partial class InspectorRules
{
    public const int MaxOpenTasksLimit = 100;

    public static (IReadOnlyList<FieldProblem> Problems, IReadOnlyList<string> Changes) Define(InspectorState state, string key, DefineInspector command)
    {
        var problems = new List<FieldProblem>();
        if (!IsNumber(command.Number))
        {
            problems.Add(new("number", "must be 1-32 letters, digits or dashes, e.g. QH-HX-0012"));
        }
        else if (!string.Equals(command.Number.Trim(), key, StringComparison.Ordinal))
        {
            problems.Add(new("number", $"'{command.Number}' does not match the inspector addressed ('{key}')"));
        }

        EnterpriseFields.CheckName(command.Name, problems);
        if (string.IsNullOrWhiteSpace(command.Unit) || command.Unit.Trim().Length > 200)
        {
            problems.Add(new("unit", "is required (at most 200 characters): the inspector's organisation"));
        }

        if (string.IsNullOrWhiteSpace(command.RegionCode))
        {
            problems.Add(new("regionCode", "is required"));
        }
        else
        {
            EnterpriseFields.CheckRegion(command.RegionCode, problems);
        }

        EnterpriseFields.CheckCategories(command.QualifiedCategories, problems);
        if (command.MaxOpenTasks is < 1 or > MaxOpenTasksLimit)
        {
            problems.Add(new("maxOpenTasks", $"must be between 1 and {MaxOpenTasksLimit}"));
        }

        if (problems.Count > 0)
        {
            return (problems, []);
        }

        var categories = EnterpriseFields.NormaliseList(command.QualifiedCategories);
        var changes = new List<string>();
        Note(state.Exists, "name", state.Name, command.Name.Trim(), changes);
        Note(state.Exists, "unit", state.Unit, command.Unit.Trim(), changes);
        Note(state.Exists, "region", state.RegionCode, command.RegionCode.Trim(), changes);
        Note(state.Exists, "qualified categories", string.Join('|', state.QualifiedCategories), string.Join('|', categories), changes);
        Note(state.Exists, "on leave", state.OnLeave ? "yes" : "no", command.OnLeave ? "yes" : "no", changes);
        Note(state.Exists, "max open tasks", state.MaxOpenTasks.ToString(System.Globalization.CultureInfo.InvariantCulture), command.MaxOpenTasks.ToString(System.Globalization.CultureInfo.InvariantCulture), changes);
        if (!state.Exists)
        {
            changes.Clear();
            changes.Add("entered in the inspector directory");
        }

        state.Exists = true;
        state.Number = key;
        state.Name = command.Name.Trim();
        state.Unit = command.Unit.Trim();
        state.RegionCode = command.RegionCode.Trim();
        state.QualifiedCategories = categories;
        state.OnLeave = command.OnLeave;
        state.MaxOpenTasks = command.MaxOpenTasks;
        return ([], changes);
    }

    public static (IReadOnlyList<FieldProblem> Problems, string? Change) DeclareConflict(InspectorState state, DeclareConflict command, DateTimeOffset now)
    {
        var problems = new List<FieldProblem>();
        var check = Uscc.Validate(command.Uscc);
        if (!check.IsValid && !check.Overridable)
        {
            // A code that fails only a check character may belong to an enterprise registered with an override.
            problems.Add(new("uscc", check.Problem!));
        }

        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Trim().Length < EnterpriseChangeRules.MinReasonLength)
        {
            problems.Add(new("reason", $"is required (at least {EnterpriseChangeRules.MinReasonLength} characters)"));
        }
        else if (!EnterpriseFields.IsListItem(command.Reason, 500))
        {
            problems.Add(new("reason", "must be at most 500 characters without '|', '=' or control characters"));
        }

        if (problems.Count > 0)
        {
            return (problems, null);
        }

        if (state.Conflicts.Any(c => c.Uscc == check.Code))
        {
            return ([], null);
        }

        state.Conflicts.Add(new ConflictOfInterest(check.Code, command.Reason.Trim(), now, command.RequestedBy));
        return ([], $"declared a conflict with {check.Code}: {command.Reason.Trim()}");
    }

    public static (IReadOnlyList<FieldProblem> Problems, string? Change) RecordInspection(InspectorState state, RecordInspection command, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        var check = Uscc.Validate(command.Uscc);
        if (!check.IsValid && !check.Overridable)
        {
            // A code that fails only a check character may belong to an enterprise registered with an override.
            problems.Add(new("uscc", check.Problem!));
        }

        if (command.Date > today)
        {
            problems.Add(new("date", $"{command.Date:yyyy-MM-dd} is in the future"));
        }

        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var inspection = new PastInspection(check.Code, command.Date);
        if (state.Inspections.Contains(inspection))
        {
            return ([], null);
        }

        state.Inspections.Add(inspection);
        return ([], $"inspected {check.Code} on {command.Date:yyyy-MM-dd}");
    }

    private static bool IsNumber(string? number) => number is not null && NumberPattern().IsMatch(number.Trim());

    private static void Note(bool exists, string field, string before, string after, List<string> changes)
    {
        if (exists && !string.Equals(before, after, StringComparison.Ordinal))
        {
            changes.Add($"{field}: '{before}' → '{after}'");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    private static partial Regex NumberPattern();
}
