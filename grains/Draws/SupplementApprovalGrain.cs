using Samples.Contracts.Draws;
using Samples.Domain.Draws;

namespace Samples.Grains.Draws;

public sealed class SupplementApprovalState
{
    /// <summary>Pending proposals: what (target and inspector), and the credential and person who asked.</summary>
    public Dictionary<string, SupplementProposal> Pending { get; set; } = [];
}

public sealed record SupplementProposal(string KeyId, string By, DateTimeOffset At)
{
    /// <summary>
    /// How long a proposal waits for its second supervisor. An approval weeks later would answer a situation nobody
    /// remembers: after this the proposal is gone, and a request starts a new one.
    /// </summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromDays(7);

    public bool ExpiredAt(DateTimeOffset now) => now - At > Expiry;
}

/// <summary>
/// Two supervisors for a supplement without a task event: the first asks, a second (another credential) approves within
/// <see cref="SupplementProposal.Expiry"/>; an expired proposal is dropped and the request that finds it starts anew.
/// </summary>
[GrainType("supplement-approvals")]
public sealed class SupplementApprovalGrain(
    [PersistentState("supplement-approvals", StorageNames.Default)] IPersistentState<SupplementApprovalState> state,
    TimeProvider clock) : Grain, ISupplementApprovalGrain
{
    public async Task<string?> ProposeAsync(string proposal, string keyId, string by)
    {
        var now = clock.GetUtcNow();
        foreach (var expired in state.State.Pending.Where(p => p.Value.ExpiredAt(now)).Select(p => p.Key).ToArray())
        {
            state.State.Pending.Remove(expired);
        }

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

        state.State.Pending[proposal] = new SupplementProposal(keyId, by, now);
        await state.WriteOrReloadAsync(this);
        return null;
    }
}
