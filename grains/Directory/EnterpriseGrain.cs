using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Grains.Directory;

[GrainType("enterprise")]
public sealed class EnterpriseGrain(
    [PersistentState("enterprise", StorageNames.Directory)] IPersistentState<EnterpriseState> state,
    TimeProvider clock) : Grain, IEnterpriseGrain
{
    public async Task<EnterpriseRegistrationResult> RegisterAsync(RegisterEnterprise command)
    {
        var (rules, overridden) = EnterpriseRegistrationRules.Check(this.GetPrimaryKeyString(), command);
        IReadOnlyList<FieldProblem> problems = [.. rules, .. await ReferenceCodes.ProblemsAsync(GrainFactory, clock, [("regionCode", command.RegionCode)], "categories", command.Categories)];
        if (problems.Count > 0)
        {
            return new(EnterpriseRegistrationStatus.Invalid, null, problems);
        }

        // Bulk imports write the same rows: always decide on what is stored now.
        await state.ReadStateAsync();
        var current = state.State;
        if (current.IsRegistered)
        {
            return IsSameRegistration(current, command)
                ? new(EnterpriseRegistrationStatus.AlreadyRegistered, current.ToView(), [])
                : new(EnterpriseRegistrationStatus.Conflict, current.ToView(), [new("uscc", "is already registered with different data")]);
        }

        var now = clock.GetUtcNow();
        current.IsRegistered = true;
        current.Uscc = this.GetPrimaryKeyString();
        current.Name = command.Name.Trim();
        current.Address = EnterpriseFields.Normalise(command.Address);
        current.RegionCode = EnterpriseFields.Normalise(command.RegionCode);
        current.Kind = command.Kind;
        current.Categories = EnterpriseFields.NormaliseList(command.Categories);
        current.Licences = EnterpriseFields.NormaliseList(command.Licences);
        current.Status = EnterpriseStatus.Active;
        current.KeySupervision = command.KeySupervision;
        current.RiskClass = command.RiskClass;
        current.RegisteredAt = now;
        current.RegisteredBy = command.RequestedBy;
        current.UsccOverride = overridden is null
            ? null
            : new UsccOverride(command.UsccOverrideReason!.Trim(), command.RequestedBy, now, overridden);
        await SaveAsync(command.RequestedBy, overridden is null
            ? "registered"
            : $"registered with USCC override ({overridden}): {current.UsccOverride!.Reason}");
        return new(EnterpriseRegistrationStatus.Registered, current.ToView(), []);
    }

    public async Task<EnterpriseChangeResult> UpdateAsync(UpdateEnterprise command)
    {
        if (await LoadRegisteredAsync() is { } notRegistered)
        {
            return notRegistered;
        }

        var (rules, changes) = EnterpriseChangeRules.Update(state.State, command);
        IReadOnlyList<FieldProblem> problems = [.. rules, .. await ReferenceCodes.ProblemsAsync(GrainFactory, clock, [("regionCode", command.RegionCode)], "categories", command.Categories)];
        return await ConcludeAsync(problems, changes.Count == 0 ? null : "updated " + string.Join("; ", changes), command.RequestedBy);
    }

    public async Task<EnterpriseChangeResult> ChangeStatusAsync(ChangeEnterpriseStatus command)
    {
        if (await LoadRegisteredAsync() is { } notRegistered)
        {
            return notRegistered;
        }

        var (problems, change) = EnterpriseChangeRules.ChangeStatus(state.State, command);
        return await ConcludeAsync(problems, change, command.RequestedBy);
    }

    public async Task<EnterpriseChangeResult> SetRiskClassAsync(SetRiskClass command)
    {
        if (await LoadRegisteredAsync() is { } notRegistered)
        {
            return notRegistered;
        }

        var (problems, change) = EnterpriseChangeRules.SetRiskClass(state.State, command, clock.GetUtcNow());
        return await ConcludeAsync(problems, change, command.RequestedBy);
    }

    public async Task<EnterpriseView?> GetAsync()
    {
        await state.ReadStateAsync();
        return state.State.IsRegistered ? state.State.ToView() : null;
    }

    private static bool IsSameRegistration(EnterpriseState current, RegisterEnterprise command) =>
        string.Equals(current.Name, command.Name.Trim(), StringComparison.Ordinal)
        && string.Equals(current.Address, EnterpriseFields.Normalise(command.Address), StringComparison.Ordinal)
        && string.Equals(current.RegionCode, EnterpriseFields.Normalise(command.RegionCode), StringComparison.Ordinal)
        && current.Kind == command.Kind
        && current.Categories.SequenceEqual(EnterpriseFields.NormaliseList(command.Categories))
        && current.Licences.SequenceEqual(EnterpriseFields.NormaliseList(command.Licences))
        && current.KeySupervision == command.KeySupervision
        && current.RiskClass == command.RiskClass
        && string.Equals(current.UsccOverride?.Reason, EnterpriseFields.Normalise(command.UsccOverrideReason), StringComparison.Ordinal);

    private async Task<EnterpriseChangeResult?> LoadRegisteredAsync()
    {
        await state.ReadStateAsync();
        return state.State.IsRegistered ? null : new(EnterpriseChangeStatus.NotRegistered, null, []);
    }

    private async Task<EnterpriseChangeResult> ConcludeAsync(IReadOnlyList<FieldProblem> problems, string? change, string by)
    {
        if (problems.Count > 0)
        {
            // The rules check before they touch the state, but re-read anyway: nothing unsaved stays in memory.
            await state.ReadStateAsync();
            return new(EnterpriseChangeStatus.Invalid, null, problems);
        }

        if (change is null)
        {
            return new(EnterpriseChangeStatus.Unchanged, state.State.ToView(), []);
        }

        await SaveAsync(by, change);
        return new(EnterpriseChangeStatus.Changed, state.State.ToView(), []);
    }

    private async Task SaveAsync(string by, string what)
    {
        state.State.History.Add(new EnterpriseChange(clock.GetUtcNow(), by, what));
        await state.WriteOrReloadAsync(this);
    }
}
