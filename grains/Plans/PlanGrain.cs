using Samples.Contracts.Common;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

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
        IReadOnlyList<FieldProblem> problems = [.. PlanRules.Check(definition, now.Year),
            .. await ReferenceCodes.ProblemsAsync(GrainFactory, clock, (definition.Regions ?? []).Select(r => ("regions", (string?)r)), "categories", definition.Categories)];
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

        if (current is not null && PlanRules.PurposeChange(current.Definition, normalised) is { } purposeChange)
        {
            return new(false, null, [purposeChange]);
        }

        // One plan per department, year and purpose: a plan's rounds cannot be drawn again under another plan id.
        var id = this.GetPrimaryKeyString();
        var owner = await GrainFactory.GetGrain<IPlanClaimGrain>(IPlanClaimGrain.KeyOf(normalised.Department, normalised.Year, normalised.Purpose)).ClaimAsync(id);
        if (owner != id)
        {
            return new(false, null, [new("department", $"{normalised.Department} already has plan {owner} for {normalised.Year}: one plan per department, year and purpose (change that plan instead)")]);
        }

        var version = new PlanVersion(id, (current?.Version ?? 0) + 1, normalised, now, requestedBy);
        state.State.Versions.Add(version);
        await state.WriteOrReloadAsync(this);

        return new(true, version, []);
    }

    public Task<PlanVersion?> GetAsync(int? version = null) => Task.FromResult(version is null
        ? state.State.Versions.LastOrDefault()
        : state.State.Versions.FirstOrDefault(v => v.Version == version));

    public Task<IReadOnlyList<PlanVersion>> HistoryAsync() => Task.FromResult<IReadOnlyList<PlanVersion>>(state.State.Versions.ToArray());
}
