using Samples.Contracts.Enterprises;

namespace Samples.Grains.Enterprises;

/// <summary>
/// Decides whether a registration request is acceptable, field by field. Plain code so the rules are
/// tested without a silo; the grain only applies the decision.
/// </summary>
public static class EnterpriseRegistrationRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;
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

        if (string.IsNullOrWhiteSpace(command.Name))
        {
            problems.Add(new("name", "is required"));
        }
        else if (command.Name.Trim().Length > MaxNameLength)
        {
            problems.Add(new("name", $"must be at most {MaxNameLength} characters"));
        }

        if (command.Address is { } address && address.Trim().Length > MaxAddressLength)
        {
            problems.Add(new("address", $"must be at most {MaxAddressLength} characters"));
        }

        if (!string.IsNullOrWhiteSpace(command.RegionCode) && !IsDivisionCode(command.RegionCode.Trim()))
        {
            problems.Add(new("regionCode", "must be a 6-digit administrative division code (GB/T 2260), e.g. 632800 for Haixi"));
        }

        if (string.IsNullOrWhiteSpace(command.RequestedBy))
        {
            problems.Add(new("requestedBy", "is required: every change records who made it"));
        }

        return (problems, overridden);
    }

    private static bool IsDivisionCode(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);
}
