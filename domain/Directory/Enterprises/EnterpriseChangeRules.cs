using System.Globalization;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Applies updates, status changes and risk classes to an enterprise's state, deciding what changed and
/// how the history describes it. Plain code: the grain only loads, calls and stores.
/// </summary>
public static class EnterpriseChangeRules
{
    public const int MinReasonLength = 4;

    /// <summary>Applies the non-null fields; returns the problems (nothing applied) or the changes made (empty: unchanged).</summary>
    public static (IReadOnlyList<FieldProblem> Problems, IReadOnlyList<string> Changes) Update(EnterpriseState state, UpdateEnterprise command)
    {
        var problems = new List<FieldProblem>();
        if (command.Name is not null)
        {
            EnterpriseFields.CheckName(command.Name, problems);
        }

        EnterpriseFields.CheckAddress(command.Address, problems);
        EnterpriseFields.CheckRegion(command.RegionCode, problems);
        if (command.Kind is { } kind)
        {
            EnterpriseFields.CheckKind(kind, problems);
        }

        EnterpriseFields.CheckCategories(command.Categories, problems);
        EnterpriseFields.CheckLicences(command.Licences, problems);
        CheckBy(command.RequestedBy, problems);
        if (problems.Count > 0)
        {
            return (problems, []);
        }

        var changes = new List<string>();
        if (command.Name is not null && Differs(state.Name, command.Name.Trim(), "name", changes))
        {
            state.Name = command.Name.Trim();
        }

        if (command.Address is not null && Differs(state.Address, EnterpriseFields.Normalise(command.Address), "address", changes))
        {
            state.Address = EnterpriseFields.Normalise(command.Address);
        }

        if (command.RegionCode is not null && Differs(state.RegionCode, EnterpriseFields.Normalise(command.RegionCode), "region", changes))
        {
            state.RegionCode = EnterpriseFields.Normalise(command.RegionCode);
        }

        if (command.Kind is { } newKind && Differs(state.Kind.ToString(), newKind.ToString(), "kind", changes))
        {
            state.Kind = newKind;
        }

        if (command.Categories is not null)
        {
            var categories = EnterpriseFields.NormaliseList(command.Categories);
            if (Differs(string.Join('|', state.Categories), string.Join('|', categories), "categories", changes))
            {
                state.Categories = categories;
            }
        }

        if (command.Licences is not null)
        {
            var licences = EnterpriseFields.NormaliseList(command.Licences);
            if (Differs(string.Join('|', state.Licences), string.Join('|', licences), "licences", changes))
            {
                state.Licences = licences;
            }
        }

        if (command.KeySupervision is { } key && Differs(state.KeySupervision ? "yes" : "no", key ? "yes" : "no", "key supervision", changes))
        {
            state.KeySupervision = key;
        }

        return ([], changes);
    }

    public static (IReadOnlyList<FieldProblem> Problems, string? Change) ChangeStatus(EnterpriseState state, ChangeEnterpriseStatus command)
    {
        var problems = new List<FieldProblem>();
        if (!Enum.IsDefined(command.Status))
        {
            problems.Add(new("status", $"must be one of: {string.Join(", ", Enum.GetNames<EnterpriseStatus>())}"));
        }

        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Trim().Length < MinReasonLength)
        {
            problems.Add(new("reason", $"is required (at least {MinReasonLength} characters): a status change must say why"));
        }

        CheckBy(command.RequestedBy, problems);
        if (problems.Count > 0)
        {
            return (problems, null);
        }

        if (state.Status == command.Status)
        {
            return ([], null);
        }

        var change = $"status {state.Status} → {command.Status}: {command.Reason.Trim()}";
        state.Status = command.Status;
        return ([], change);
    }

    public static (IReadOnlyList<FieldProblem> Problems, string? Change) SetRiskClass(EnterpriseState state, SetRiskClass command, DateTimeOffset now)
    {
        var problems = new List<FieldProblem>();
        if (!DateOnly.TryParseExact(command.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            problems.Add(new("month", $"'{command.Month}' is not a month written yyyy-MM"));
        }
        else if (first > DateOnly.FromDateTime(now.UtcDateTime))
        {
            problems.Add(new("month", $"{command.Month} has not begun: risk classes are recorded for the current or past months"));
        }

        if (!Enum.IsDefined(command.RiskClass))
        {
            problems.Add(new("riskClass", "must be A, B, C or D"));
        }

        CheckBy(command.RequestedBy, problems);
        if (problems.Count > 0)
        {
            return (problems, null);
        }

        var latestForMonth = state.RiskHistory.LastOrDefault(e => e.Month == command.Month);
        if (latestForMonth?.RiskClass == command.RiskClass)
        {
            return ([], null);
        }

        state.RiskHistory.Add(new RiskClassEntry(command.Month, command.RiskClass, now, command.RequestedBy));
        // The class in force is the one recorded last for the newest month; an older month's correction does not override it.
        var newestMonth = state.RiskHistory.Select(e => e.Month).Max(StringComparer.Ordinal);
        var before = state.RiskClass;
        state.RiskClass = state.RiskHistory.Last(e => e.Month == newestMonth).RiskClass;
        return ([], $"risk class for {command.Month}: {command.RiskClass}" + (before != state.RiskClass ? $" (in force: {before} → {state.RiskClass})" : string.Empty));
    }

    private static void CheckBy(string? by, List<FieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(by))
        {
            problems.Add(new("requestedBy", "is required: every change records who made it"));
        }
    }

    private static bool Differs(string? before, string? after, string field, List<string> changes)
    {
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return false;
        }

        changes.Add($"{field}: '{before ?? "-"}' → '{after ?? "-"}'");
        return true;
    }
}
