using System.Security.Cryptography;
using System.Text;

namespace Samples.Draw;

/// <summary>One row of a target frame file as the bytes it has: the id's and the stratum's UTF-8, and where the id starts in the stream.</summary>
internal delegate void TargetRowBytes(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at);

/// <summary>
/// Reads a canonical target frame (draw/spec/draw-spec.md section 2) from a stream, line by line, in a buffer of bounded
/// size: what <see cref="CanonicalFrames.ParseTargets(string)"/> accepts is accepted with the same rows, anything else is
/// refused with the line's number and why. Memory does not grow with the frame.
/// </summary>
internal static class TargetFrameScanner
{
    private const int BufferSize = 1 << 20;

    private static readonly byte[] Header = Encoding.ASCII.GetBytes(CanonicalFrames.TargetHeader);

    /// <summary>Calls <paramref name="row"/> for every row in file order; returns the SHA-256 of the bytes read when <paramref name="hash"/>.</summary>
    public static string? Scan(Stream stream, TargetRowBytes row, bool hash = false)
    {
        using var sha = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var buffer = new byte[BufferSize];
        var previous = new byte[256];
        var previousLength = -1;
        var filled = 0;
        long line = 0;
        long offset = 0;
        var ended = false;
        while (!ended)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, filled, buffer.Length - filled);
            ended = read == 0;
            sha?.AppendData(buffer, filled, read);
            filled += read;
            var data = buffer.AsSpan(0, filled);
            var consumed = 0;
            while (true)
            {
                var end = data[consumed..].IndexOf((byte)'\n');
                if (end < 0)
                {
                    break;
                }

                var text = data.Slice(consumed, end);
                consumed += end + 1;
                line++;
                if (line == 1)
                {
                    if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                    {
                        throw new FrameException("a canonical frame has no byte-order mark");
                    }

                    if (!text.SequenceEqual(Header))
                    {
                        throw new FrameException($"target frame: the header is not '{CanonicalFrames.TargetHeader}'");
                    }

                    continue;
                }

                var comma = text.IndexOf((byte)',');
                if (comma <= 0 || comma == text.Length - 1 || text[(comma + 1)..].Contains((byte)','))
                {
                    throw new FrameException($"target frame, line {line}: not two non-empty fields (id,stratum)");
                }

                if (text.Contains((byte)'\r') || !System.Text.Unicode.Utf8.IsValid(text))
                {
                    throw new FrameException($"target frame, line {line}: a carriage return or bytes that are not UTF-8");
                }

                var id = text[..comma];
                if (previousLength >= 0 && !Ascending(previous.AsSpan(0, previousLength), id))
                {
                    throw new FrameException($"target frame, line {line}: id '{Encoding.UTF8.GetString(id)}' is not after the previous id (rows sorted by id, ordinal, no duplicates)");
                }

                if (previous.Length < id.Length)
                {
                    previous = new byte[id.Length * 2];
                }

                id.CopyTo(previous);
                previousLength = id.Length;
                row(id, text[(comma + 1)..], offset + consumed - end - 1);
            }

            // The unfinished line moves to the front of the buffer; at the end there must be none (every line ends with "\n").
            data[consumed..].CopyTo(buffer);
            filled -= consumed;
            offset += consumed;
            if (ended && filled > 0)
            {
                throw new FrameException($"target frame, line {line + 1}: the last line does not end with a line feed");
            }
        }

        if (line == 0)
        {
            throw new FrameException($"target frame: the header is not '{CanonicalFrames.TargetHeader}'");
        }

        return sha is null ? null : Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Whether <paramref name="id"/> comes strictly after <paramref name="before"/> in ordinal (UTF-16) order. UTF-8 bytes order
    /// as code points, which is the same except between supplementary characters and U+E000..U+FFFF (lead bytes 0xEE and up):
    /// those ids are compared as strings.
    /// </summary>
    /// <summary>The id of the row whose id starts at <paramref name="at"/> in a frame file (read again from there, up to its comma).</summary>
    public static string IdAt(Microsoft.Win32.SafeHandles.SafeFileHandle file, long at)
    {
        var buffer = new byte[128];
        var length = 0;
        while (true)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(length), at + length);
            var comma = buffer.AsSpan(length, read).IndexOf((byte)',');
            if (comma >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, length + comma);
            }

            if (read == 0)
            {
                throw new FrameException("target frame: the file changed while it was drawn from");
            }

            length += read;
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    private static bool Ascending(ReadOnlySpan<byte> before, ReadOnlySpan<byte> id) =>
        before.IndexOfAnyInRange((byte)0xEE, (byte)0xFF) < 0 && id.IndexOfAnyInRange((byte)0xEE, (byte)0xFF) < 0
            ? before.SequenceCompareTo(id) < 0
            : string.CompareOrdinal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(id)) < 0;
}

/// <summary>The target draw over a frame that is streamed rather than held: memory grows with the sample, not the frame.</summary>
public static class StreamingDraw
{
    /// <summary>
    /// Quotas, picks and alternates (as <see cref="Drawing.Run"/> draws them) over the rows <paramref name="open"/> gives; it is
    /// called twice (the quotas need each stratum's count first) and must give the same rows in the same order both times.
    /// </summary>
    /// <remarks>
    /// With <paramref name="counts"/> (each stratum's members, e.g. the <see cref="StratumQuota.Members"/> a bundle records)
    /// <paramref name="open"/> is called once; a frame whose strata do not have exactly these counts is refused.
    /// </remarks>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Targets(
        Func<IEnumerable<TargetRow>> open, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return TargetDraw.Run(open, targetSeed, rules, counts: counts);
    }

    /// <summary>The same over a canonical target frame file's bytes (<paramref name="open"/> is called twice); a frame that is not canonical is refused.</summary>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Targets(
        Func<Stream> open, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return TargetDraw.Run(open, targetSeed, rules, counts);
    }

    /// <summary>The same over a target frame file on disk (read once when <paramref name="counts"/> are given, else twice).</summary>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) TargetsFromFile(
        string path, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null) =>
        Targets(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), targetSeed, rules, counts);

    /// <summary>Each stratum's members as the quotas record them (<see cref="StratumQuota.Members"/>): the counts that spare a counting pass.</summary>
    public static IReadOnlyDictionary<string, int> Counts(IEnumerable<StratumQuota> quotas) =>
        quotas.ToDictionary(q => q.Stratum, q => q.Members, StringComparer.Ordinal);
}
