using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Samples.Draw;

/// <summary>An id with its ticket; ordered by ticket (ordinal), ties broken by id (ordinal).</summary>
public sealed record Ticketed(string Id, string Ticket);

/// <summary>Ticket order: tickets ordinal, ties by id ordinal.</summary>
public sealed class TicketOrder : IComparer<Ticketed>
{
    public static TicketOrder Instance { get; } = new();

    public int Compare(Ticketed? x, Ticketed? y) =>
        x is null ? (y is null ? 0 : -1) : y is null ? 1 : Tickets.Compare(x.Ticket, x.Id, y.Ticket, y.Id);
}

/// <summary>
/// Section 1 of draw/spec/draw-spec.md: consistent-sampling tickets (Rivest; the VotingWorks consistent_sampler).
/// Every function is pure; all text is UTF-8, hex is lowercase, comparisons are ordinal.
/// </summary>
public static class Tickets
{
    /// <summary>hex(SHA256(utf8(s))), lowercase.</summary>
    public static string Sha256Hex(string s) => Sha256Hex(Encoding.UTF8.GetBytes(s));

    /// <summary>hex(SHA256(bytes)), lowercase.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>"0." + reverse(decimal(int(sha256_hex(s), 16)) left-padded with "0" to at least 64 digits).</summary>
    public static string Sha256Uniform(string s)
    {
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Hashing.Utf8(ReadOnlySpan<byte>.Empty, s, hash);
        return Uniform.Ticket(hash);
    }

    /// <summary>ticket(id, seed) = sha256_uniform(sha256_hex(seed) + id).</summary>
    public static string Ticket(string id, string seed) => TicketWithSeedHash(id, Sha256Hex(seed));

    internal static string TicketWithSeedHash(string id, string seedHash)
    {
        Span<byte> prefix = stackalloc byte[Encoding.UTF8.GetByteCount(seedHash)];
        Encoding.UTF8.GetBytes(seedHash, prefix);
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Hashing.Utf8(prefix, id, hash);
        return Uniform.Ticket(hash);
    }

    /// <summary>Ticket order: the ticket strings ordinal, then the ids ordinal.</summary>
    public static int Compare(string ticketA, string idA, string ticketB, string idB)
    {
        var byTicket = string.CompareOrdinal(ticketA, ticketB);
        return byTicket != 0 ? byTicket : string.CompareOrdinal(idA, idB);
    }

    /// <summary>Every id with its ticket, in ticket order. Duplicate ids are refused: a frame is a set.</summary>
    public static IReadOnlyList<Ticketed> Order(IEnumerable<string> ids, string seed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<Ticketed>();
        using var hasher = new TicketHasher(Sha256Hex(seed));
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw new ArgumentException($"duplicate id '{id}': a sample is drawn from a set", nameof(ids));
            }

