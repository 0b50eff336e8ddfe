using System.Globalization;
using System.Numerics;
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
/// Section 1 of draw-spec.md: consistent-sampling tickets (Rivest; the VotingWorks consistent_sampler).
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
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(s));
        var value = new BigInteger(hash, isUnsigned: true, isBigEndian: true);
        var digits = value.ToString(CultureInfo.InvariantCulture).PadLeft(64, '0').ToCharArray();
        Array.Reverse(digits);
        return "0." + new string(digits);
    }

    /// <summary>ticket(id, seed) = sha256_uniform(sha256_hex(seed) + id).</summary>
    public static string Ticket(string id, string seed) => TicketWithSeedHash(id, Sha256Hex(seed));

    internal static string TicketWithSeedHash(string id, string seedHash) => Sha256Uniform(seedHash + id);

    /// <summary>Ticket order: the ticket strings ordinal, then the ids ordinal.</summary>
    public static int Compare(string ticketA, string idA, string ticketB, string idB)
    {
        var byTicket = string.CompareOrdinal(ticketA, ticketB);
        return byTicket != 0 ? byTicket : string.CompareOrdinal(idA, idB);
    }

    /// <summary>Every id with its ticket, in ticket order. Duplicate ids are refused: a frame is a set.</summary>
    public static IReadOnlyList<Ticketed> Order(IEnumerable<string> ids, string seed)
    {
        var seedHash = Sha256Hex(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<Ticketed>();
        foreach (var id in ids)
        {
            if (!seen.Add(id))
            {
                throw new ArgumentException($"duplicate id '{id}': a sample is drawn from a set", nameof(ids));
            }

            list.Add(new Ticketed(id, TicketWithSeedHash(id, seedHash)));
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

    /// <summary>The next ticket in an id's chain when sampling with replacement (draw-spec.md section 1, exactly).</summary>
    public static string NextFraction(string x)
    {
        if (!IsTicket(x))
        {
            throw new ArgumentException($"'{x}' is not a ticket (\"0.\" followed by digits)", nameof(x));
        }

        var x0 = x + "0";
        var p = 2;
        while (x0[p] == '9')
        {
            p++;
        }

        var i = 0;
        var y = "0.";
        while (string.CompareOrdinal(y, x0) <= 0)
        {
            i++;
            y = string.Concat(x0.AsSpan(0, p), Sha256Uniform(x + ":" + i.ToString(CultureInfo.InvariantCulture)).AsSpan(2));
        }

        return y;
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

/// <summary>One emission of a with-replacement stream: the id, the ticket it was emitted with, and its generation (1, 2, 3 …).</summary>
public sealed record Emission(string Id, string Ticket, int Generation);

/// <summary>
/// Sampling with replacement (draw-spec.md section 1): repeatedly emits the smallest (ticket, id) and gives
/// that id its next_fraction. Lazy: one hash chain step per emission, a priority queue over the ids.
/// </summary>
public sealed class ReplacementStream
{
    private readonly PriorityQueue<(string Id, int Generation), Ticketed> _queue = new(TicketOrder.Instance);

    public ReplacementStream(IEnumerable<string> ids, string seed)
    {
        foreach (var entry in Tickets.Order(ids, seed))
        {
            _queue.Enqueue((entry.Id, 1), entry);
        }

        Count = _queue.Count;
    }

    /// <summary>How many ids the stream is over.</summary>
    public int Count { get; }

    /// <summary>How many emissions were taken so far: where the stream stands.</summary>
    public int Position { get; private set; }

    /// <summary>The next emission; the stream over no ids has none.</summary>
    public Emission Next()
    {
        if (!_queue.TryDequeue(out var element, out var ticketed))
        {
            throw new InvalidOperationException("a stream over no ids emits nothing");
        }

        Position++;
        var next = Tickets.NextFraction(ticketed.Ticket);
        _queue.Enqueue((element.Id, element.Generation + 1), new Ticketed(element.Id, next));
        return new Emission(element.Id, ticketed.Ticket, element.Generation);
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
