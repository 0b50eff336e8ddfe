namespace Samples.Contracts.Draws;

/// <summary>
/// Supplements a supervisor asks for without a recorded task event (a decline, a withdrawal, a target that cannot be
/// sampled) wait here for a second supervisor's approval: the same request from another credential. Keyed by draw id.
/// </summary>
[Alias("samples.draws.supplement-approvals")]
public interface ISupplementApprovalGrain : IGrainWithStringKey
{
    /// <summary>Records the request, or approves one another credential made; returns who proposed it when approved, else null.</summary>
    [Alias("ProposeAsync")]
    Task<string?> ProposeAsync(string proposal, string keyId, string by);
}
