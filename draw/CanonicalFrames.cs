using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Samples.Draw;

/// <summary>A frame was refused: a duplicate id, a forbidden character, a bad header or number. The message says which row and why.</summary>
public sealed class FrameException(string message) : Exception(message);

/// <summary>One member of a target frame: a stable real-world id and its stratum (region|category|risk class).</summary>
public sealed record TargetRow(string Id, string Stratum);

/// <summary>One member of an inspector frame: regions covered and qualified categories; capacity = tasks still allowed at freeze time.</summary>
public sealed record InspectorRow(string Id, string Unit, IReadOnlyList<string> Regions, IReadOnlyList<string> Qualifications, int Capacity);

/// <summary>One excluded member and why.</summary>
public sealed record ExclusionRow(string Id, string Reason);

/// <summary>
/// A frame's canonical text (draw/spec/draw-spec.md section 2): UTF-8 without BOM, "\n" line ends (also after the
/// last row), a fixed header, rows sorted by id (ordinal), no duplicate ids, no "," or line break in a
/// field. <see cref="Sha256"/> is the SHA-256 of exactly these bytes.
/// </summary>
public sealed class CanonicalFrame<TRow>
{
    private byte[]? _bytes;

    /// <summary><paramref name="bytes"/> and <paramref name="sha256"/>, when given, are those of <paramref name="text"/> (already computed by the caller).</summary>
    internal CanonicalFrame(string header, IReadOnlyList<TRow> rows, string text, byte[]? bytes = null, string? sha256 = null)
    {
        Header = header;
        Rows = rows;
        Text = text;
        _bytes = bytes;
        Sha256 = sha256 ?? (bytes is not null ? Tickets.Sha256Hex(bytes) : Utf8Text.Sha256Hex(text));
    }

    public string Header { get; }

    /// <summary>The rows, sorted by id.</summary>
    public IReadOnlyList<TRow> Rows { get; }

    public string Text { get; }

    /// <summary>UTF-8 of <see cref="Text"/>, without BOM; made when first asked for (a large frame's hash does not need it whole).</summary>
    public byte[] Bytes => _bytes ?? LazyInitializer.EnsureInitialized(ref _bytes, () => new UTF8Encoding(false).GetBytes(Text));

    /// <summary>Lowercase hex SHA-256 of <see cref="Bytes"/>.</summary>
    public string Sha256 { get; }
}

/// <summary>UTF-8 of a text, hashed in pieces: the same bytes as <c>new UTF8Encoding(false).GetBytes(text)</c>, never all at once.</summary>
internal static class Utf8Text
{
    private const int Chunk = 1 << 16;

