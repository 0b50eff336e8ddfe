using Samples.Contracts.Tasks;

namespace Samples.Domain.Audit;

/// <summary>One row of the audit trail as published by <c>GET /api/audit</c>.</summary>
public sealed record AuditRow(
    long Seq,
    string EventId,
    string Stream,
    int Version,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Detail,
    string TaskPreviousSha256,
    string TaskSha256,
    string PreviousSha256,
    string Sha256)
{
    public TaskHistoryEntry Entry => new(Version, At, Actor, Action, Detail, TaskPreviousSha256, TaskSha256);

    /// <summary>The line the deployment's chain hashes: sequence, stream, the entry's text and its own chain hash.</summary>
    public string Line => $"{Seq}|{Stream}|{Entry.Text}|{TaskSha256}";
}

/// <summary>
/// The deployment's audit trail: every task change (and every draw step) in the order it was recorded, each row chained
/// to the one before (SHA-256 of the previous hash, a line feed and the row's line) and, within its stream, to the
/// stream's previous entry. Verifying needs nothing but the rows.
/// </summary>
public static class AuditChain
{
    public static string Link(string previousSha256, string line) => TaskHistory.Link(previousSha256, line);

    /// <summary>What does not hold, in order (empty when the trail is whole): gaps in the sequence, broken links, altered text, and broken or missing entries of a stream.</summary>
    public static IReadOnlyList<string> Verify(IEnumerable<AuditRow> rows, string startPrevious = TaskHistoryEntry.Genesis, long startSeq = 1)
    {
        var problems = new List<string>();
        var previous = startPrevious;
        var expected = startSeq;
        var streams = new Dictionary<string, List<AuditRow>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Seq != expected)
            {
                problems.Add($"seq {row.Seq}: expected {expected} (a row is missing or out of order)");
                expected = row.Seq;
            }

            if (row.PreviousSha256 != previous)
            {
                problems.Add($"seq {row.Seq}: its previous hash is not the hash of seq {row.Seq - 1}");
            }

            if (Link(row.PreviousSha256, row.Line) != row.Sha256)
            {
                problems.Add($"seq {row.Seq} ({row.EventId}): its content does not give its hash (altered)");
            }

            if (TaskHistory.Link(row.TaskPreviousSha256, row.Entry.Text) != row.TaskSha256)
            {
                problems.Add($"seq {row.Seq} ({row.EventId}): the entry does not give its own stream hash");
            }

            if (!streams.TryGetValue(row.Stream, out var stream))
            {
                streams[row.Stream] = stream = [];
            }

            stream.Add(row);
            previous = row.Sha256;
            expected++;
        }

        // Each task's own chain, by version (deliveries may interleave): versions 1, 2, ... each linked to the one before.
        foreach (var (name, stream) in streams.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var last = (Version: 0, Sha256: TaskHistoryEntry.Genesis);
            foreach (var row in stream.OrderBy(r => r.Version))
            {
                if (row.Version != last.Version + 1 || row.TaskPreviousSha256 != last.Sha256)
                {
                    problems.Add($"{name}: version {row.Version} (seq {row.Seq}) does not follow version {last.Version} of the task's chain (an entry is missing or altered)");
                }

                last = (row.Version, row.TaskSha256);
            }
        }

        return problems;
    }

    /// <summary>
    /// Whether a head published earlier (kept by anyone: the public head, a draw's index entry) is still in the trail. A
    /// trail rewritten before that point, re-hashed to verify on its own, no longer contains it.
    /// </summary>
    public static string? Anchored(IReadOnlyList<AuditRow> rows, string expectedHead) =>
        rows.Any(r => string.Equals(r.Sha256, expectedHead, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"the published head {expectedHead} is not in the trail: the trail before it was rewritten or cut";

    /// <summary>Every task's last version (as its read model holds it) is in the trail: a change whose entry was removed from the end of a stream shows here.</summary>
    public static IReadOnlyList<string> Complete(IReadOnlyList<AuditRow> rows, IEnumerable<(string Stream, int Version)> lastVersions)
    {
        var highest = rows.GroupBy(r => r.Stream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(r => r.Version), StringComparer.Ordinal);
        return [.. lastVersions
            .Where(s => !highest.TryGetValue(s.Stream, out var v) || v < s.Version)
            .Select(s => $"{s.Stream}: version {s.Version} is the task's latest, the trail holds {(highest.TryGetValue(s.Stream, out var v) ? $"up to version {v}" : "none of it")}")];
    }
}
