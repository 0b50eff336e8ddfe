using Samples.Silo.Audit;
using Samples.Silo.Tasks;

namespace Samples.Tests.Host.Audit;

/// <summary>The head log's file: appended to only when the head changed, read newest first, robust to a cut-short line.</summary>
public sealed class AuditHeadLogTests : IDisposable
{
    private static readonly DateTimeOffset Day = new(2026, 12, 5, 16, 5, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"samples-heads-{Guid.NewGuid():N}");

    private string File => Path.Combine(folder, "nested", "audit-heads.jsonl");

    private static AuditHead Head(long seq) => new(seq, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(seq))), Day.AddHours(-seq));

    [Fact]
    public async Task A_head_is_appended_once_and_again_only_when_it_changed()
    {
        var log = new AuditHeadLog(File);

        (await log.RecentAsync(10, default)).Should().BeEmpty("nothing is recorded before the file exists");
        (await log.RecordAsync(null, Day, default)).Written.Should().BeNull("an empty trail has no head");
        (await log.RecordAsync(Head(1), Day, default)).Written!.Seq.Should().Be(1);
        (await log.RecordAsync(Head(1), Day.AddDays(1), default)).Written.Should().BeNull("unchanged");
        var (written, last) = await log.RecordAsync(Head(5), Day.AddDays(2), default);

        written.Should().Be(new AuditHeadEntry(5, Head(5).Sha256, Head(5).At, Day.AddDays(2)));
        last!.Seq.Should().Be(1);
        (await System.IO.File.ReadAllLinesAsync(File)).Should().HaveCount(2).And.OnlyContain(l => AuditHeadEntry.Parse(l) != null);
        (await log.RecentAsync(10, default)).Select(e => e.Seq).Should().Equal(5, 1);
        (await log.RecentAsync(1, default)).Select(e => e.Seq).Should().Equal(5);
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_is_skipped_and_the_next_line_starts_on_its_own()
    {
        var log = new AuditHeadLog(File);
        await log.RecordAsync(Head(1), Day, default);
        await System.IO.File.AppendAllTextAsync(File, new AuditHeadEntry(2, Head(2).Sha256, Head(2).At, Day).ToLine()[..30]);

        (await log.RecordAsync(Head(1), Day.AddDays(1), default)).Written.Should().BeNull("the last whole line still holds this head");
        await log.RecordAsync(Head(3), Day.AddDays(1), default);

        var lines = await System.IO.File.ReadAllLinesAsync(File);
        lines.Should().HaveCount(3);
        AuditHeadEntry.Parse(lines[2])!.Seq.Should().Be(3);
        (await log.RecentAsync(10, default)).Select(e => e.Seq).Should().Equal(3, 1);
    }

    [Fact]
    public async Task A_writer_has_the_file_to_itself_so_silos_recording_the_same_head_together_add_one_line()
    {
        var log = new AuditHeadLog(File);
        await log.RecordAsync(Head(1), Day, default);

        Task<(AuditHeadEntry? Written, AuditHeadEntry? Last)> recording;
        await using (new FileStream(File, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            recording = log.RecordAsync(Head(2), Day, default);
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            recording.IsCompleted.Should().BeFalse("a head is compared and appended only while nobody else has the file open");
        }

        (await recording).Written!.Seq.Should().Be(2, "it goes on once the file is free");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => log.RecordAsync(Head(3), Day, default))));
        (await System.IO.File.ReadAllLinesAsync(File)).Select(l => AuditHeadEntry.Parse(l)!.Seq).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task A_read_returns_at_most_the_last_400_newest_first()
    {
        var log = new AuditHeadLog(File);
        for (var seq = 1; seq <= AuditHeadLog.MostRecent + 20; seq++)
        {
            await log.RecordAsync(Head(seq), Day, default);
        }

        var recent = await log.RecentAsync(int.MaxValue, default);

        recent.Should().HaveCount(AuditHeadLog.MostRecent);
        recent[0].Seq.Should().Be(AuditHeadLog.MostRecent + 20);
        recent[^1].Seq.Should().Be(21);
        (await log.RecentAsync(0, default)).Should().ContainSingle("at least one is returned");
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
