using Orleans.Runtime;

namespace Samples.Grains;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails, reads the stored state back before rethrowing, so a grain never keeps in
    /// memory (and answers from) a change that was not stored. Should the read fail too (the store is down), the
    /// activation is ended: the next call activates the grain again from what storage holds, never from the change
    /// that failed, and never answers a retry as done or publishes its event.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            try
            {
                await state.ReadStateAsync();
            }
            catch
            {
                grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "grain state could be neither written nor read back"));
                throw;
            }

            throw;
        }
    }
}
