using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Samples.Domain.Directory;

/// <summary>
/// A streaming RFC 4180 reader: comma-separated, fields optionally in double quotes, a quote inside
/// quotes doubled (""), commas and line breaks allowed inside quotes, records ended by CRLF, LF or CR.
/// A leading byte-order mark is skipped, blank lines are skipped (but counted as rows), and the file may
/// or may not end with a line break.
/// <para>
/// Reading from a <see cref="Stream"/> decodes UTF-8 strictly: an invalid byte sequence stops reading
/// at the row and column where it occurs. Anything outside <see cref="CsvLimits"/>, a NUL character, a
/// quote inside an unquoted value or a quote never closed stops reading with a
/// <see cref="CsvFormatException"/> naming the row (1-based, the header is row 1) and column. Memory
/// is two 64 KB buffers and one record, whatever the file size.
/// </para>
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private static readonly SearchValues<char> UnquotedStops = SearchValues.Create(",\"\r\n\0");
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\0");

    private readonly Stream? stream;
    private readonly TextReader? text;
    private readonly bool leaveOpen;
    private readonly CsvLimits limits;

    private readonly byte[]? bytes;
    private int byteStart;
    private int byteEnd;
    private bool streamEnded;
    private long bytesDecoded;
    private string? pendingError;

    private readonly char[] chars = new char[BufferSize];
    private int pos;
    private int len;
    private bool atStart = true;

    private char[] record = new char[256];
    private int recordLength;
    private readonly int[] fieldEnds;
    private int fieldCount;
    private int fieldStart;
    private bool blank;
    private CsvFormatException? failure;

    /// <summary>Reads UTF-8 (with or without a byte-order mark) from <paramref name="stream"/>.</summary>
    public CsvReader(Stream stream, CsvLimits? limits = null, bool leaveOpen = false)
        : this(limits, leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        bytes = new byte[BufferSize];
    }

    /// <summary>Reads already decoded text; a leading U+FEFF is skipped.</summary>
    public CsvReader(TextReader reader, CsvLimits? limits = null, bool leaveOpen = false)
        : this(limits, leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(reader);
        text = reader;
    }

    private CsvReader(CsvLimits? limits, bool leaveOpen)
    {
        this.limits = limits ?? CsvLimits.Default;
        if (this.limits.MaxFieldLength < 1 || this.limits.MaxRecordLength < 1 || this.limits.MaxColumns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), "every limit must be at least 1");
        }

        this.leaveOpen = leaveOpen;
        fieldEnds = new int[this.limits.MaxColumns];
    }

    /// <summary>The row of the current record (1-based, blank lines count); 0 before the first <see cref="Read"/>.</summary>
    public int Row { get; private set; }

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => fieldCount;

    /// <summary>
    /// The value of field <paramref name="index"/> (0-based) of the current record, quotes removed, and the apostrophe
    /// <see cref="CsvWriter"/> puts before a formula character removed (<see cref="CsvFormulaGuard"/>); valid until the
    /// next <see cref="Read"/>.
    /// </summary>
    public ReadOnlySpan<char> Field(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, fieldCount);
        var start = index == 0 ? 0 : fieldEnds[index - 1];
        return CsvFormulaGuard.Restore(record.AsSpan(start, fieldEnds[index] - start));
    }

    /// <summary>The value of field <paramref name="index"/> as a string.</summary>
    public string GetString(int index) => new(Field(index));

    /// <summary>The current record's values.</summary>
    public string[] ToArray()
    {
        var values = new string[fieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = GetString(i);
        }

        return values;
    }

    /// <summary>Moves to the next non-blank record; false at the end of the input.</summary>
    /// <exception cref="CsvFormatException">The input is not acceptable CSV; every later call throws the same.</exception>
    public bool Read()
    {
        if (failure is not null)
        {
            throw failure;
        }

        try
        {
            while (true)
            {
                fieldCount = 0;
                recordLength = 0;
                Row++;
                if (!EnsureData())
                {
                    Row--;
                    return false;
                }

                ParseRecord();
                if (!blank)
                {
                    return true;
                }
            }
        }
        catch (CsvFormatException e)
        {
            failure = e;
            throw;
        }
        catch (DecoderFallbackException e)
        {
            failure = Error("is not valid text: " + e.Message, e);
            throw failure;
        }
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream?.Dispose();
            text?.Dispose();
        }
    }

    private void ParseRecord()
    {
        blank = true;
        while (true)
        {
            if (fieldCount == limits.MaxColumns)
            {
                throw Error($"has more than {limits.MaxColumns} columns");
            }

            fieldStart = recordLength;
            if (EnsureData())
            {
                if (chars[pos] == '"')
                {
                    blank = false;
                    pos++;
                    ReadQuoted();
                }
                else
                {
                    ReadUnquoted();
                }
            }

            fieldEnds[fieldCount++] = recordLength;
            if (recordLength > 0)
            {
                blank = false;
            }

            if (!EnsureData())
            {
                return;
            }

            var c = chars[pos];
            switch (c)
            {
                case ',':
                    pos++;
                    blank = false;
                    continue;
                case '\n':
                    pos++;
                    return;
                case '\r':
                    pos++;
                    if (EnsureData() && chars[pos] == '\n')
                    {
                        pos++;
                    }

                    return;
                default:
                    fieldCount--;
                    throw Error($"has {Show(c)} after a closing quote: a quoted value must be followed by a comma or the end of the line");
            }
        }
    }

    private void ReadUnquoted()
    {
        while (true)
        {
            var span = chars.AsSpan(pos, len - pos);
            var i = span.IndexOfAny(UnquotedStops);
            var n = i < 0 ? span.Length : i;
            if (n > 0)
            {
                Append(span[..n], quoted: false);
                pos += n;
            }

            if (i >= 0)
            {
                switch (chars[pos])
                {
                    case '"':
                        throw Error("has a quote inside an unquoted value: put the whole value in quotes and double the quote (\"\")");
                    case '\0':
                        throw NulError();
                    default:
                        return;
                }
            }

            if (!Fill())
            {
                return;
            }
        }
    }

    private void ReadQuoted()
    {
        while (true)
        {
            if (!EnsureData())
            {
                throw Error("has a quoted value that is never closed: the file ends before its closing quote (\")");
            }

            var span = chars.AsSpan(pos, len - pos);
            var i = span.IndexOfAny(QuotedStops);
            var n = i < 0 ? span.Length : i;
            if (n > 0)
            {
                Append(span[..n], quoted: true);
                pos += n;
            }

            if (i < 0)
            {
                continue;
            }

            if (chars[pos] == '\0')
            {
                throw NulError();
            }

            pos++;
            if (EnsureData() && chars[pos] == '"')
            {
                Append("\"", quoted: true);
                pos++;
                continue;
            }

            return;
        }
    }

    private void Append(ReadOnlySpan<char> value, bool quoted)
    {
        var newLength = recordLength + value.Length;
        if (newLength - fieldStart > limits.MaxFieldLength)
        {
            var hint = quoted ? " (is a closing quote missing?)" : string.Empty;
            throw Error($"is longer than {limits.MaxFieldLength} characters{hint}");
        }

        if (newLength + fieldCount > limits.MaxRecordLength)
        {
            throw Error($"makes the row longer than {limits.MaxRecordLength} characters");
        }

        if (newLength > record.Length)
        {
            Array.Resize(ref record, Math.Min(Math.Max(record.Length * 2, newLength), limits.MaxRecordLength));
        }

        value.CopyTo(record.AsSpan(recordLength));
        recordLength = newLength;
    }

    private bool EnsureData() => pos < len || Fill();

    /// <summary>Refills the character buffer; false at the end of the input.</summary>
    private bool Fill()
    {
        pos = 0;
        len = 0;
        while (len == 0)
        {
            if (pendingError is not null)
            {
                throw Error(pendingError);
            }

            len = text is not null ? text.Read(chars, 0, chars.Length) : Decode();
            if (len == 0 && pendingError is null)
            {
                return false;
            }

            if (atStart && len > 0)
            {
                atStart = false;
                if (chars[0] == '\uFEFF')
                {
                    pos = 1;
                    if (len == 1)
                    {
                        len = 0;
                    }
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Decodes the next UTF-8 bytes into <see cref="chars"/>. An invalid sequence ends decoding: the valid
    /// characters before it are returned and the error is raised once they are consumed, so it names the
    /// exact row and column.
    /// </summary>
    private int Decode()
    {
        while (true)
        {
            if (byteStart < byteEnd || streamEnded)
            {
                var status = Utf8.ToUtf16(bytes.AsSpan(byteStart, byteEnd - byteStart), chars, out var read, out var written,
                    replaceInvalidSequences: false, isFinalBlock: streamEnded);
                if (status == OperationStatus.InvalidData)
                {
                    pendingError = InvalidUtf8(byteStart + read);
                }

                byteStart += read;
                bytesDecoded += read;
                if (written > 0 || pendingError is not null || streamEnded)
                {
                    return written;
                }
            }

            var rest = byteEnd - byteStart;
            if (rest > 0)
            {
                Buffer.BlockCopy(bytes!, byteStart, bytes!, 0, rest);
            }

            byteStart = 0;
            byteEnd = rest;
            var n = stream!.Read(bytes!, byteEnd, bytes!.Length - byteEnd);
            if (n == 0)
            {
                streamEnded = true;
            }

            byteEnd += n;
        }
    }

    private string InvalidUtf8(int at)
    {
        var offset = bytesDecoded + (at - byteStart);
        if (offset == 0 && byteEnd - byteStart >= 2 &&
            ((bytes![0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return "the file is UTF-16 (Excel's \"Unicode text\"), not UTF-8: save it as \"CSV UTF-8\"";
        }

        return $"is not valid UTF-8 (byte offset {offset}, byte 0x{bytes![at]:X2}): save the file as \"CSV UTF-8\"; GBK/GB18030 files are not accepted";
    }

    private CsvFormatException NulError() =>
        Error("contains a NUL character: this looks like a binary file (or UTF-16 text), not a UTF-8 CSV");

    private CsvFormatException Error(string reason, Exception? inner = null) => new(Row, fieldCount + 1, reason, inner);

    private static string Show(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
