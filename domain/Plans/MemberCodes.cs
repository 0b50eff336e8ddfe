using System.Collections;
using System.Text;

namespace Samples.Domain.Plans;

/// <summary>
/// A stratum's member codes packed in one buffer (issue 22): a national directory's frames hold 13 M members, and as
/// 13 M strings they cost ~64 B each plus a reference, and every garbage collection traced them all. Packed, an
/// 18-character USCC costs 18 bytes and 4 of offset, in a few arrays the collector does not look into. Reading an
/// element makes its string (the draw's target frame reads each member once). Codes are kept as single bytes while
/// they are all Latin-1 (USCCs are ASCII) and widened to UTF-16 otherwise: the order is ordinal either way.
/// Filled by the frame source and <see cref="FrameBuilder"/> before anyone reads it; not to be added to afterwards.
/// </summary>
public sealed class MemberCodes : IReadOnlyList<string>
{
    private byte[] narrow = [];
    private char[]? wide;
    private int length;
    private int[] ends = [];

    public MemberCodes(int capacity = 0)
    {
        if (capacity > 0)
        {
            ends = new int[capacity];
            narrow = new byte[capacity * 18];
        }
    }

    public MemberCodes(IEnumerable<string> codes)
        : this()
    {
        foreach (var code in codes)
        {
            Add(code);
        }
    }

    public int Count { get; private set; }

    /// <summary>The bytes its buffers take (the codes and their offsets).</summary>
    public long Bytes => (wide is null ? narrow.Length : wide.Length * 2L) + ends.Length * 4L;

    public string this[int index] => Span(index).ToString();

    /// <summary>The code at <paramref name="index"/>, without making a string (comparing, merging).</summary>
    public CodeSpan Span(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        var start = index == 0 ? 0 : ends[index - 1];
        return wide is null ? new CodeSpan(narrow.AsSpan(start, ends[index] - start)) : new CodeSpan(wide.AsSpan(start, ends[index] - start));
    }

    public void Add(ReadOnlySpan<char> code)
    {
        if (wide is null && !IsLatin1(code))
        {
            Widen();
        }

        if (Count == ends.Length)
        {
            Array.Resize(ref ends, Math.Max(16, Count * 2));
        }

        if (wide is null)
        {
            Ensure(ref narrow, code.Length);
            for (var i = 0; i < code.Length; i++)
            {
                narrow[length + i] = (byte)code[i];
            }
        }
        else
        {
            Ensure(ref wide, code.Length);
            code.CopyTo(wide.AsSpan(length));
        }

        length += code.Length;
        ends[Count++] = length;
    }

    public void Add(CodeSpan code)
    {
        if (code.IsNarrow && wide is null)
        {
            if (Count == ends.Length)
            {
                Array.Resize(ref ends, Math.Max(16, Count * 2));
            }

            Ensure(ref narrow, code.Length);
            code.Narrow.CopyTo(narrow.AsSpan(length));
            length += code.Length;
            ends[Count++] = length;
            return;
        }

        Add(code.ToString().AsSpan());
    }

    /// <summary>The lists one after the other (e.g. the directory's code ranges, read at once, in range order).</summary>
    public static MemberCodes Concat(IReadOnlyList<MemberCodes> lists)
    {
        if (lists.Count == 1)
        {
            return lists[0];
        }

        var all = new MemberCodes();
        if (lists.All(l => l.wide is null))
        {
            all.ends = new int[lists.Sum(l => l.Count)];
            all.narrow = new byte[lists.Sum(l => l.length)];
            foreach (var list in lists)
            {
                list.narrow.AsSpan(0, list.length).CopyTo(all.narrow.AsSpan(all.length));
                for (var i = 0; i < list.Count; i++)
                {
                    all.ends[all.Count++] = all.length + list.ends[i];
                }

                all.length += list.length;
            }

            return all;
        }

        foreach (var list in lists)
        {
            for (var i = 0; i < list.Count; i++)
            {
                all.Add(list.Span(i));
            }
        }

        return all;
    }

    /// <summary>Gives back what growing reserved: the lists live as long as the frames.</summary>
    public MemberCodes Trimmed()
    {
        if (ends.Length != Count)
        {
            Array.Resize(ref ends, Count);
        }

        if (wide is null && narrow.Length != length)
        {
            Array.Resize(ref narrow, length);
        }
        else if (wide is not null && wide.Length != length)
        {
            Array.Resize(ref wide, length);
        }

        return this;
    }

    public bool IsSorted()
    {
        for (var i = 1; i < Count; i++)
        {
            if (Span(i - 1).CompareTo(Span(i)) > 0)
            {
                return false;
            }
        }

        return true;
    }

    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsLatin1(ReadOnlySpan<char> code)
    {
        foreach (var c in code)
        {
            if (c > 0xFF)
            {
                return false;
            }
        }

        return true;
    }

    private void Widen()
    {
        wide = new char[Math.Max(narrow.Length, 16)];
        for (var i = 0; i < length; i++)
        {
            wide[i] = (char)narrow[i];
        }

        narrow = [];
    }

    private void Ensure<T>(ref T[] buffer, int more)
    {
        if (length + more > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(length + more, Math.Max(64, buffer.Length * 2)));
        }
    }
}

/// <summary>One packed code: Latin-1 bytes or UTF-16, compared ordinally as the string would be.</summary>
public readonly ref struct CodeSpan
{
    public CodeSpan(ReadOnlySpan<byte> narrow)
    {
        Narrow = narrow;
        IsNarrow = true;
    }

    public CodeSpan(ReadOnlySpan<char> wide) => Wide = wide;

    public ReadOnlySpan<byte> Narrow { get; }

    public ReadOnlySpan<char> Wide { get; }

    public bool IsNarrow { get; }

    public int Length => IsNarrow ? Narrow.Length : Wide.Length;

    /// <summary>Ordinal, as <see cref="string.CompareOrdinal(string, string)"/>: Latin-1 bytes are the chars' values.</summary>
    public int CompareTo(CodeSpan other)
    {
        if (IsNarrow && other.IsNarrow)
        {
            return Narrow.SequenceCompareTo(other.Narrow);
        }

        var n = Math.Min(Length, other.Length);
        for (var i = 0; i < n; i++)
        {
            var d = At(i) - other.At(i);
            if (d != 0)
            {
                return d;
            }
        }

        return Length - other.Length;
    }

    public char At(int i) => IsNarrow ? (char)Narrow[i] : Wide[i];

    public override string ToString() => IsNarrow ? Encoding.Latin1.GetString(Narrow) : new string(Wide);
}
