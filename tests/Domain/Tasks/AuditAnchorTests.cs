using Samples.Contracts.Tasks;
using Samples.Domain.Audit;

namespace Samples.Domain.Tests.Tasks;

public sealed class AuditAnchorTests
{
    private static List<AuditRow> Trail(params (string Stream, int Version)[] entries)
    {
        var rows = new List<AuditRow>();
        var previous = TaskHistoryEntry.Genesis;
        var streamHeads = new Dictionary<string, string>();
        foreach (var (stream, version) in entries)
        {
            var entry = TaskHistory.Entry(streamHeads.GetValueOrDefault(stream, TaskHistoryEntry.Genesis), version, DateTimeOffset.UnixEpoch, "a", "x", "d");
            streamHeads[stream] = entry.Sha256;
            var row = new AuditRow(rows.Count + 1, $"{stream}#{version}", stream, version, entry.At, "a", "x", "d", entry.PreviousSha256, entry.Sha256, previous, string.Empty);
            row = row with { Sha256 = AuditChain.Link(previous, row.Line) };
            rows.Add(row);
            previous = row.Sha256;
        }

        return rows;
    }

    [Fact]
    public void A_head_published_earlier_must_still_be_in_the_trail()
    {
        var trail = Trail(("T1", 1), ("T2", 1), ("T1", 2));
        AuditChain.Verify(trail).Should().BeEmpty();
        AuditChain.Anchored(trail, trail[1].Sha256).Should().BeNull();

        // Rewritten from the start (T1's second change dropped, the rest re-hashed): it verifies alone, but the head kept before is gone.
        var rewritten = Trail(("T1", 1), ("T2", 1));
        AuditChain.Verify(rewritten).Should().BeEmpty("a re-hashed trail is coherent by itself");
        AuditChain.Anchored(rewritten, trail[2].Sha256).Should().Contain("is not in the trail");
    }

    [Fact]
    public void Every_tasks_latest_version_must_be_in_the_trail()
    {
        var trail = Trail(("T1", 1), ("T2", 1), ("T1", 2));
        AuditChain.Complete(trail, [("T1", 2), ("T2", 1)]).Should().BeEmpty();
        AuditChain.Complete(trail, [("T1", 3), ("T3", 1)]).Should().Equal(
            "T1: version 3 is the task's latest, the trail holds up to version 2",
            "T3: version 1 is the task's latest, the trail holds none of it");
    }
}