            list.Add(new Ticketed(id, hasher.Ticket(id)));
        }

        list.Sort(TicketOrder.Instance);
        return list;
    }

    /// <summary>The k ids with the smallest tickets, in ticket order (all of them when k exceeds the count).</summary>
    public static IReadOnlyList<Ticketed> Sample(IEnumerable<string> ids, string seed, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var ordered = Order(ids, seed);
        return ordered.Count <= k ? ordered : ordered.Take(k).ToArray();
    }

    /// <summary>The next ticket in an id's chain when sampling with replacement (draw/spec/draw-spec.md section 1, exactly).</summary>
    /// <remarks>
    /// y = x0[..p] + sha256_uniform(x + ":" + i)[2..] is compared with x0 = x + "0" without building either string:
    /// their first p characters are the same, so the order is that of the uniform's digits against x0[p..] (ordinal,
    /// then the shorter first). Only the accepted y is made a string.
    /// </remarks>
    public static string NextFraction(string x)
    {
        if (!IsTicket(x))
        {
            throw new ArgumentException($"'{x}' is not a ticket (\"0.\" followed by digits)", nameof(x));
        }

        return NextFraction(x, out _);
    }

    /// <summary>
    /// <see cref="NextFraction(string)"/> of a ticket known to be one (a stream's own), and in <paramref name="lead"/> the
    /// next ticket's first 18 digits as a number (<see cref="Uniform.ParseLead"/>), which a stream's queue orders by.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit]
    internal static string NextFraction(string x, out ulong lead)
    {
        // x0 = x + "0"; p = the first index >= 2 with x0[p] < '9' (the appended "0" stops the run at the latest).
        var p = 2;
        while (p < x.Length && x[p] == '9')
        {
            p++;
        }

        // The hash input utf8(x + ":" + i): x is ASCII (a ticket), i at most 10 digits.
        var length = x.Length + 1;
        var rented = length + 11 > 512 ? ArrayPool<byte>.Shared.Rent(length + 11) : null;
        Span<byte> input = rented ?? stackalloc byte[512];
        System.Text.Ascii.FromUtf16(x, input, out _);
        input[x.Length] = (byte)':';

        // The 18 characters of x0 from p as a number, when there are 18: a uniform whose lead differs is decided by it, and
        // most of them by their first digit alone.
        var bar = x.Length + 1 - p >= Uniform.LeadDigits ? Uniform.ParseLead(x.AsSpan(p), '0') : (ulong?)null;
        var barFirst = (int)(bar.GetValueOrDefault() / 100_000_000_000_000_000UL);
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Span<char> digits = stackalloc char[Uniform.MaxDigits];

        // Every attempt's input starts with the same 64 bytes (x is a ticket of at least 64 digits): that block is hashed
        // once, and each attempt goes on from a copy of the state (3.7 attempts a step in a draw of 1,000,000 targets).
        var fromHead = length >= HeadBlock && NativeSha256.Fits(length + 11);
        NativeSha256.Context head = default;
        if (fromHead)
        {
            NativeSha256.Start(ref head);
            NativeSha256.Append(ref head, input[..HeadBlock]);
        }

        try
        {
            for (var i = 1; ; i++)
            {
                i.TryFormat(input[length..], out var written, default, CultureInfo.InvariantCulture);
                if (fromHead)
                {
                    var context = head;
                    NativeSha256.Append(ref context, input[HeadBlock..(length + written)]);
                    NativeSha256.Finish(ref context, hash);
                }
                else
                {
                    Hashing.Bytes(input[..(length + written)], hash);
                }

                // The uniform against x0[p..]: by the first digit, then by the lead, and only when those are equal by the text.
                var order = 0;
                if (bar is { } x0Lead)
                {
                    var first = Uniform.FirstDigit(hash);
                    order = first != barFirst ? first.CompareTo(barFirst) : Uniform.Lead(hash).CompareTo(x0Lead);
                }

                if (order < 0)
                {
                    continue;
                }

                var count = Uniform.Digits(hash, digits);
                if (order == 0 && !AfterX0(digits[..count], x, p))
                {
                    continue;
                }

                var y = string.Concat(x.AsSpan(0, p), digits[..count]);
                lead = Uniform.ParseLead(y.AsSpan(2), '0');
                return y;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SHA-256's block: a step's attempts share their first one.</summary>
    private const int HeadBlock = 64;

    /// <summary>Whether x0[..p] + digits &gt; x0 (ordinal), with x0 = x + "0": the digits against x0[p..], then the lengths.</summary>
    private static bool AfterX0(ReadOnlySpan<char> digits, string x, int p)
    {
        var tail = x.Length + 1 - p;
        var common = Math.Min(digits.Length, tail);
        for (var j = 0; j < common; j++)
        {
            var other = p + j < x.Length ? x[p + j] : '0';
            if (digits[j] != other)
            {
                return digits[j] > other;
            }
        }

        return digits.Length > tail;
    }

    /// <summary>For display only: "0.", any leading run of 9s, then n more digits.</summary>
    public static string Cut(string ticket, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var p = 2;
        while (p < ticket.Length && ticket[p] == '9')
        {
            p++;
        }

        return ticket[..Math.Min(ticket.Length, p + digits)];
    }

    /// <summary>"0." followed by at least one decimal digit.</summary>
    public static bool IsTicket(string x) =>
        x.Length > 2 && x[0] == '0' && x[1] == '.' && x.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0;
}

/// <summary>
/// SHA-256 of the small inputs (a ticket, an emission): by OpenSSL's SHA256_Init/Update/Final when libcrypto.so.3 has
/// them (the hash itself, SHA-NI where the CPU has it: about 0.1 µs for 80 bytes, against 0.65 µs through
/// <see cref="IncrementalHash"/>, whose EVP call fetches, clears errors and frees on every hash), else through one
/// reused <see cref="IncrementalHash"/> per thread. The same digests either way (NativeSha256Tests).
/// </summary>
internal static class Hashing
{
    [ThreadStatic]
    private static IncrementalHash? t_sha;

    [ThreadStatic]
    private static byte[]? t_buffer;

    public static void Bytes(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (NativeSha256.Fits(data.Length))
        {
            NativeSha256.Context context = default;
            NativeSha256.Start(ref context);
            NativeSha256.Append(ref context, data);
            NativeSha256.Finish(ref context, hash);
            return;
        }

        Managed(data, hash);
    }

    /// <summary>Through .NET's own call (what <see cref="Bytes"/> does without libcrypto's low-level functions).</summary>
    internal static void Managed(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        var sha = t_sha ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(data);
        sha.GetHashAndReset(hash);
    }

    /// <summary>SHA256(prefix + utf8(text)): the prefix is bytes already, so a text is never concatenated to another.</summary>
    public static void Utf8(ReadOnlySpan<byte> prefix, string text, Span<byte> hash)
    {
        var size = prefix.Length + Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = t_buffer;
        if (buffer is null || buffer.Length < size)
        {
            buffer = t_buffer = new byte[Math.Max(size, 1024)];
        }

        prefix.CopyTo(buffer);
        var length = prefix.Length + Encoding.UTF8.GetBytes(text, buffer.AsSpan(prefix.Length));
        Bytes(buffer.AsSpan(0, length), hash);
    }
}

/// <summary>
/// OpenSSL's low-level SHA-256 (SHA256_Init, SHA256_Update, SHA256_Final of libcrypto.so.3, which .NET itself loads on
/// Linux): no algorithm fetched, no error queue cleared, nothing allocated per hash, and a context is a plain struct, so
/// the state after a fixed prefix (a seed's hex, one whole block) is copied instead of hashed again for every id.
/// Unavailable (<see cref="Fits"/> false) where the library or its functions cannot be loaded: callers then use .NET's call.
/// </summary>
internal static unsafe class NativeSha256
{
    /// <summary>Above this, the call would be long enough that suppressing the GC transition is no longer right.</summary>
    public const int MaxInput = 4096;

    /// <summary>AppContext switch: .NET's call only (to compare the two; the digests are the same).</summary>
    public const string OffSwitch = "Samples.Draw.ManagedSha256";

    private static readonly delegate* unmanaged[SuppressGCTransition]<Context*, int> Init;
    private static readonly delegate* unmanaged[SuppressGCTransition]<Context*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[SuppressGCTransition]<byte*, Context*, int> Final;

    static NativeSha256()
    {
        if ((AppContext.TryGetSwitch(OffSwitch, out var off) && off) || !OperatingSystem.IsLinux()
            || !System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out var library))
        {
            return;
        }

        if (System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
            && System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
            && System.Runtime.InteropServices.NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
        {
            Init = (delegate* unmanaged[SuppressGCTransition]<Context*, int>)init;
            Update = (delegate* unmanaged[SuppressGCTransition]<Context*, byte*, nuint, int>)update;
            Final = (delegate* unmanaged[SuppressGCTransition]<byte*, Context*, int>)final;
            Available = true;
        }
    }

    /// <summary>Whether libcrypto's functions were loaded.</summary>
    public static bool Available { get; }

    /// <summary>Whether an input of this many bytes is hashed here.</summary>
    public static bool Fits(int length) => Available && length <= MaxInput;

    /// <summary>SHA256_CTX (112 bytes in OpenSSL 3: h[8], Nl, Nh, data[16], num, md_len), with room to spare.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 128)]
    internal struct Context
    {
        private long _first;
    }

    public static void Start(ref Context context)
    {
        fixed (Context* c = &context)
        {
            Check(Init(c));
        }
    }

    public static void Append(ref Context context, ReadOnlySpan<byte> data)
    {
        fixed (Context* c = &context)
        fixed (byte* d = data)
        {
            Check(Update(c, d, (nuint)data.Length));
        }
    }

    public static void Finish(ref Context context, Span<byte> hash)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hash.Length, 32, nameof(hash));
        fixed (Context* c = &context)
        fixed (byte* h = hash)
        {
            Check(Final(h, c));
        }
    }

    private static void Check(int ok)
    {
        if (ok != 1)
        {
            throw new CryptographicException("libcrypto SHA-256 failed");
        }
    }
}