    public static string Sha256Hex(string text)
    {
        var utf8 = new UTF8Encoding(false);
        var encoder = utf8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(utf8.GetMaxByteCount(Chunk));
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (var offset = 0; ;)
            {
                var take = Math.Min(Chunk, text.Length - offset);
                var last = offset + take == text.Length;
                encoder.Convert(text.AsSpan(offset, take), buffer, last, out var used, out var written, out _);
                sha.AppendData(buffer.AsSpan(0, written));
                offset += used;
                if (last && used == take)
                {
                    return Convert.ToHexStringLower(sha.GetHashAndReset());
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>Builds and parses the three canonical frames; every refusal names the row and the reason.</summary>
public static class CanonicalFrames
{
    public const string TargetHeader = "id,stratum";
    public const string InspectorHeader = "id,unit,regions,qualifications,capacity";
    public const string ExclusionHeader = "id,reason";

    public static CanonicalFrame<TargetRow> Targets(IEnumerable<TargetRow> rows)
    {
        var sorted = SortedUnique(rows, r => r.Id, "target frame");
        foreach (var row in sorted)
        {
            Field(row.Id, "id", row.Id, "target frame");
            Field(row.Stratum, "stratum", row.Id, "target frame");
        }

        return new(TargetHeader, sorted, Text(TargetHeader, sorted.Select(r => $"{r.Id},{r.Stratum}")));
    }

    public static CanonicalFrame<InspectorRow> Inspectors(IEnumerable<InspectorRow> rows)
    {
        var sorted = SortedUnique(rows, r => r.Id, "inspector frame")
            .Select(r => r with { Regions = List(r.Regions, "regions", r.Id), Qualifications = List(r.Qualifications, "qualifications", r.Id) })
            .ToArray();
        foreach (var row in sorted)
        {
            Field(row.Id, "id", row.Id, "inspector frame");
            Field(row.Unit, "unit", row.Id, "inspector frame");
            if (row.Capacity < 0)
            {
                throw new FrameException($"inspector frame, id '{row.Id}': capacity {row.Capacity} is negative");
            }
        }

        return new(InspectorHeader, sorted, Text(InspectorHeader, sorted.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Id},{r.Unit},{string.Join(';', r.Regions)},{string.Join(';', r.Qualifications)},{r.Capacity}"))));
    }

    public static CanonicalFrame<ExclusionRow> Exclusions(IEnumerable<ExclusionRow> rows)
    {
        var sorted = SortedUnique(rows, r => r.Id, "exclusions");
        foreach (var row in sorted)
        {
            Field(row.Id, "id", row.Id, "exclusions");
            Field(row.Reason, "reason", row.Id, "exclusions");
        }

        return new(ExclusionHeader, sorted, Text(ExclusionHeader, sorted.Select(r => $"{r.Id},{r.Reason}")));
    }

    /// <summary>Reads a target frame's canonical text back; anything not canonical (order, BOM, CRLF, header) is refused.</summary>
    public static CanonicalFrame<TargetRow> ParseTargets(string text) => ParseTargets(text, null, null);

    public static CanonicalFrame<InspectorRow> ParseInspectors(string text) => ParseInspectors(text, null, null);

    public static CanonicalFrame<ExclusionRow> ParseExclusions(string text) => ParseExclusions(text, null, null);

    /// <summary>As <see cref="ParseTargets(string)"/>; <paramref name="bytes"/> and <paramref name="sha256"/>, when given, are the text's own.</summary>
    internal static CanonicalFrame<TargetRow> ParseTargets(string text, byte[]? bytes, string? sha256)
    {
        return Plain<TargetRow>(text, TargetHeader, 2, () =>
            {
                var names = new Names();
                return (ReadOnlySpan<char> line, ReadOnlySpan<Range> f, out TargetRow row) =>
                {
                    row = new TargetRow(line[f[0]].ToString(), names.Get(line[f[1]]));
                    return true;
                };
            }) is { } rows
            ? new(TargetHeader, rows, text, bytes, sha256)
            : ReparseTargets(text);
    }

    internal static CanonicalFrame<InspectorRow> ParseInspectors(string text, byte[]? bytes, string? sha256)
    {
        return Plain<InspectorRow>(text, InspectorHeader, 5, () =>
            {
                var names = new Names();
                return (ReadOnlySpan<char> line, ReadOnlySpan<Range> f, out InspectorRow row) =>
                {
                    row = null!;
                    if (PlainList(line[f[2]], names) is not { } regions || PlainList(line[f[3]], names) is not { } qualifications
                        || !PlainCapacity(line[f[4]], out var capacity))
                    {
                        return false;
                    }

                    row = new InspectorRow(line[f[0]].ToString(), names.Get(line[f[1]]), regions, qualifications, capacity);
                    return true;
                };
            }) is { } rows
            ? new(InspectorHeader, rows, text, bytes, sha256)
            : ReparseInspectors(text);
    }

    internal static CanonicalFrame<ExclusionRow> ParseExclusions(string text, byte[]? bytes, string? sha256)
    {
        return Plain<ExclusionRow>(text, ExclusionHeader, 2, () =>
            {
                var names = new Names();
                return (ReadOnlySpan<char> line, ReadOnlySpan<Range> f, out ExclusionRow row) =>
                {
                    row = new ExclusionRow(line[f[0]].ToString(), names.Get(line[f[1]]));
                    return true;
                };
            }) is { } rows
            ? new(ExclusionHeader, rows, text, bytes, sha256)
            : ReparseExclusions(text);
    }

    /// <summary>Decodes canonical bytes: strict UTF-8, no BOM.</summary>
    public static string Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            throw new FrameException("a canonical frame has no byte-order mark");
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FrameException("a canonical frame is UTF-8; these bytes are not");
        }
    }

    /// <summary>The general reading (split, rebuild, compare) without the one-pass reading first: for tests that compare the two.</summary>
    internal static CanonicalFrame<TargetRow> ReparseTargets(string text) => Reparse(text, TargetHeader, 2, f => new TargetRow(f[0], f[1]), Targets);

    internal static CanonicalFrame<InspectorRow> ReparseInspectors(string text) =>
        Reparse(text, InspectorHeader, 5, f => new InspectorRow(f[0], f[1], Split(f[2]), Split(f[3]), Capacity(f[4], f[0])), Inspectors);

    internal static CanonicalFrame<ExclusionRow> ReparseExclusions(string text) => Reparse(text, ExclusionHeader, 2, f => new ExclusionRow(f[0], f[1]), Exclusions);

    private delegate bool PlainRow<TRow>(ReadOnlySpan<char> line, ReadOnlySpan<Range> fields, out TRow row);

    /// <summary>
    /// The rows of a text that is plainly canonical, read in one pass without rebuilding it: the header, then lines that
    /// each end with "\n" and have exactly <paramref name="fields"/> non-empty fields, no CR anywhere, ids strictly
    /// ascending (ordinal), and every field as the builder writes it (<paramref name="row"/> says). Such a text is what
    /// the builder makes of these rows, so <see cref="Reparse"/> would accept it with the same rows. Anything else: null,
    /// and <see cref="Reparse"/> decides (and words the refusal).
    /// </summary>
    private static TRow[]? Plain<TRow>(string text, string header, int fields, Func<PlainRow<TRow>> parser)
    {
        var span = text.AsSpan();
        if (!span.StartsWith(header, StringComparison.Ordinal) || span.Length == header.Length || span[header.Length] != '\n'
            || span[^1] != '\n' || span.Contains('\r'))
        {
            return null;
        }

        // Large texts are read in pieces on every core (each piece starts at a line); then each piece's first id must
        // come after the previous piece's last, and the rows are put together in text order.
        var start = header.Length + 1;
        var pieces = Cores.Worth(text.Length - start, PlainParallelFrom) ? Environment.ProcessorCount * 4 : 1;
        var bounds = new int[pieces + 1];
        bounds[0] = start;
        bounds[pieces] = text.Length;
        for (var k = 1; k < pieces; k++)
        {
            var at = Math.Max(bounds[k - 1], start + (int)((long)(text.Length - start) * k / pieces));
            bounds[k] = at >= text.Length ? text.Length : at == start ? start : text.IndexOf('\n', at - 1) + 1;
        }

        var results = new (TRow[]? Rows, Range First, Range Last)[pieces];
        Cores.For(pieces, pieces > 1, k => results[k] = PlainPiece(text, bounds[k], bounds[k + 1], fields, parser()));

        var count = 0;
        Range? last = null;
        foreach (var (rows, first, end) in results)
        {
            if (rows is null)
            {
                return null;
            }

            if (rows.Length > 0)
            {
                if (last is { } before && span[before].SequenceCompareTo(span[first]) >= 0)
                {
                    return null;
                }

                last = end;
                count += rows.Length;
            }
        }

        if (pieces == 1)
        {
            return results[0].Rows;
        }

        var all = new TRow[count];
        var at2 = 0;
        foreach (var (rows, _, _) in results)
        {
            rows!.CopyTo(all, at2);
            at2 += rows.Length;
        }

        return all;
    }

    /// <summary>Texts at least this long (characters) are read on every core.</summary>
    private const int PlainParallelFrom = 4 << 20;

    /// <summary>The lines in text[from..to] (whole lines), with the ranges of the first and the last id; null rows: not plain.</summary>
    private static (TRow[]? Rows, Range First, Range Last) PlainPiece<TRow>(string text, int from, int to, int fields, PlainRow<TRow> row)
    {
        var span = text.AsSpan();
        var rows = new List<TRow>();
        Span<Range> ranges = stackalloc Range[fields + 1];
        Range first = default, previous = default;
        for (var position = from; position < to;)
        {
            var end = position + span[position..].IndexOf('\n');
            var line = span[position..end];
            if (line.Split(ranges, ',') != fields)
            {
                return (null, default, default);
            }

            foreach (var range in ranges[..fields])
            {
                if (line[range].IsEmpty)
                {
                    return (null, default, default);
                }
            }

            var (offset, length) = ranges[0].GetOffsetAndLength(line.Length);
            var id = new Range(position + offset, position + offset + length);
            if ((rows.Count > 0 && span[previous].SequenceCompareTo(span[id]) >= 0) || !row(line, ranges[..fields], out var parsed))
            {
                return (null, default, default);
            }

            if (rows.Count == 0)
            {
                first = id;
            }

            rows.Add(parsed);
            previous = id;
            position = end + 1;
        }

        return ([.. rows], first, previous);
    }

    /// <summary>A ';'-list as the builder writes it (entries non-empty, strictly ascending ordinal), or null.</summary>
    private static string[]? PlainList(ReadOnlySpan<char> field, Names names)
    {
        if (field.IsEmpty)
        {
            return [];
        }

        var entries = new List<string>();
        var previous = ReadOnlySpan<char>.Empty;
        foreach (var range in field.Split(';'))
        {
            var entry = field[range];
            if (entry.IsEmpty || (entries.Count > 0 && previous.SequenceCompareTo(entry) >= 0))
            {
                return null;
            }

            entries.Add(names.Get(entry));
            previous = entry;
        }

        return [.. entries];
    }

    /// <summary>A capacity as the builder writes it: digits, no sign, no leading zero.</summary>
    private static bool PlainCapacity(ReadOnlySpan<char> field, out int capacity) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out capacity)
        && (field.Length == 1 || field[0] != '0');

    /// <summary>One string per distinct value (strata, units, regions …): a frame repeats a few values over many rows.</summary>
    private sealed class Names
    {
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public string Get(ReadOnlySpan<char> value)
        {
            var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(value, out var name))
            {
                name = value.ToString();
                _names.Add(name, name);
            }

            return name;
        }
    }

    private static CanonicalFrame<TRow> Reparse<TRow>(string text, string header, int fields, Func<string[], TRow> row, Func<IEnumerable<TRow>, CanonicalFrame<TRow>> build)
    {
        var lines = text.Split('\n');
        if (lines[0] != header)
        {
            throw new FrameException($"the header must be '{header}', not '{lines[0].TrimEnd('\r')}'");
        }

        var rows = new List<TRow>();
        for (var i = 1; i < lines.Length - 1; i++)
        {
            var parts = lines[i].Split(',');
            if (parts.Length != fields)
            {
                throw new FrameException($"line {i + 1}: {parts.Length} fields, expected {fields}");
            }

            rows.Add(row(parts));
        }

        var frame = build(rows);
        if (frame.Text != text)
        {
            throw new FrameException("the text is not canonical (rows out of order, a missing final line end, CR characters, or unsorted lists)");
        }

        return frame;
    }

    private static TRow[] SortedUnique<TRow>(IEnumerable<TRow> rows, Func<TRow, string> id, string what)
    {
        var sorted = rows.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(id(a), id(b)));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (id(sorted[i]) == id(sorted[i - 1]))
            {
                throw new FrameException($"{what}: duplicate id '{Show(id(sorted[i]))}'");
            }
        }

        return sorted;
    }

    private static void Field(string value, string name, string id, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new FrameException($"{what}, id '{Show(id)}': {name} is empty");
        }

        if (value.AsSpan().IndexOfAny(",\n\r") >= 0)
        {
            throw new FrameException($"{what}, id '{Show(id)}': {name} '{Show(value)}' contains a comma or a line break");
        }
    }

    private static string[] List(IReadOnlyList<string> values, string name, string id)
    {
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny(",;\n\r") >= 0)
            {
                throw new FrameException($"inspector frame, id '{Show(id)}': {name} entry '{Show(value)}' is empty or contains ',', ';' or a line break");
            }
        }

        var sorted = values.Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>A value as an error message shows it: line breaks written as \n and \r.</summary>
    private static string Show(string value) => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string[] Split(string field) => field.Length == 0 ? [] : field.Split(';');

    private static int Capacity(string field, string id) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value.ToString(CultureInfo.InvariantCulture) == field
            ? value
            : throw new FrameException($"inspector frame, id '{id}': capacity '{field}' is not a whole number");

    private static string Text(string header, IEnumerable<string> lines)
    {
        var text = new StringBuilder(header).Append('\n');
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}
