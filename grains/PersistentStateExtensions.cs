namespace Samples.Grains;

public static class PersistentStateExtensions
{
    /// <summary>
    /// Writes the state; if the write fails, reads the stored state back before rethrowing, so a grain never
    /// keeps in memory (and answers from) a change that was not stored.
    /// </summary>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }
    }
}
