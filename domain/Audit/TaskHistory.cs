using System.Security.Cryptography;
using System.Text;
using Samples.Contracts.Tasks;

namespace Samples.Domain.Audit;

/// <summary>The hash chain of a task's history: each entry's SHA-256 covers the previous entry's hash and its own text.</summary>
public static class TaskHistory
{
    public static string Link(string previousSha256, string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousSha256 + "\n" + text)));

    public static TaskHistoryEntry Entry(string previousSha256, int version, DateTimeOffset at, string actor, string action, string detail)
    {
        // Whole microseconds, as PostgreSQL keeps them, so the trail read back gives the same text and hash.
        var micro = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
        var entry = new TaskHistoryEntry(version, micro, actor, action, detail, previousSha256, string.Empty);
        return entry with { Sha256 = Link(previousSha256, entry.Text) };
    }

    /// <summary>The first entry whose link or hash does not hold, or null when the whole chain holds.</summary>
    public static string? Verify(IReadOnlyList<TaskHistoryEntry> history)
    {
        var previous = TaskHistoryEntry.Genesis;
        for (var i = 0; i < history.Count; i++)
        {
            var e = history[i];
            if (e.PreviousSha256 != previous)
            {
                return $"entry {i + 1} (version {e.Version}): its previous hash does not match entry {i}";
            }

            if (Link(previous, e.Text) != e.Sha256)
            {
                return $"entry {i + 1} (version {e.Version}): its text does not give its hash";
            }

            previous = e.Sha256;
        }

        return null;
    }
}
