
namespace Samples.Contracts.Plans;

/// <summary>
/// Which plan a department has for a year: the first plan saved for it. One plan per department and year, so a round
/// cannot be drawn again under another plan id. Keyed <see cref="KeyOf"/>.
/// </summary>
[Alias("samples.plans.claim")]
public interface IPlanClaimGrain : IGrainWithStringKey
{
    public static string KeyOf(string department, int year) => $"{year}|{department.Trim()}";

    /// <summary>
    /// A department may have one supervision plan and one risk-monitoring plan a year, each toward its own goal; the
    /// supervision key is the one claims were made under before plans had a purpose.
    /// </summary>
    public static string KeyOf(string department, int year, PlanPurpose purpose) =>
        purpose == PlanPurpose.RiskMonitoring ? $"{KeyOf(department, year)}|risk-monitoring" : KeyOf(department, year);

    /// <summary>Claims the department's year for <paramref name="planId"/> unless another plan has it; returns the plan that has it.</summary>
    [Alias("ClaimAsync")]
    Task<string> ClaimAsync(string planId);
}
