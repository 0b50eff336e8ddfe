using System.Text.Json;
using Samples.Silo.Audit;
using Samples.Silo.Tasks;

namespace Samples.Tests.Host.Audit;

public sealed class AuditHeadEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 16, 5, 0, TimeSpan.Zero);

    private static string Sha(char c) => new(c, 64);

    [Fact]
    public void A_line_is_one_json_object_of_seq_sha256_at_and_recordedAt_and_reads_back_the_same()
    {
        var entry = new AuditHeadEntry(42, Sha('a'), At, Now);

        var line = entry.ToLine();

        line.Should().NotContain("\n");
        JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("seq", "sha256", "at", "recordedAt");
        line.Should().Contain("\"seq\":42").And.Contain("\"at\":\"2026-12-05T08:30:00+00:00\"");
        AuditHeadEntry.Parse(line).Should().Be(entry);
    }

    [Fact]
    public void An_empty_trail_or_a_head_the_last_line_holds_adds_no_line_and_any_other_head_does()
    {
        var last = new AuditHeadEntry(42, Sha('a'), At, Now.AddDays(-1));

        AuditHeadEntry.Next(null, null, Now).Should().BeNull("an empty trail has no head");
        AuditHeadEntry.Next(last, new AuditHead(42, Sha('a'), At), Now).Should().BeNull("unchanged since the last line");
        AuditHeadEntry.Next(null, new AuditHead(1, Sha('b'), At), Now).Should().Be(new AuditHeadEntry(1, Sha('b'), At, Now), "the first head");
        AuditHeadEntry.Next(last, new AuditHead(43, Sha('c'), At.AddHours(1)), Now).Should().Be(new AuditHeadEntry(43, Sha('c'), At.AddHours(1), Now));
        AuditHeadEntry.Next(last, new AuditHead(42, Sha('d'), At), Now).Should().Be(new AuditHeadEntry(42, Sha('d'), At, Now), "the same seq with another hash is another head");
    }

    [Fact]
    public void A_head_before_the_last_lines_or_with_its_seq_but_another_hash_went_back()
    {
        var last = new AuditHeadEntry(42, Sha('a'), At, Now.AddDays(-1));

        new AuditHeadEntry(43, Sha('b'), At, Now).WentBackFrom(last).Should().BeFalse("the trail grew");
        new AuditHeadEntry(43, Sha('b'), At, Now).WentBackFrom(null).Should().BeFalse("nothing was recorded before");
        new AuditHeadEntry(41, Sha('b'), At, Now).WentBackFrom(last).Should().BeTrue("entries were removed, or an older copy restored");
        new AuditHeadEntry(42, Sha('b'), At, Now).WentBackFrom(last).Should().BeTrue("the trail was re-hashed");
    }

    [Fact]
    public void Lines_that_hold_no_entry_are_skipped_and_text_read_from_the_middle_loses_its_first_fragment()
    {
        var first = new AuditHeadEntry(1, Sha('a'), At, Now).ToLine();
        var second = new AuditHeadEntry(2, Sha('b'), At, Now).ToLine();
        var text = string.Join('\n',
            first,
            "not json",
            "{\"seq\":3,\"sha256\":\"" + Sha('A') + "\",\"at\":\"2026-12-05T08:30:00+00:00\",\"recordedAt\":\"2026-12-05T16:05:00+00:00\"}",
            "{\"seq\":0,\"sha256\":\"" + Sha('a') + "\",\"at\":\"2026-12-05T08:30:00+00:00\",\"recordedAt\":\"2026-12-05T16:05:00+00:00\"}",
            "{\"seq\":4,\"sha256\":\"" + Sha('a') + "\"}",
            second + "\r",
            second[..20]);

        AuditHeadEntry.ParseLines(text, fromMiddle: false).Select(e => e.Seq).Should().Equal(1, 2);
        AuditHeadEntry.ParseLines(text, fromMiddle: true).Select(e => e.Seq).Should().Equal(2);
        AuditHeadEntry.ParseLines(string.Empty, fromMiddle: false).Should().BeEmpty();
    }
}