/// <summary>Tickets of many ids under one seed: utf8(sha256_hex(seed)) is encoded once and every id is appended to it.</summary>
internal sealed class TicketHasher : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly int _prefix;
    private byte[] _buffer;

    /// <summary>libcrypto's state after the prefix (a seed's hex is one whole block): each id is hashed on from a copy.</summary>
    private readonly NativeSha256.Context _afterPrefix;

    public TicketHasher(string seedHash)
    {
        _prefix = Encoding.UTF8.GetByteCount(seedHash);
        _buffer = new byte[_prefix + 256];
        Encoding.UTF8.GetBytes(seedHash, _buffer);
        if (NativeSha256.Fits(_prefix))
        {
            NativeSha256.Start(ref _afterPrefix);
            NativeSha256.Append(ref _afterPrefix, _buffer.AsSpan(0, _prefix));
        }
    }

    /// <summary>SHA256(utf8(sha256_hex(seed) + id)).</summary>
    public void Hash(string id, Span<byte> hash)
    {
        var size = _prefix + Encoding.UTF8.GetMaxByteCount(id.Length);
        if (_buffer.Length < size)
        {
            var larger = new byte[size];
            _buffer.AsSpan(0, _prefix).CopyTo(larger);
            _buffer = larger;
        }

        var length = _prefix + Encoding.UTF8.GetBytes(id, _buffer.AsSpan(_prefix));
        Hash(length, hash);
    }

    /// <summary>SHA256(utf8(sha256_hex(seed)) + <paramref name="idUtf8"/>): an id already in UTF-8 (a frame file's bytes).</summary>
    public void Hash(ReadOnlySpan<byte> idUtf8, Span<byte> hash)
    {
        if (NativeSha256.Fits(_prefix) && idUtf8.Length <= NativeSha256.MaxInput)
        {
            var context = _afterPrefix;
            NativeSha256.Append(ref context, idUtf8);
            NativeSha256.Finish(ref context, hash);
            return;
        }

        if (_buffer.Length < _prefix + idUtf8.Length)
        {
            var larger = new byte[_prefix + idUtf8.Length];
            _buffer.AsSpan(0, _prefix).CopyTo(larger);
            _buffer = larger;
        }

        idUtf8.CopyTo(_buffer.AsSpan(_prefix));
        Hash(_prefix + idUtf8.Length, hash);
    }

    /// <summary>The hash of the buffer's first <paramref name="length"/> bytes (the prefix, then an id).</summary>
    private void Hash(int length, Span<byte> hash)
    {
        if (NativeSha256.Fits(_prefix) && length - _prefix <= NativeSha256.MaxInput)
        {
            var context = _afterPrefix;
            NativeSha256.Append(ref context, _buffer.AsSpan(_prefix, length - _prefix));
            NativeSha256.Finish(ref context, hash);
            return;
        }

        _sha.AppendData(_buffer.AsSpan(0, length));
        _sha.GetHashAndReset(hash);
    }

    /// <summary>The lead of the ticket of an id given in UTF-8.</summary>
    public ulong Lead(ReadOnlySpan<byte> idUtf8)
    {
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Hash(idUtf8, hash);
        return Uniform.Lead(hash);
    }

    /// <summary>The ticket's first 18 digits as a number (<see cref="Uniform.Lead"/>): ticket order wherever it differs.</summary>
    public ulong Lead(string id)
    {
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Hash(id, hash);
        return Uniform.Lead(hash);
    }

    public string Ticket(string id)
    {
        Span<byte> hash = stackalloc byte[Uniform.HashBytes];
        Hash(id, hash);
        return Uniform.Ticket(hash);
    }

    public void Dispose() => _sha.Dispose();
}

