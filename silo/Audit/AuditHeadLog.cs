using System.Text;
using Samples.Silo.Tasks;

namespace Samples.Silo.Audit;

/// <summary>
/// The audit trail's heads, recorded outside the database (<c>Samples:Audit:HeadLogFile</c>): a file of JSON lines,
/// oldest first, only ever appended to. Someone who can rewrite the trail in PostgreSQL cannot make it agree with the
/// heads this file, and everyone who read them from <c>GET /api/public/audit/heads</c>, kept. Each line is written
/// whole and flushed to disk; the file is locked while a head is compared and appended, so silos sharing it add one
/// line, not two; a line cut short by a crash is skipped on reading and the next one starts on a line of its own.
/// </summary>
public sealed class AuditHeadLog(string path)
{
    /// <summary>The most entries one read returns (more than a year of days).</summary>
    public const int MostRecent = 400;

    /// <summary>How much of the file's end is read: the most recent entries (about 150 bytes each), with room to spare.</summary>
    private const int TailBytes = 256 * 1024;

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    public string Path => path;

    /// <summary>Appends <paramref name="head"/> unless the last line already holds it; answers the line written (or null) and the one before it.</summary>
    public async Task<(AuditHeadEntry? Written, AuditHeadEntry? Last)> RecordAsync(AuditHead? head, DateTimeOffset now, CancellationToken ct)
    {
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { } folder)
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        await using var file = await OpenAsync(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, ct);
        var (text, fromMiddle) = await TailAsync(file, ct);
        var last = AuditHeadEntry.ParseLines(text, fromMiddle).LastOrDefault();
        var next = AuditHeadEntry.Next(last, head, now);
        if (next is null)
        {
            return (null, last);
        }

        var cutShort = text.Length > 0 && !text.EndsWith('\n');
        var bytes = Encoding.UTF8.GetBytes((cutShort ? "\n" : string.Empty) + next.ToLine() + "\n");
        file.Seek(0, SeekOrigin.End);
        await file.WriteAsync(bytes, ct);
        file.Flush(flushToDisk: true);
        return (next, last);
    }

    /// <summary>The most recent entries, newest first: at most <paramref name="limit"/> (1 to <see cref="MostRecent"/>); none before the first is recorded.</summary>
    public async Task<List<AuditHeadEntry>> RecentAsync(int limit, CancellationToken ct)
    {
        try
        {
            await using var file = await OpenAsync(FileMode.Open, FileAccess.Read, FileShare.ReadWrite, ct);
            var (text, fromMiddle) = await TailAsync(file, ct);
            var entries = AuditHeadEntry.ParseLines(text, fromMiddle);
            entries.Reverse();
            return entries.Take(Math.Clamp(limit, 1, MostRecent)).ToList();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static async Task<(string Text, bool FromMiddle)> TailAsync(FileStream file, CancellationToken ct)
    {
        var start = Math.Max(0, file.Length - TailBytes);
        file.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[file.Length - start];
        await file.ReadExactlyAsync(buffer, ct);
        return (Encoding.UTF8.GetString(buffer), start > 0);
    }

    /// <summary>Opens the file, waiting while another writer (this silo's job, or another silo's) holds it.</summary>
    private async Task<FileStream> OpenAsync(FileMode mode, FileAccess access, FileShare share, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(path, mode, access, share, bufferSize: 1, FileOptions.Asynchronous);
            }
            catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
            }
        }
    }
}
