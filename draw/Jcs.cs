using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Samples.Draw;

/// <summary>
/// RFC 8785, the JSON Canonicalization Scheme: the one UTF-8 text of a JSON value that any JSON library can produce, so a
/// seal over it does not depend on which serializer wrote the bundle (spacing, escapes, <c>0.20</c> or <c>0.2</c>).
/// Objects' members sorted by name as UTF-16 code units, no whitespace, strings with only the escapes JCS allows, numbers
/// as ECMAScript writes the IEEE double.
/// </summary>
/// <remarks>
/// Decisions where the RFC leaves them to the application: a number is read as the nearest IEEE double, as the RFC and
/// every JCS library do (<c>0.10000000000000000001</c> becomes <c>0.1</c>); a number beyond the double's range (which
/// would be Infinity), a duplicate member name and a lone surrogate are refused (<see cref="FormatException"/>). The bundle
/// itself never loses a digit: its integers are 32-bit and its decimals short, and the seals refuse a number the double
/// would change in value (<see cref="JcsWriter.ExactNumbers"/>, <see cref="JcsWriter.Number(decimal)"/>).
/// </remarks>
public static class Jcs
{
    /// <summary>The canonical UTF-8 bytes of a JSON text.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        using var output = new MemoryStream();
        using (var writer = new JcsWriter(output))
        {
            Write(document.RootElement, writer);
        }

