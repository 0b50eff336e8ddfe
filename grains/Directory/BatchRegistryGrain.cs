using Samples.Contracts.Directory;

namespace Samples.Grains.Directory;

public sealed class BatchRegistryState
{
    public SortedSet<string> BatchIds { get; set; } = new(StringComparer.Ordinal);
}

[GrainType("batch-registry")]
public sealed class BatchRegistryGrain(
    [PersistentState("batch-registry", StorageNames.Default)] IPersistentState<BatchRegistryState> state) : Grain, IBatchRegistryGrain
{
    public async Task AddAsync(string batchId)
    {
        if (state.State.BatchIds.Add(batchId))
        {
            await state.WriteOrReloadAsync(this);
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.BatchIds.ToArray());
}
