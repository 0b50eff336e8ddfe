using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;

namespace Samples.Draw;

/// <summary>One row of a target frame file as the bytes it has: the id's and the stratum's UTF-8, and where the id starts in the stream.</summary>
internal delegate void TargetRowBytes(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at);

/// <summary>What a scan does with each row (a struct: the call is compiled into the scanning loop, not made through a delegate).</summary>
internal interface IRowSink
{
    void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at);
}

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
        var sink = new DelegateSink(row);
        return Scan(stream, ref sink, hash);
    }

    /// <summary>The same with a struct sink: its call is compiled into the loop (the draw's selecting pass runs here once per member).</summary>
    public static string? Scan<TSink>(Stream stream, ref TSink sink, bool hash = false)
        where TSink : struct, IRowSink
    {
        using var sha = hash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var buffer = new byte[BufferSize];
        var lines = new FrameLines();
        var filled = 0;
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
            var whole = buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            lines.Read(buffer.AsSpan(0, whole), offset, ref sink);

            // The unfinished line moves to the front of the buffer; at the end there must be none (every line ends with "\n").
            buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
            filled -= whole;
            offset += whole;
            if (ended && filled > 0)
            {
                throw Unfinished(lines.Line + 1);
            }
        }

        if (lines.Line == 0)
        {
            throw NoHeader();
        }

        return sha is null ? null : Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    internal static FrameException Unfinished(long line) => new($"target frame, line {line}: the last line does not end with a line feed");

    internal static FrameException NoHeader() => new($"target frame: the header is not '{CanonicalFrames.TargetHeader}'");

    /// <summary>
    /// The canonical checks of whole lines (each ending with "\n"), in order; the line number and the previous id carry over
    /// from one call to the next, or are set (<see cref="StartAt"/>) for a piece of the file read elsewhere.
    /// </summary>
    internal sealed class FrameLines
    {
        private byte[] _previous = new byte[256];
        private int _previousLength = -1;

        /// <summary>Lines read so far: the next line is line <c>Line + 1</c> (line 1 is the header).</summary>
        public long Line { get; private set; }

        /// <summary>Continue at line <paramref name="line"/> + 1, after a row whose id is <paramref name="previous"/> (null: after the header or at it).</summary>
        public void StartAt(long line, ReadOnlySpan<byte> previous, bool hasPrevious)
        {
            Line = line;
            _previousLength = -1;
            if (hasPrevious)
            {
                Remember(previous);
            }
        }

        // Fully optimized from its first call: it is called once per block (a few thousand times in a draw of 50,000,000),
        // too few for tiering to replace its first code before most of the frame has gone through it (a first draw in a
        // process took 11.4 s instead of 7.3 s).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Read<TSink>(ReadOnlySpan<byte> data, long offset, ref TSink sink)
            where TSink : struct, IRowSink
        {
            // The id before (a span of this piece once a row is read here: copied only when the piece ends).
            ReadOnlySpan<byte> previous = _previousLength >= 0 ? _previous.AsSpan(0, _previousLength) : default;
            var hasPrevious = _previousLength >= 0;
            var previousPlain = hasPrevious && previous.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0;
            ref var start = ref MemoryMarshal.GetReference(data);
            var pos = 0;
            while (pos < data.Length)
            {
                // One look at each byte finds the line's end, its commas and any byte that is not printable ASCII; a line of
                // printable ASCII with one comma inside is canonical but for the order of ids (the checks below, in the
                // general way, decide everything else, and word the refusals).
                int end;
                var (commas, comma, plain) = (0, -1, true);
                if (Vector256.IsHardwareAccelerated && pos + 32 <= data.Length)
                {
                    var p = pos;
                    while (true)
                    {
                        if (p + 32 > data.Length)
                        {
                            end = data[p..].IndexOf((byte)'\n') + p;
                            var tail = data[p..end];
                            commas += tail.Count((byte)',');
                            comma = comma >= 0 || tail.IndexOf((byte)',') is var c && c < 0 ? comma : p + c;
                            plain &= tail.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0;
                            break;
                        }

                        var v = Vector256.LoadUnsafe(ref start, (nuint)p);
                        var newlines = Vector256.Equals(v, Vector256.Create((byte)'\n')).ExtractMostSignificantBits();
                        var commaBits = Vector256.Equals(v, Vector256.Create((byte)',')).ExtractMostSignificantBits();
                        var odd = (Vector256.LessThan(v.AsSByte(), Vector256.Create((sbyte)' ')).AsByte() | Vector256.Equals(v, Vector256.Create((byte)0x7F))).ExtractMostSignificantBits();
                        if (newlines != 0)
                        {
                            var k = BitOperations.TrailingZeroCount(newlines);
                            var before = (1u << k) - 1;
                            (commaBits, odd) = (commaBits & before, odd & before);
                            end = p + k;
                        }
                        else
                        {
                            end = -1;
                        }

                        // Without a branch: the comma falls in the first or the second piece as the id is short or long.
                        comma = comma < 0 && commaBits != 0 ? p + BitOperations.TrailingZeroCount(commaBits) : comma;
                        commas += BitOperations.PopCount(commaBits);

                        plain &= odd == 0;
                        if (end >= 0)
                        {
                            break;
                        }

                        p += 32;
                    }
                }
                else
                {
                    end = data[pos..].IndexOf((byte)'\n') + pos;
                    plain = false;
                }

                var line = ++Line;
                if (plain && commas == 1 && comma > pos && comma < end - 1 && line > 1)
                {
                    var id = data[pos..comma];
                    if (hasPrevious && (previousPlain ? !Before(previous, id) : !Ascending(previous, id)))
                    {
                        throw NotAfter(line, id);
                    }

                    sink.Row(id, data[(comma + 1)..end], offset + pos);
                    previous = id;
                    (hasPrevious, previousPlain) = (true, true);
                }
                else if (Checked(data[pos..end], line, previous, hasPrevious) is var id)
                {
                    if (line > 1)
                    {
                        sink.Row(id, data[(pos + id.Length + 1)..end], offset + pos);
                        previous = id;
                        (hasPrevious, previousPlain) = (true, id.IndexOfAnyExceptInRange((byte)' ', (byte)'~') < 0);
                    }
                }

                pos = end + 1;
            }

            if (hasPrevious)
            {
                Remember(previous);
            }
        }

        /// <summary>A line checked in the general way (the header, or a row that is not plain ASCII): its id, or a refusal.</summary>
        private static ReadOnlySpan<byte> Checked(ReadOnlySpan<byte> text, long line, ReadOnlySpan<byte> previous, bool hasPrevious)
        {
            if (line == 1)
            {
                if (text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    throw new FrameException("a canonical frame has no byte-order mark");
                }

                if (!text.SequenceEqual(Header))
                {
                    throw NoHeader();
                }

                return default;
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
            if (hasPrevious && !Ascending(previous, id))
            {
                throw NotAfter(line, id);
            }

            return id;
        }

        private static FrameException NotAfter(long line, ReadOnlySpan<byte> id) =>
            new($"target frame, line {line}: id '{Encoding.UTF8.GetString(id)}' is not after the previous id (rows sorted by id, ordinal, no duplicates)");

        private void Remember(ReadOnlySpan<byte> id)
        {
            if (_previous.Length < id.Length || id.Overlaps(_previous))
            {
                _previous = new byte[id.Length * 2];
            }

            id.CopyTo(_previous);
            _previousLength = id.Length;
        }
    }

    private readonly struct DelegateSink(TargetRowBytes row) : IRowSink
    {
        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at) => row(id, stratum, at);
    }

    /// <summary>
    /// Whether <paramref name="before"/> sorts strictly before <paramref name="id"/>, byte by byte (ids of printable ASCII).
    /// Consecutive ids mostly differ in their first 32 bytes (a code's last digits): there, one compare finds where.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Before(ReadOnlySpan<byte> before, ReadOnlySpan<byte> id)
    {
        if (before.Length >= 32 && id.Length >= 32)
        {
            var differ = ~Vector256.Equals(Vector256.Create(before[..32]), Vector256.Create(id[..32])).ExtractMostSignificantBits();
            if (differ != 0)
            {
                var at = BitOperations.TrailingZeroCount(differ);
                return before[at] < id[at];
            }
        }

        return before.SequenceCompareTo(id) < 0;
    }

    /// <summary>
    /// Whether <paramref name="id"/> comes strictly after <paramref name="before"/> in ordinal (UTF-16) order. UTF-8 bytes order
    /// as code points, which is the same except between supplementary characters and U+E000..U+FFFF (lead bytes 0xEE and up):
    /// those ids are compared as strings.
    /// </summary>
    private static bool Ascending(ReadOnlySpan<byte> before, ReadOnlySpan<byte> id) =>
        before.IndexOfAnyInRange((byte)0xEE, (byte)0xFF) < 0 && id.IndexOfAnyInRange((byte)0xEE, (byte)0xFF) < 0
            ? before.SequenceCompareTo(id) < 0
            : string.CompareOrdinal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(id)) < 0;
}

