using Samples.Domain.Audit;
using Samples.Domain.Progress;

namespace Samples.Domain.Tasks;

/// <summary>
/// Drains a grain-state outbox of audited steps (a draw's, the working calendar's): what was published leaves it; on a
/// failure everything stays, to go out with the grain's next change or activation, in order (the trail checks each
/// stream's chain). Task grains drain theirs with a retry timer instead, since their events also build read models.
/// </summary>
public static class Outbox
{
    public static async Task DrainAsync<T>(List<T> outbox, Func<IReadOnlyList<T>, Task> publish)
    {
        if (outbox.Count == 0)
        {
            return;
        }

        var pending = outbox.ToArray();
        try
        {
            await publish(pending);
            outbox.RemoveAll(e => pending.Contains(e));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Kept: published again later.
        }
    }
}
