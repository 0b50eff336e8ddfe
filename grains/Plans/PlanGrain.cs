using Samples.Contracts.Plans;

namespace Samples.Grains.Plans;

public sealed class PlanState
{
    public List<PlanVersion> Versions { get; set; } = [];
}

[GrainType("plan")]
public sealed class PlanGrain(
    [PersistentState("plan", StorageNames.Default)] IPersistentState<PlanState> state,
    TimeProvider clock) : Grain, IPlanGrain
{
    public async Task<PlanResult> DefineAsync(PlanDefinition definition, string requestedBy)
    {
        var now = clock.GetUtcNow();
        var problems = PlanRules.Check(definition, now.Year);
        if (problems.Count > 0)
        {
            return new(false, null, problems);
        }

        var normalised = PlanRules.Normalise(definition);
        var current = state.State.Versions.LastOrDefault();
        if (current is not null && PlanRules.Same(current.Definition, normalised))
        {
            return new(false, current, []);
        }

        var version = new PlanVersion(this.GetPrimaryKeyString(), (current?.Version ?? 0) + 1, normalised, now, requestedBy);
        state.State.Versions.Add(version);
        await state.WriteOrReloadAsync(this);

        return new(true, version, []);
    }

    public Task<PlanVersion?> GetAsync(int? version = null) => Task.FromResult(version is null
        ? state.State.Versions.LastOrDefault()
        : state.State.Versions.FirstOrDefault(v => v.Version == version));

    public Task<IReadOnlyList<PlanVersion>> HistoryAsync() => Task.FromResult<IReadOnlyList<PlanVersion>>(state.State.Versions.ToArray());
}