        return output.ToArray();
    }

    /// <summary>The canonical text of a JSON text.</summary>
    public static string Canonicalize(string json) => Encoding.UTF8.GetString(Canonicalize(Encoding.UTF8.GetBytes(json)));

    /// <summary>SHA-256 (lowercase hex) of the canonical bytes of a JSON text.</summary>
    public static string Sha256(ReadOnlySpan<byte> utf8Json)
    {
        using var document = Parse(utf8Json);
        return Sha256(document.RootElement);
    }

    /// <summary>SHA-256 (lowercase hex) of the canonical bytes of a parsed JSON value, streamed into the hash.</summary>
    public static string Sha256(JsonElement element)
    {
        using var writer = JcsWriter.Hashing();
        Write(element, writer);
        return writer.Hex();
    }

    /// <summary>Writes a JSON value canonically.</summary>
    public static void Write(JsonElement element, JcsWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<JsonProperty>();
                foreach (var member in element.EnumerateObject())
                {
                    members.Add(member);
                }

                // UTF-16 code units, as ECMAScript compares strings: string.CompareOrdinal is exactly that.
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.StartObject();
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0 && string.Equals(members[i - 1].Name, members[i].Name, StringComparison.Ordinal))
                    {
                        throw new FormatException($"JCS: the member name '{members[i].Name}' occurs twice in one object");
                    }

                    writer.Name(members[i].Name);
                    Write(members[i].Value, writer);
                }

                writer.EndObject();
                break;
            case JsonValueKind.Array:
                writer.StartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.EndArray();
                break;
            case JsonValueKind.String:
                string? text;
                try
                {
                    text = element.GetString();
                }
                catch (InvalidOperationException ex)
                {
                    throw new FormatException($"JCS: a string that is not Unicode text: {ex.Message}", ex);
                }

                writer.Text(text);
                break;
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                var number = ParseNumber(raw);
                if (writer.ExactNumbers)
                {
                    Exact(raw, number);
                }

                writer.Number(number);
                break;
            case JsonValueKind.True:
                writer.Bool(true);
                break;
            case JsonValueKind.False:
                writer.Bool(false);
                break;
            case JsonValueKind.Null:
                writer.Null();
                break;
            default:
                throw new FormatException($"JCS: unexpected JSON value kind {element.ValueKind}");
        }
    }

    /// <summary>A JSON number's text as the nearest IEEE double; out of range (Infinity) is refused.</summary>
    public static double ParseNumber(string text)
    {
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : throw new FormatException($"JCS: the number {text} is beyond the range of an IEEE double");
    }

    /// <summary>
    /// ECMAScript's Number.prototype.toString (ECMA-262 Number::toString, radix 10) of a finite double: the shortest digits
    /// that read back as the same double, in plain notation from 1e-6 to below 1e21 and as <c>d.ddde±n</c> outside it; −0 is 0.
    /// </summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException($"JCS: {value.ToString(CultureInfo.InvariantCulture)} is not a JSON number");
        }

        if (value == 0)
        {
            return "0";
        }

        // .NET's "R" is the shortest round-trip text (since .NET Core 3.0); only its layout differs from ECMAScript's.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa[..point] + mantissa[(point + 1)..];
        var n = (point < 0 ? mantissa.Length : point) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leading;
        var k = digits.Length;

        // ECMA-262 Number::toString: s (the digits), k (their count), n (the position of the decimal point).
        var text = new StringBuilder(32);
        if (value < 0)
        {
            text.Append('-');
        }

        if (k <= n && n <= 21)
        {
            text.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            text.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exp = n - 1;
            text.Append(digits[0]);
            if (k > 1)
            {
                text.Append('.').Append(digits, 1, k - 1);
            }

            text.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// Refuses a number whose text the double changes in value (<c>0.1000000000000000000000001</c>), where the text fits a
    /// decimal; <c>0.20</c> and <c>0.2</c> are the same value and pass.
    /// </summary>
    internal static void Exact(string text, double value)
    {
        var canonical = Number(value);
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var written)
            && (!decimal.TryParse(canonical, NumberStyles.Float, CultureInfo.InvariantCulture, out var back) || back != written))
        {
            throw new FormatException($"JCS: the number {text} does not survive as an IEEE double (it reads as {canonical})");
        }
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"JCS: not JSON: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Writes canonical JSON (RFC 8785) token by token, into a stream or straight into SHA-256. It does not sort: a caller
/// writing an object gives its members in JCS order (<see cref="Jcs.Write"/> sorts; the seals write known property lists
/// in their sorted order, which a test compares with <see cref="Jcs.Write"/> of the same part).
/// </summary>
public sealed class JcsWriter : IDisposable
{
    /// <summary>The characters written as themselves, one byte each: printable ASCII except <c>"</c> and <c>\</c>.</summary>
    private static readonly System.Buffers.SearchValues<char> Plain = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0x20, 0x60).Select(c => (char)c).Where(c => c is not ('"' or '\\'))));

    private readonly byte[] buffer = new byte[1 << 16];
    private readonly Stream? output;
    private readonly IncrementalHash? hash;
    private int used;
    private bool comma;

    public JcsWriter(Stream output) => this.output = output;

    private JcsWriter(IncrementalHash hash) => this.hash = hash;

    /// <summary>A writer whose bytes go into SHA-256 only (<see cref="Hex"/>).</summary>
    public static JcsWriter Hashing() => new(IncrementalHash.CreateHash(HashAlgorithmName.SHA256));

    /// <summary>
    /// Whether <see cref="Jcs.Write"/> refuses a number the double would change in value, as the seals do (RFC 8785 itself
    /// takes the nearest double): so one seal never stands for two published values.
    /// </summary>
    public bool ExactNumbers { get; set; }

    /// <summary>The SHA-256 of everything written (lowercase hex); the writer starts again empty.</summary>
    public string Hex()
    {
        Flush();
        comma = false;
        return Convert.ToHexStringLower(hash!.GetHashAndReset());
    }

    public void StartObject() => Open((byte)'{');

    public void EndObject() => Close((byte)'}');

    public void StartArray() => Open((byte)'[');

    public void EndArray() => Close((byte)']');

    /// <summary>A member's name (and the colon): its value follows.</summary>
    public void Name(string name)
    {
        Separate();
        Quoted(name);
        Byte((byte)':');
        comma = false;
    }

    public void Text(string? value)
    {
        Separate();
        if (value is null)
        {
            Ascii("null");
        }
        else
        {
            Quoted(value);
        }

        comma = true;
    }

    public void Number(double value)
    {
        Separate();
        Ascii(Jcs.Number(value));
        comma = true;
    }

    /// <summary>An integer: exact up to 2^53 (beyond it, as ECMAScript, the nearest double).</summary>
    public void Number(long value)
    {
        if (value > 1L << 53 || value < -(1L << 53))
        {
            Number((double)value);
            return;
        }

        Separate();
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        Bytes(digits[..written]);
        comma = true;
    }

    /// <summary>
    /// A decimal as the double its text reads as (what any JSON library parsing the bundle gets): 0.20 is 0.2. A decimal
    /// the double would change (more than about 15 significant digits) is refused, so that one seal never stands for two
    /// published values.
    /// </summary>
    public void Number(decimal value)
    {
        var written = value.ToString(CultureInfo.InvariantCulture);
        var asDouble = Jcs.ParseNumber(written);
        Jcs.Exact(written, asDouble);
        var text = Jcs.Number(asDouble);
        Separate();
        Ascii(text);
        comma = true;
    }

    public void Bool(bool value)
    {
        Separate();
        Ascii(value ? "true" : "false");
        comma = true;
    }

    public void Null()
    {
        Separate();
        Ascii("null");
        comma = true;
    }

    /// <summary>Writes what is buffered to the stream or the hash.</summary>
    public void Flush()
    {
        if (used == 0)
        {
            return;
        }

        if (hash is not null)
        {
            hash.AppendData(buffer, 0, used);
        }
        else
        {
            output!.Write(buffer, 0, used);
        }

        used = 0;
    }

    public void Dispose()
    {
        if (output is not null)
        {
            Flush();
        }

        hash?.Dispose();
    }

    private void Open(byte token)
    {
        Separate();
        Byte(token);
        comma = false;
    }

    private void Close(byte token)
    {
        Byte(token);
        comma = true;
    }

    private void Separate()
    {
        if (comma)
        {
            Byte((byte)',');
        }
    }

    /// <summary>
    /// A string as JCS writes it: <c>\"</c> <c>\\</c> <c>\b</c> <c>\f</c> <c>\n</c> <c>\r</c> <c>\t</c>, <c>\u00xx</c>
    /// (lowercase) for the other controls below U+0020, everything else as its UTF-8; a lone surrogate is refused.
    /// </summary>
    private void Quoted(string value)
    {
        Byte((byte)'"');
        var span = value.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            // A run of printable ASCII other than " and \ (ids, tickets, hashes: nearly everything) is copied as it is.
            var run = span[i..].IndexOfAnyExcept(Plain);
            run = run < 0 ? span.Length - i : run;
            while (run > 0)
            {
                Reserve(Math.Min(run, 256));
                var take = Math.Min(run, buffer.Length - used);
                System.Text.Encoding.ASCII.GetBytes(span.Slice(i, take), buffer.AsSpan(used));
                used += take;
                i += take;
                run -= take;
            }

            if (i == span.Length)
            {
                break;
            }

            var c = span[i];
            if (c < 0x80)
            {
                Reserve(6);
                switch (c)
                {
                    case '"': Put((byte)'\\', (byte)'"'); break;
                    case '\\': Put((byte)'\\', (byte)'\\'); break;
                    case '\b': Put((byte)'\\', (byte)'b'); break;
                    case '\f': Put((byte)'\\', (byte)'f'); break;
                    case '\n': Put((byte)'\\', (byte)'n'); break;
                    case '\r': Put((byte)'\\', (byte)'r'); break;
                    case '\t': Put((byte)'\\', (byte)'t'); break;
                    default:
                        if (c < 0x20)
                        {
                            Put((byte)'\\', (byte)'u');
                            Put((byte)'0', (byte)'0');
                            Put(Hex(c >> 4), Hex(c & 0xF));
                        }
                        else
                        {
                            buffer[used++] = (byte)c;
                        }

                        break;
                }

                i++;
                continue;
            }

            if (System.Text.Rune.DecodeFromUtf16(span[i..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw new FormatException($"JCS: a lone surrogate (U+{(int)c:X4}) cannot be written as UTF-8");
            }

            Reserve(4);
            used += rune.EncodeToUtf8(buffer.AsSpan(used));
            i += consumed;
        }

        Byte((byte)'"');
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);

    private void Put(byte a, byte b)
    {
        buffer[used++] = a;
        buffer[used++] = b;
    }

    private void Byte(byte b)
    {
        Reserve(1);
        buffer[used++] = b;
    }

    private void Ascii(string text)
    {
        Reserve(text.Length);
        foreach (var c in text)
        {
            buffer[used++] = (byte)c;
        }
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(used));
        used += bytes.Length;
    }

    private void Reserve(int count)
    {
        if (used + count > buffer.Length)
        {
            Flush();
        }
    }
}
