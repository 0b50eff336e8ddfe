using Samples.Contracts.Enterprises;

namespace Samples.Grains.Enterprises;

[GrainType("enterprise")]
public sealed class EnterpriseGrain(
    [PersistentState("enterprise", StorageNames.Default)] IPersistentState<EnterpriseState> state,
    TimeProvider clock) : Grain, IEnterpriseGrain
{
    public async Task<EnterpriseRegistrationResult> RegisterAsync(RegisterEnterprise command)
    {
        var (problems, overridden) = EnterpriseRegistrationRules.Check(this.GetPrimaryKeyString(), command);
        if (problems.Count > 0)
        {
            return new(EnterpriseRegistrationStatus.Invalid, null, problems);
        }

        var current = state.State;
        if (current.IsRegistered)
        {
            var same = string.Equals(current.Name, command.Name.Trim(), StringComparison.Ordinal)
                && string.Equals(current.Address, Normalise(command.Address), StringComparison.Ordinal)
                && string.Equals(current.RegionCode, Normalise(command.RegionCode), StringComparison.Ordinal)
                && string.Equals(current.UsccOverride?.Reason, Normalise(command.UsccOverrideReason), StringComparison.Ordinal);
            return same
                ? new(EnterpriseRegistrationStatus.AlreadyRegistered, current.ToView(), [])
                : new(EnterpriseRegistrationStatus.Conflict, current.ToView(), [new("uscc", "is already registered with different data")]);
        }

        var now = clock.GetUtcNow();
        current.IsRegistered = true;
        current.Uscc = this.GetPrimaryKeyString();
        current.Name = command.Name.Trim();
        current.Address = Normalise(command.Address);
        current.RegionCode = Normalise(command.RegionCode);
        current.RegisteredAt = now;
        current.RegisteredBy = command.RequestedBy;
        current.UsccOverride = overridden is null
            ? null
            : new UsccOverride(command.UsccOverrideReason!.Trim(), command.RequestedBy, now, overridden);
        current.History.Add(new EnterpriseChange(now, command.RequestedBy, overridden is null
            ? "registered"
            : $"registered with USCC override ({overridden}): {current.UsccOverride!.Reason}"));

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Never keep in memory what is not stored: the next call reads the truth again.
            await state.ReadStateAsync();
            throw;
        }

        return new(EnterpriseRegistrationStatus.Registered, current.ToView(), []);
    }

    public Task<EnterpriseView?> GetAsync() =>
        Task.FromResult(state.State.IsRegistered ? state.State.ToView() : null);

    private static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
