using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Grains.Directory;

[GrainType("inspector")]
public sealed class InspectorGrain(
    [PersistentState("inspector", StorageNames.Default)] IPersistentState<InspectorState> state,
    TimeProvider clock) : Grain, IInspectorGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The registry is only a copy: re-send ours on activation, so a crash between our write and the
        // registry's heals itself.
        if (state.State.Exists)
        {
            await Registry.UpsertAsync(state.State.ToView());
        }
    }

    public async Task<InspectorResult> DefineAsync(DefineInspector command)
    {
        var (rules, changes) = InspectorRules.Define(state.State, this.GetPrimaryKeyString(), command);
        IReadOnlyList<FieldProblem> problems = [.. rules, .. await ReferenceCodes.ProblemsAsync(GrainFactory, clock, [("regionCode", command.RegionCode)], "qualifiedCategories", command.QualifiedCategories, provinceAllowed: true)];
        return await ConcludeAsync(problems, changes.Count == 0 ? null : string.Join("; ", changes), command.RequestedBy);
    }

    public async Task<InspectorResult> DeclareConflictAsync(DeclareConflict command)
    {
        if (!state.State.Exists)
        {
            return new(false, null, [new("number", $"inspector {this.GetPrimaryKeyString()} is not in the directory")]);
        }

        var (problems, change) = InspectorRules.DeclareConflict(state.State, command, clock.GetUtcNow());
        return await ConcludeAsync(problems, change, command.RequestedBy);
    }

    public async Task<InspectorResult> RecordInspectionAsync(RecordInspection command)
    {
        if (!state.State.Exists)
        {
            return new(false, null, [new("number", $"inspector {this.GetPrimaryKeyString()} is not in the directory")]);
        }

        var (problems, change) = InspectorRules.RecordInspection(state.State, command, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        return await ConcludeAsync(problems, change, command.RequestedBy);
    }

    public Task<InspectorView?> GetAsync() => Task.FromResult(state.State.Exists ? state.State.ToView() : null);

    private IInspectorRegistryGrain Registry => GrainFactory.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key);

    private async Task<InspectorResult> ConcludeAsync(IReadOnlyList<FieldProblem> problems, string? change, string by)
    {
        if (problems.Count > 0)
        {
            return new(false, null, problems);
        }

        if (change is null)
        {
            // Nothing changed here, but the registry copy may have missed the last change (its call failed):
            // a retry repairs it; the registry ignores an entry it already has.
            await Registry.UpsertAsync(state.State.ToView());
            return new(false, state.State.ToView(), []);
        }

        state.State.History.Add(new EnterpriseChange(clock.GetUtcNow(), by, change));
        await state.WriteOrReloadAsync(this);

        var view = state.State.ToView();
        await Registry.UpsertAsync(view);
        return new(true, view, []);
    }
}
