
namespace Samples.Contracts.Plans;

/// <summary>
/// Which plan a department has for a year: the first plan saved for it. One plan per department and year, so a round
/// cannot be drawn again under another plan id. Keyed <see cref="KeyOf"/>.
/// </summary>
[Alias("samples.plans.claim")]
public interface IPlanClaimGrain : IGrainWithStringKey
{
    public static string KeyOf(string department, int year) => $"{year}|{department.Trim()}";

    /// <summary>Claims the department's year for <paramref name="planId"/> unless another plan has it; returns the plan that has it.</summary>
    [Alias("ClaimAsync")]
    Task<string> ClaimAsync(string planId);
}
