using System.Text.Json.Serialization.Metadata;
using Samples.Contracts.Tasks;

namespace Samples.Silo.Hosting;

/// <summary>
/// What grain state leaves out: properties computed from the others. A task's state is rewritten on every step, and its
/// history's <c>Text</c> lines, <c>HeadSha256</c> and <c>ConcludedVerdict</c> (a second copy of a verdict) added about a
/// fifth to each write for nothing: they are computed again when the state is read. The API still shows them.
/// </summary>
public static class StoredFacts
{
    private static readonly Dictionary<Type, string[]> Derived = new()
    {
        [typeof(TaskView)] = [nameof(TaskView.HeadSha256), nameof(TaskView.ConcludedVerdict), nameof(TaskView.Basis)],
        [typeof(TaskHistoryEntry)] = [nameof(TaskHistoryEntry.Text)],
    };

    public static void LeaveOutDerived(JsonTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (Derived.TryGetValue(type.Type, out var names))
        {
            foreach (var property in type.Properties.Where(p => p.AttributeProvider is System.Reflection.PropertyInfo info && names.Contains(info.Name)).ToList())
            {
                type.Properties.Remove(property);
            }
        }
    }
}