/// <summary>
/// sha256_uniform's arithmetic, exact and without <see cref="System.Numerics.BigInteger"/>: the 256-bit big-endian
/// hash is divided by 10^9 repeatedly (eight 32-bit limbs), which yields its decimal digits nine at a time from the
/// lowest, i.e. in the order the ticket writes them.
/// </summary>
internal static class Uniform
{
    public const int HashBytes = 32;

    /// <summary>2^256 has 78 decimal digits: nine groups of nine hold any hash.</summary>
    public const int MaxDigits = 81;

    /// <summary>How many digits <see cref="Lead"/> holds.</summary>
    public const int LeadDigits = 18;

    private const uint Billion = 1_000_000_000;

    /// <summary>Reverse3[n] = the three digits of n (zero-padded) in reverse order, e.g. 12 ("012") → 210.</summary>
    private static readonly uint[] Reverse3 = Enumerable.Range(0, 1000).Select(n => (uint)((n % 10 * 100) + (n / 10 % 10 * 10) + (n / 100))).ToArray();

    /// <summary>
    /// The ticket's digits (what follows "0."): the hash's decimal digits lowest first, padded with "0" to at least 64.
    /// Returns how many there are (64 to 78).
    /// </summary>
    public static int Digits(ReadOnlySpan<byte> hash, Span<char> digits)
    {
        Span<uint> limbs = stackalloc uint[8];
        Load(hash, limbs);
        var top = 0;
        var written = 0;
        while (true)
        {
            while (top < limbs.Length && limbs[top] == 0)
            {
                top++;
            }

            if (top == limbs.Length)
            {
                break;
            }

            // Nine digits, lowest first: four pairs of characters from a table, then the ninth.
            var group = DivideByBillion(limbs[top..]);
            ref var slot = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(digits.Slice(written, 9));
            for (var j = 0; j < 4; j++)
            {
                var rest = group / 100;
                System.Runtime.CompilerServices.Unsafe.WriteUnaligned(
                    ref System.Runtime.CompilerServices.Unsafe.As<char, byte>(ref System.Runtime.CompilerServices.Unsafe.Add(ref slot, 2 * j)),
                    ReversedPairs[(int)(group - (rest * 100))]);
                group = rest;
            }

            System.Runtime.CompilerServices.Unsafe.Add(ref slot, 8) = (char)('0' + group);
            written += 9;
        }

        // The last group's high zeros are padding, not digits of the number; at least 64 digits are written.
        var significant = written;
        while (significant > 0 && digits[significant - 1] == '0')
        {
            significant--;
        }

        var length = Math.Max(64, significant);
        if (written < length)
        {
            digits[written..length].Fill('0');
        }

        return length;
    }

