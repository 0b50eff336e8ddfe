using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Decides whether a registration request is acceptable, field by field. Plain code so the rules are
/// tested without a silo; the grain only applies the decision.
/// </summary>
public static class EnterpriseRegistrationRules
{
    public const int MinOverrideReasonLength = 10;

    /// <summary>
    /// Checks a request addressed to the enterprise keyed <paramref name="grainKey"/>. Returns every
    /// problem found (empty when acceptable) and, when the code needed an override, what was overridden.
    /// </summary>
    public static (IReadOnlyList<FieldProblem> Problems, string? OverriddenProblem) Check(string grainKey, RegisterEnterprise command)
    {
        var problems = new List<FieldProblem>();
        string? overridden = null;
        var reason = command.UsccOverrideReason?.Trim();

        var check = Uscc.Validate(command.Uscc);
        if (!check.IsValid && check.Overridable && !string.IsNullOrEmpty(reason))
        {
            if (reason.Length < MinOverrideReasonLength)
            {
                problems.Add(new("usccOverrideReason", $"must say why the code is accepted despite failing its check (at least {MinOverrideReasonLength} characters)"));
            }

            overridden = check.Problem;
        }
        else if (!check.IsValid)
        {
            var hint = check.Overridable ? "; if this is a legal early pilot code, register it with usccOverrideReason stating why" : string.Empty;
            problems.Add(new("uscc", check.Problem + hint));
        }
        else if (!string.IsNullOrEmpty(reason))
        {
            problems.Add(new("usccOverrideReason", "is only allowed for a code that fails its check character; this code is valid"));
        }

        if (check.Code.Length == Uscc.Length && !string.Equals(check.Code, grainKey, StringComparison.Ordinal))
        {
            problems.Add(new("uscc", $"'{check.Code}' does not match the enterprise addressed ('{grainKey}')"));
        }

        EnterpriseFields.CheckName(command.Name, problems);
        EnterpriseFields.CheckAddress(command.Address, problems);
        EnterpriseFields.CheckRegion(command.RegionCode, problems);
        EnterpriseFields.CheckKind(command.Kind, problems);
        EnterpriseFields.CheckCategories(command.Categories, problems);
        EnterpriseFields.CheckLicences(command.Licences, problems);

        if (string.IsNullOrWhiteSpace(command.RequestedBy))
        {
            problems.Add(new("requestedBy", "is required: every change records who made it"));
        }

        return (problems, overridden);
    }
}
