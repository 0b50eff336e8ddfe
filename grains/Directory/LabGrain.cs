using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Grains.Directory;

[GrainType("lab")]
public sealed class LabGrain(
    [PersistentState("lab", StorageNames.Default)] IPersistentState<LabState> state,
    TimeProvider clock) : Grain, ILabGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The registry is a copy: re-send ours on activation so a crash between the two writes heals itself.
        if (state.State.Exists)
        {
            await Registry.UpsertAsync(state.State.ToView());
        }
    }

    public async Task<LabResult> DefineAsync(DefineLab command)
    {
        var (rules, change) = LabRules.Define(state.State, this.GetPrimaryKeyString(), command);
        IReadOnlyList<FieldProblem> problems = [.. rules, .. await ReferenceCodes.ProblemsAsync(GrainFactory, clock, [], "accreditedCategories", command.AccreditedCategories)];
        if (problems.Count > 0)
        {
            await state.ReadStateAsync();
            return new(false, null, problems);
        }

        if (change is null)
        {
            // A retry repairs a registry copy whose last update failed; the registry ignores what it has.
            await Registry.UpsertAsync(state.State.ToView());
            return new(false, state.State.ToView(), []);
        }

        state.State.History.Add(new EnterpriseChange(clock.GetUtcNow(), command.RequestedBy, change));
        await state.WriteOrReloadAsync(this);

        var view = state.State.ToView();
        await Registry.UpsertAsync(view);
        return new(true, view, []);
    }

    public Task<LabView?> GetAsync() => Task.FromResult(state.State.Exists ? state.State.ToView() : null);

    private ILabRegistryGrain Registry => GrainFactory.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key);
}