    /// <summary>sha256_uniform's text for a hash: "0." and its digits.</summary>
    public static string Ticket(ReadOnlySpan<byte> hash)
    {
        Span<char> text = stackalloc char[MaxDigits + 2];
        text[0] = '0';
        text[1] = '.';
        var length = Digits(hash, text[2..]);
        return new string(text[..(length + 2)]);
    }

    /// <summary>
    /// The ticket's first 18 digits read as one number (the first digit the most significant). Every ticket has at least
    /// 64 digits, so two tickets whose leads differ compare (ordinal) as their leads do; equal leads need the whole tickets.
    /// </summary>
    /// <remarks>
    /// Computed from hash mod 10^18 (its lowest 18 decimal digits, which the ticket writes first) by the Chinese remainder
    /// theorem, without dividing the 256-bit number: mod 2^18 is its low bits; mod 5^18 is a sum of its sixteen 16-bit pieces
    /// times 2^(16j) mod 5^18 (every term below 2^58, the sum below 2^62); then x = b + 5^18 × ((a − b) × 5^−18 mod 2^18).
    /// This runs for every member whose first digit passes (one in eight to ten); <see cref="Digits"/> (the ticket text)
    /// divides, and the tests compare the two. Unrolled, with the powers as constants and the sum added as a tree: the loop
    /// over a table took 31 ns a call, this 21 ns.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Lead(ReadOnlySpan<byte> hash)
    {
        // The hash as four big-endian 64-bit words, w3 the lowest; piece j (16 bits, from the lowest) times 2^(16j) mod 5^18.
        ref var first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(hash[..HashBytes]);
        var w0 = BinaryPrimitives.ReverseEndianness(System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref first));
        var w1 = BinaryPrimitives.ReverseEndianness(System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref first, 8)));
        var w2 = BinaryPrimitives.ReverseEndianness(System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref first, 16)));
        var w3 = BinaryPrimitives.ReverseEndianness(System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref first, 24)));

        // Pieces 0..2 have powers 1, 2^16, 2^32 (below 5^18): the low 48 bits stand for themselves.
        var low = (w3 & 0xFFFF_FFFF_FFFF) + ((w3 >> 48) * 3_002_076_320_031UL);
        var second = ((w2 & 0xFFFF) * 1_062_234_942_241UL) + (((w2 >> 16) & 0xFFFF) * 218_774_315_551UL)
            + ((((w2 >> 32) & 0xFFFF) * 1_961_219_731_586UL) + ((w2 >> 48) * 1_901_358_516_971UL));
        var third = ((w1 & 0xFFFF) * 345_586_570_831UL) + (((w1 >> 16) & 0xFFFF) * 503_839_964_791UL)
            + ((((w1 >> 32) & 0xFFFF) * 3_451_098_558_601UL) + ((w1 >> 48) * 1_608_954_834_511UL));
        var high = ((w0 & 0xFFFF) * 2_416_915_372_271UL) + (((w0 >> 16) & 0xFFFF) * 1_105_973_871_006UL)
            + ((((w0 >> 32) & 0xFFFF) * 1_855_563_374_216UL) + ((w0 >> 48) * 1_281_859_026_026UL));

        var b = ((low + second) + (third + high)) % FiveTo18;
        var t = (((w3 & 0x3FFFF) - b) * InverseOf5To18Mod2To18) & 0x3FFFF;
        var x = b + (FiveTo18 * t);
        return ((ulong)Reverse9((uint)(x % Billion)) * Billion) + Reverse9((uint)(x / Billion));
    }

    /// <summary>
    /// The ticket's first digit, N mod 10, without the whole lead: N mod 2 is the last bit; N mod 5 is the sum of the hash's
    /// 32-bit pieces mod 5 (2^8 ≡ 1 mod 5, so each piece counts as the sum of its bytes, in either byte order).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int FirstDigit(ReadOnlySpan<byte> hash)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(hash[..HashBytes]);
        var sum = (ulong)words[0] + words[1] + words[2] + words[3] + words[4] + words[5] + words[6] + words[7];
        var five = (int)(sum % 5);

        // The digit of that remainder mod 5 and of the last bit's parity; without a branch (it would go either way at random).
        return five + (5 * ((five ^ hash[31]) & 1));
    }

    private const ulong FiveTo18 = 3_814_697_265_625;

    /// <summary>The inverse of 5^18 modulo 2^18 (5^18 is odd; the tests check it).</summary>
    internal const ulong InverseOf5To18Mod2To18 = 67_177;

    /// <summary>The first 18 characters of <paramref name="text"/> + <paramref name="then"/> (decimal digits) as one number.</summary>
    public static ulong ParseLead(ReadOnlySpan<char> text, char then)
    {
        ulong value = 0;
        for (var j = 0; j < LeadDigits; j++)
        {
            value = (value * 10) + (uint)((j < text.Length ? text[j] : then) - '0');
        }

        return value;
    }

    /// <summary>ReversedPairs[n] = the two characters of n (0 … 99, zero-padded) lowest digit first, as they lie in memory.</summary>
    private static readonly uint[] ReversedPairs = Enumerable.Range(0, 100)
        .Select(n => ((uint)('0' + (n % 10)), (uint)('0' + (n / 10))))
        .Select(p => BitConverter.IsLittleEndian ? p.Item1 | (p.Item2 << 16) : (p.Item1 << 16) | p.Item2).ToArray();

    private static void Load(ReadOnlySpan<byte> hash, Span<uint> limbs)
    {
        for (var i = 0; i < limbs.Length; i++)
        {
            limbs[i] = BinaryPrimitives.ReadUInt32BigEndian(hash.Slice(4 * i, 4));
        }
    }

    /// <summary>limbs (big-endian, base 2^32) /= 10^9 in place; returns the remainder.</summary>
    private static uint DivideByBillion(Span<uint> limbs)
    {
        ulong remainder = 0;
        for (var i = 0; i < limbs.Length; i++)
        {
            var current = (remainder << 32) | limbs[i];
            var quotient = current / Billion;
            remainder = current - (quotient * Billion);
            limbs[i] = (uint)quotient;
        }

        return (uint)remainder;
    }

    /// <summary>The nine digits of n (zero-padded) in reverse order.</summary>
    private static uint Reverse9(uint n) =>
        (Reverse3[n % 1000] * 1_000_000) + (Reverse3[n / 1000 % 1000] * 1000) + Reverse3[n / 1_000_000];
}

