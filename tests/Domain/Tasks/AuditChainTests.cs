using FluentAssertions;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;

namespace Samples.Domain.Tests.Tasks;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void A_whole_trail_verifies_even_when_tasks_interleave_out_of_order()
    {
        var a = Entries("T-A", 3);
        var b = Entries("T-B", 2);
        AuditChain.Verify(Chain([a[0], b[0], a[2], a[1], b[1]])).Should().BeEmpty("a late delivery is no gap");
    }

    [Fact]
    public void An_altered_row_a_removed_row_and_a_missing_task_version_are_each_reported()
    {
        var rows = Chain(Entries("T-A", 3));
        AuditChain.Verify([rows[0], rows[1] with { Detail = "changed" }, rows[2]]).Should().Contain(p => p.Contains("altered"));
        AuditChain.Verify([rows[0], rows[2]]).Should().Contain(p => p.Contains("expected 2"));
        AuditChain.Verify(Chain(Entries("T-A", 3).Where(e => e.Version != 2))).Should().ContainSingle().Which.Should().Contain("version 3");
    }

    private static List<TaskHistoryEntry> Entries(string task, int count)
    {
        var entries = new List<TaskHistoryEntry>();
        for (var v = 1; v <= count; v++)
        {
            entries.Add(TaskHistory.Entry(entries.Count == 0 ? TaskHistoryEntry.Genesis : entries[^1].Sha256, v, At.AddMinutes(v), "system:-:x", "step", $"{task} step {v}"));
        }

        return entries;
    }

    private static List<AuditRow> Chain(IEnumerable<TaskHistoryEntry> entries)
    {
        var rows = new List<AuditRow>();
        var previous = TaskHistoryEntry.Genesis;
        foreach (var e in entries)
        {
            var stream = e.Detail.Split(' ')[0];
            var row = new AuditRow(rows.Count + 1, $"{stream}#{e.Version}", stream, e.Version, e.At, e.Actor, e.Action, e.Detail, e.PreviousSha256, e.Sha256, previous, string.Empty);
            row = row with { Sha256 = AuditChain.Link(previous, row.Line) };
            rows.Add(row);
            previous = row.Sha256;
        }

        return rows;
    }
}
