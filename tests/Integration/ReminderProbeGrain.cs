using Samples.Grains;

namespace Samples.Tests.Integration;

/// <summary>A test-only grain that counts, in persisted state, how often its reminder fired.</summary>
[Alias("samples.tests.reminder-probe")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("ArmAsync")]
    Task ArmAsync(TimeSpan dueIn);

    [Alias("FiredCountAsync")]
    Task<int> FiredCountAsync();
}

public sealed class ReminderProbeState
{
    public int Fired { get; set; }
}

[GrainType("test-reminder-probe")]
public sealed class ReminderProbeGrain(
    [PersistentState("probe", StorageNames.Default)] IPersistentState<ReminderProbeState> state) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task ArmAsync(TimeSpan dueIn) => this.RegisterOrUpdateReminder(ReminderName, dueIn, TimeSpan.FromMinutes(1));

    public async Task<int> FiredCountAsync()
    {
        await state.ReadStateAsync();
        return state.State.Fired;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Fired++;
        await state.WriteStateAsync();
    }
}