/// <summary>One emission of a with-replacement stream: the id, the ticket it was emitted with, and its generation (1, 2, 3 …).</summary>
public sealed record Emission(string Id, string Ticket, int Generation);

/// <summary>
/// Sampling with replacement (draw/spec/draw-spec.md section 1): repeatedly emits the smallest (ticket, id) and gives
/// that id its next_fraction. Lazy: one hash chain step per emission, a priority queue over the ids.
/// </summary>
public sealed class ReplacementStream
{
    /// <summary>The queue knows a member by its place among the ids as given (<see cref="Emitted.Member"/>).</summary>
    private readonly PriorityQueue<(int Member, int Generation), Ranked> _queue = new();

    public ReplacementStream(IEnumerable<string> ids, string seed)
    {
        string[] given = [.. ids];
        var ordered = Tickets.Order(given, seed);
        var place = new Dictionary<string, int>(given.Length, StringComparer.Ordinal);
        for (var m = 0; m < given.Length; m++)
        {
            place.Add(given[m], m);
        }

        foreach (var entry in ordered)
        {
            _queue.Enqueue((place[entry.Id], 1), Ranked.Of(entry.Ticket, entry.Id));
        }

        Count = _queue.Count;
    }

    /// <summary>How many ids the stream is over.</summary>
    public int Count { get; }

