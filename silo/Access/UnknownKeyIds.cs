using System.Collections.Concurrent;
using System.Diagnostics;

namespace Samples.Silo.Access;

/// <summary>
/// Key ids that were never issued, remembered for <see cref="Remembered"/> (a short negative cache): a caller guessing
/// tokens is answered 401 without activating a credential grain or reading PostgreSQL. Bounded: when full, it starts over.
/// </summary>
public sealed class UnknownKeyIds
{
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(1);
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, long> since = new(StringComparer.Ordinal);

    public bool Contains(string keyId) =>
        since.TryGetValue(keyId, out var at) && (Stopwatch.GetElapsedTime(at) < Remembered || !since.TryRemove(keyId, out _));

    public void Add(string keyId)
    {
        if (since.Count >= MaxEntries)
        {
            since.Clear();
        }

        since[keyId] = Stopwatch.GetTimestamp();
    }
}
