using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Grains.Plans;

public sealed class PlanClaimState
{
    public string? PlanId { get; set; }
}

/// <summary>Holds which plan a department has for a year; the first claim wins and is kept.</summary>
[GrainType("plan-claim")]
public sealed class PlanClaimGrain(
    [PersistentState("plan-claim", StorageNames.Default)] IPersistentState<PlanClaimState> state) : Grain, IPlanClaimGrain
{
    public async Task<string> ClaimAsync(string planId)
    {
        if (state.State.PlanId is null)
        {
            state.State.PlanId = planId;
            await state.WriteOrReloadAsync(this);
        }

        return state.State.PlanId;
    }
}
