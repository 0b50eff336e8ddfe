using Samples.Contracts.Directory;

namespace Samples.Grains.Directory;

public sealed class LabRegistryState
{
    public Dictionary<string, LabView> Labs { get; set; } = [];
}

[GrainType("lab-registry")]
public sealed class LabRegistryGrain(
    [PersistentState("lab-registry", StorageNames.Default)] IPersistentState<LabRegistryState> state) : Grain, ILabRegistryGrain
{
    public async Task UpsertAsync(LabView lab)
    {
        if (state.State.Labs.TryGetValue(lab.Id, out var known) && known.History.Count == lab.History.Count)
        {
            return;
        }

        state.State.Labs[lab.Id] = lab;
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<LabView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<LabView>>(state.State.Labs.Values.OrderBy(l => l.Id, StringComparer.Ordinal).ToArray());
}
