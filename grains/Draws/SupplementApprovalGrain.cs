using Samples.Contracts.Draws;

namespace Samples.Grains.Draws;

public sealed class SupplementApprovalState
{
    /// <summary>Pending proposals: what (target and inspector), and the credential and person who asked.</summary>
    public Dictionary<string, SupplementProposal> Pending { get; set; } = [];
}

public sealed record SupplementProposal(string KeyId, string By, DateTimeOffset At);

/// <summary>Two supervisors for a supplement without a task event: the first asks, a second (another credential) approves.</summary>
[GrainType("supplement-approvals")]
public sealed class SupplementApprovalGrain(
    [PersistentState("supplement-approvals", StorageNames.Default)] IPersistentState<SupplementApprovalState> state,
    TimeProvider clock) : Grain, ISupplementApprovalGrain
{
    public async Task<string?> ProposeAsync(string proposal, string keyId, string by)
    {
        if (state.State.Pending.TryGetValue(proposal, out var first))
        {
            if (first.KeyId == keyId)
            {
                return null;
            }

            state.State.Pending.Remove(proposal);
            await state.WriteOrReloadAsync(this);
            return first.By;
        }

        state.State.Pending[proposal] = new SupplementProposal(keyId, by, clock.GetUtcNow());
        await state.WriteOrReloadAsync(this);
        return null;
    }
}
