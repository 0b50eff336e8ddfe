using Samples.Contracts.Directory;

namespace Samples.Grains.Directory;

public sealed class InspectorRegistryState
{
    public Dictionary<string, InspectorView> Inspectors { get; set; } = [];
}

[GrainType("inspector-registry")]
public sealed class InspectorRegistryGrain(
    [PersistentState("inspector-registry", StorageNames.Default)] IPersistentState<InspectorRegistryState> state) : Grain, IInspectorRegistryGrain
{
    public async Task UpsertAsync(InspectorView inspector)
    {
        if (state.State.Inspectors.TryGetValue(inspector.Number, out var known) && Same(known, inspector))
        {
            return;
        }

        state.State.Inspectors[inspector.Number] = inspector;
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<InspectorView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<InspectorView>>(state.State.Inspectors.Values.OrderBy(i => i.Number, StringComparer.Ordinal).ToArray());

    // Records with list members compare lists by reference; the history length tells whether anything changed.
    private static bool Same(InspectorView a, InspectorView b) => a.History.Count == b.History.Count;
}