/// <summary>
/// A frame stream read on every core: each worker in turn reads the next block of whole lines (about <c>blockSize</c> bytes)
/// from the stream, then checks, and hands to its own sink, that block's rows. No thread only reads (on two cores it took
/// a share of them from the workers). A worker sees its blocks in no fixed order, so what a sink keeps must not depend on the
/// order (counts; the smallest tickets). Refusals are those of <see cref="TargetFrameScanner.Scan{TSink}"/>, with the same
/// line numbers: the reading counts each block's lines and passes on the id before it, and of the blocks refused the first
/// one's refusal is thrown.
/// </summary>
internal static class FrameBlocks
{
    public const int BlockSize = 1 << 20;

    private sealed record Block(long Index, byte[] Buffer, int Length, long FirstLine, long Offset, byte[]? Previous);

    public static void Read<TSink>(Stream stream, TSink[] sinks, int blockSize = BlockSize)
        where TSink : struct, IRowSink
    {
        var reader = new BlockReader(stream, blockSize, sinks.Length);
        var failures = new ConcurrentDictionary<long, Exception>();
        long firstFailed = long.MaxValue;
        Func<bool> refused = () => Interlocked.Read(ref firstFailed) != long.MaxValue;

        void Work(int worker)
        {
            var lines = new TargetFrameScanner.FrameLines();
            while (reader.Next(stop: refused) is { } block)
            {
                // After a refused block only earlier blocks can matter (the first refusal is the one thrown).
                if (block.Index < Interlocked.Read(ref firstFailed))
                {
                    try
                    {
                        lines.StartAt(block.FirstLine - 1, block.Previous, block.Previous is not null);
                        lines.Read(block.Buffer.AsSpan(0, block.Length), block.Offset, ref sinks[worker]);
                    }
                    catch (Exception ex)
                    {
                        failures[block.Index] = ex;
                        long seen;
                        while ((seen = Interlocked.Read(ref firstFailed)) > block.Index && Interlocked.CompareExchange(ref firstFailed, block.Index, seen) != seen)
                        {
                        }
                    }
                }

                reader.Free(block.Buffer);
            }
        }

        // The calling thread is the first worker.
        var others = Enumerable.Range(1, sinks.Length - 1)
            .Select(w => Task.Factory.StartNew(() => Work(w), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            Work(0);
        }
        finally
        {
            Task.WaitAll(others);
        }

        if (!failures.IsEmpty)
        {
            ExceptionDispatchInfo.Throw(failures[failures.Keys.Min()]);
        }

        if (reader.Failure is { } readFailure)
        {
            ExceptionDispatchInfo.Throw(readFailure);
        }

        if (reader.Leftover > 0)
        {
            throw TargetFrameScanner.Unfinished(reader.Line + 1);
        }

        if (reader.Line == 0)
        {
            throw TargetFrameScanner.NoHeader();
        }
    }

    /// <summary>The stream cut into blocks of whole lines, one block to whichever worker asks (under a lock: in file order).</summary>
    private sealed class BlockReader(Stream stream, int blockSize, int workers)
    {
        private readonly Lock _lock = new();
        private readonly Stack<byte[]> _free = new(Enumerable.Range(0, workers + 1).Select(_ => new byte[blockSize]));
        private byte[]? _buffer;
        private int _filled;
        private long _offset;
        private long _index;
        private byte[]? _previous;
        private bool _ended;

        /// <summary>Lines read so far (the header included).</summary>
        public long Line { get; private set; }

        /// <summary>Bytes after the last line feed when the stream ended (an unfinished last line).</summary>
        public int Leftover { get; private set; }

        /// <summary>Why the stream could not be read (the reading then stops).</summary>
        public Exception? Failure { get; private set; }

        /// <summary>The next block; null at the end, after a failure to read, or once <paramref name="stop"/> says so.</summary>
        public Block? Next(Func<bool> stop)
        {
            lock (_lock)
            {
                try
                {
                    return Read(stop);
                }
                catch (Exception ex)
                {
                    Failure = ex;
                    _ended = true;
                    return null;
                }
            }
        }

        public void Free(byte[] buffer)
        {
            lock (_lock)
            {
                if (buffer.Length == blockSize)
                {
                    _free.Push(buffer);
                }
            }
        }

        private Block? Read(Func<bool> stop)
        {
            var buffer = _buffer ??= Take();
            while (!_ended && !stop())
            {
                while (_filled < buffer.Length && !_ended)
                {
                    var read = stream.Read(buffer, _filled, buffer.Length - _filled);
                    _ended = read == 0;
                    _filled += read;
                }

                var whole = buffer.AsSpan(0, _filled).LastIndexOf((byte)'\n') + 1;
                if (whole == 0)
                {
                    if (!_ended)
                    {
                        // A line longer than a block: a larger buffer for it.
                        Array.Resize(ref buffer, buffer.Length * 2);
                        _buffer = buffer;
                    }

                    continue;
                }

                var data = buffer.AsSpan(0, whole);
                var block = new Block(_index++, buffer, whole, Line + 1, _offset, Line >= 2 ? _previous : null);

                // The id of this block's last line is what the next block's first id must follow (a malformed last line is
                // refused in this block, before the next one's comparison could matter).
                var last = data[..^1];
                last = last[(last.LastIndexOf((byte)'\n') + 1)..];
                var comma = last.IndexOf((byte)',');
                _previous = (comma < 0 ? last : last[..comma]).ToArray();
                Line += data.Count((byte)'\n');
                _offset += whole;

                // The unfinished line goes to the front of the next buffer.
                var next = Take();
                if (next.Length < _filled - whole)
                {
                    next = new byte[buffer.Length];
                }

                buffer.AsSpan(whole, _filled - whole).CopyTo(next);
                _filled -= whole;
                _buffer = next;
                return block;
            }

            Leftover = _filled;
            return null;
        }

        private byte[] Take() => _free.TryPop(out var buffer) ? buffer : new byte[blockSize];
    }
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
    /// <paramref name="open"/> is called once (a frame file: twice in about one draw in 10^9, when a sieve's bound proves too
    /// tight); a frame whose strata do not have exactly these counts is refused.
    /// </remarks>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Targets(
        Func<IEnumerable<TargetRow>> open, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return TargetDraw.Run(open, targetSeed, rules, counts: counts);
    }

    /// <summary>
    /// The same over a canonical target frame file's bytes, read once with or without the counts (a sieve per stratum; a second
    /// reading in about one draw in 10^9, when a bound proves too tight); a frame that is not canonical is refused.
    /// </summary>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Targets(
        Func<Stream> open, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null)
    {
        ArgumentNullException.ThrowIfNull(open);
        return TargetDraw.Run(open, targetSeed, rules, counts);
    }

    /// <summary>The same over a target frame file on disk (read once, as above).</summary>
    public static (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) TargetsFromFile(
        string path, string targetSeed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null) =>
        Targets(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), targetSeed, rules, counts);

    /// <summary>Each stratum's members as the quotas record them (<see cref="StratumQuota.Members"/>): the counts that spare a counting pass.</summary>
    public static IReadOnlyDictionary<string, int> Counts(IEnumerable<StratumQuota> quotas) =>
        quotas.ToDictionary(q => q.Stratum, q => q.Members, StringComparer.Ordinal);
}