    /// <summary>How many emissions were taken so far: where the stream stands.</summary>
    public int Position { get; private set; }

    /// <summary>Emissions computed ahead of <see cref="Next()"/> (<see cref="Prefetch"/>), in stream order.</summary>
    private readonly Queue<Emitted> _ahead = new();

    /// <summary>The next emission; the stream over no ids has none.</summary>
    public Emission Next()
    {
        var emitted = NextEmitted();
        return new Emission(emitted.Id, emitted.Ticket, emitted.Generation);
    }

    /// <summary>The next emission as a value, with the place of its id among the ids the stream was given.</summary>
    internal Emitted NextEmitted()
    {
        var emitted = _ahead.Count > 0 ? _ahead.Dequeue() : Step();
        Position++;
        return emitted;
    }

    /// <summary>Computes the next <paramref name="count"/> emissions now; <see cref="Next()"/> then hands them out in order.</summary>
    internal void Prefetch(int count)
    {
        if (Count > 0)
        {
            _ahead.EnsureCapacity(_ahead.Count + count);
        }

        for (var n = 0; n < count && Count > 0; n++)
        {
            _ahead.Enqueue(Step());
        }
    }

    private Emitted Step()
    {
        if (!_queue.TryDequeue(out var element, out var ticketed))
        {
            throw new InvalidOperationException("a stream over no ids emits nothing");
        }

        var next = Tickets.NextFraction(ticketed.Ticket, out var lead);
        _queue.Enqueue((element.Member, element.Generation + 1), new(lead, next, ticketed.Id));
        return new(ticketed.Id, ticketed.Ticket, element.Generation, element.Member);
    }

    /// <summary>
    /// An emission as a value, and the place of its id among the ids the stream was given (<see cref="Member"/>): a draw
    /// keeps every team's emissions, so the ones computed ahead are not objects of their own.
    /// </summary>
    internal readonly record struct Emitted(string Id, string Ticket, int Generation, int Member);

    /// <summary>
    /// A ticket in ticket order (<see cref="TicketOrder"/>): its first 18 digits as one number decide in one comparison; only
    /// equal leads compare the whole tickets, then the ids. The queue's sifting compared the ticket texts at every level.
    /// </summary>
    internal readonly record struct Ranked(ulong Lead, string Ticket, string Id) : IComparable<Ranked>
    {
        public static Ranked Of(string ticket, string id) => new(Uniform.ParseLead(ticket.AsSpan(2), '0'), ticket, id);

        public int CompareTo(Ranked other) =>
            Lead != other.Lead ? Lead.CompareTo(other.Lead) : Tickets.Compare(Ticket, Id, other.Ticket, other.Id);
    }

    /// <summary>The next <paramref name="count"/> emissions.</summary>
    public IEnumerable<Emission> Take(int count)
    {
        for (var n = 0; n < count; n++)
        {
            yield return Next();
        }
    }
}
