using System.Text.Json;
using Samples.Silo.Tasks;

namespace Samples.Silo.Audit;

/// <summary>
/// One line of the audit head log (<see cref="AuditHeadLog"/>): the trail's head as it was read (seq, sha256 and the time
/// of that entry) and when it was recorded, as one line of JSON. Deciding whether a head is worth a line, and reading the
/// lines back, are here, apart from the file.
/// </summary>
public sealed record AuditHeadEntry(long Seq, string Sha256, DateTimeOffset At, DateTimeOffset RecordedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The line, without its line break: <c>{"seq":…,"sha256":"…","at":"…","recordedAt":"…"}</c>.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, Json);

    /// <summary>The entry a line holds, or null for one that is not an entry (such as a line cut short by a crash).</summary>
    public static AuditHeadEntry? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditHeadEntry>(line, Json) is { Seq: > 0, Sha256.Length: 64 } entry
                && entry.Sha256.All(char.IsAsciiHexDigitLower) && entry.At != default && entry.RecordedAt != default
                ? entry
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The entries in <paramref name="text"/>, oldest first. When the text was read from the middle of the file
    /// (<paramref name="fromMiddle"/>) its first line is a fragment and is left out; lines that hold no entry are skipped.
    /// </summary>
    public static List<AuditHeadEntry> ParseLines(string text, bool fromMiddle)
    {
        var lines = text.Split('\n');
        return lines.Skip(fromMiddle ? 1 : 0).Select(l => Parse(l.TrimEnd('\r'))).OfType<AuditHeadEntry>().ToList();
    }

    /// <summary>
    /// The line to append now that the trail's head is <paramref name="head"/> and the file's last entry is
    /// <paramref name="last"/>; null when there is nothing new: an empty trail has no head, and a head the last line
    /// already holds is not written again (so a silo that restarts, or two that record together, add no line).
    /// </summary>
    public static AuditHeadEntry? Next(AuditHeadEntry? last, AuditHead? head, DateTimeOffset now) =>
        head is null || (last is not null && last.Seq == head.Seq && string.Equals(last.Sha256, head.Sha256, StringComparison.Ordinal))
            ? null
            : new AuditHeadEntry(head.Seq, head.Sha256, head.At, now);

    /// <summary>
    /// Whether this head goes back from <paramref name="last"/>: an earlier seq, or the same seq with another hash. An
    /// append-only trail never does; one that was rewritten, or restored from an older copy, does.
    /// </summary>
    public bool WentBackFrom(AuditHeadEntry? last) =>
        last is not null && (Seq < last.Seq || (Seq == last.Seq && !string.Equals(Sha256, last.Sha256, StringComparison.Ordinal)));
}
