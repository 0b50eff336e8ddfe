namespace Samples.Draw;

/// <summary>
/// Section 4 of draw-spec.md for a whole frame: per stratum (ordinal order) the quota, the k smallest tickets (picks)
/// and the next m (alternates), in ticket order.
/// </summary>
/// <remarks>
/// Same result as ordering each stratum with <see cref="Tickets.Order"/>, but no ticket text is made for the members that
/// are not drawn: each member carries its ticket's first 18 digits as a number (<see cref="Uniform.Lead"/>), which orders
/// as the ticket strings do whenever the leads differ; members with equal leads are ordered by their whole tickets, then
/// by id, exactly as <see cref="Tickets.Compare"/>. Ids are unique: the rows come from a canonical frame.
/// </remarks>
internal static class TargetDraw
{
    /// <summary>Frames at least this big compute their tickets on every core (each ticket is a pure function of its id: the result is the same).</summary>
    private const int ParallelFrom = 50_000;

    private const int Chunk = 16_384;

    public static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Run(IReadOnlyList<TargetRow> rows, string seed, QuotaRules rules)
    {
        var seedHash = Tickets.Sha256Hex(seed);

        // Strata: an index per row and the member count of each.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<int>();
        var stratumOf = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var stratum = rows[i].Stratum;
            if (!index.TryGetValue(stratum, out var s))
            {
                s = names.Count;
                index.Add(stratum, s);
                names.Add(stratum);
                counts.Add(0);
            }

            stratumOf[i] = s;
            counts[s]++;
        }

        var leads = Leads(rows, seedHash);

        // Members grouped by stratum (each stratum one contiguous segment).
        var start = new int[names.Count];
        for (var s = 1; s < names.Count; s++)
        {
            start[s] = start[s - 1] + counts[s - 1];
        }

        var members = new Member[rows.Count];
        var next = (int[])start.Clone();
        for (var i = 0; i < rows.Count; i++)
        {
            members[next[stratumOf[i]]++] = new Member(leads[i], i);
        }

        var quotas = new List<StratumQuota>(names.Count);
        var picks = new List<Pick>();
        var alternates = new List<Pick>();
        using var hasher = new TicketHasher(seedHash);
        var order = new MemberOrder(rows, hasher);
        foreach (var s in Enumerable.Range(0, names.Count).OrderBy(s => names[s], StringComparer.Ordinal))
        {
            var name = names[s];
            var quota = Quotas.For(name, counts[s], rules);
            quotas.Add(quota);
            var wanted = quota.Quota + quota.Alternates;
            if (wanted == 0)
            {
                continue;
            }

            var segment = members.AsSpan(start[s], counts[s]);
            Smallest(segment, wanted, order);
            for (var j = 0; j < wanted; j++)
            {
                var id = rows[segment[j].Row].Id;
                (j < quota.Quota ? picks : alternates).Add(new Pick(name, id, hasher.Ticket(id), 1));
            }
        }

        return (quotas, picks, alternates);
    }

    /// <summary>The lead of every row's ticket, on every core for a large frame; each row's lead depends on that row only.</summary>
    private static ulong[] Leads(IReadOnlyList<TargetRow> rows, string seedHash)
    {
        var leads = new ulong[rows.Count];
        void Range(int from, int to)
        {
            using var hasher = new TicketHasher(seedHash);
            for (var i = from; i < to; i++)
            {
                leads[i] = hasher.Lead(rows[i].Id);
            }
        }

        if (!Cores.Worth(rows.Count, ParallelFrom))
        {
            Range(0, rows.Count);
        }
        else
        {
            Parallel.For(0, (rows.Count + Chunk - 1) / Chunk, c => Range(c * Chunk, Math.Min(rows.Count, (c + 1) * Chunk)));
        }

        return leads;
    }

    /// <summary>Puts the <paramref name="wanted"/> smallest members first, in order (the rest in any order).</summary>
    private static void Smallest(Span<Member> segment, int wanted, MemberOrder order)
    {
        if (wanted >= segment.Length / 4)
        {
            segment.Sort(order);
            return;
        }

        // A max-heap of the wanted smallest so far: most members lose against its top in one comparison of leads.
        var heap = segment[..wanted];
        for (var i = (wanted / 2) - 1; i >= 0; i--)
        {
            SiftDown(heap, i, order);
        }

        for (var i = wanted; i < segment.Length; i++)
        {
            if (order.Compare(segment[i], heap[0]) < 0)
            {
                (segment[i], heap[0]) = (heap[0], segment[i]);
                SiftDown(heap, 0, order);
            }
        }

        heap.Sort(order);
    }

    private static void SiftDown(Span<Member> heap, int i, MemberOrder order)
    {
        while (true)
        {
            var largest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < heap.Length && order.Compare(heap[left], heap[largest]) > 0)
            {
                largest = left;
            }

            if (right < heap.Length && order.Compare(heap[right], heap[largest]) > 0)
            {
                largest = right;
            }

            if (largest == i)
            {
                return;
            }

            (heap[i], heap[largest]) = (heap[largest], heap[i]);
            i = largest;
        }
    }

    internal readonly record struct Member(ulong Lead, int Row);

    /// <summary>Ticket order on members: leads, then (equal leads) the whole tickets ordinal, then the ids ordinal.</summary>
    internal readonly struct MemberOrder(IReadOnlyList<TargetRow> rows, TicketHasher hasher) : IComparer<Member>
    {
        public int Compare(Member x, Member y)
        {
            if (x.Lead != y.Lead)
            {
                return x.Lead < y.Lead ? -1 : 1;
            }

            if (x.Row == y.Row)
            {
                return 0;
            }

            var (a, b) = (rows[x.Row].Id, rows[y.Row].Id);
            return Tickets.Compare(hasher.Ticket(a), a, hasher.Ticket(b), b);
        }
    }
}

/// <summary>
/// When the draw spreads work over cores: only work made of independent pieces whose results are put back in a fixed
/// order (tickets of a frame, pieces of a frame's text), so the result is the same on any number of cores.
/// </summary>
internal static class Cores
{
    /// <summary>AppContext switch: do everything on one thread (to measure it; the result is the same).</summary>
    public const string SingleThreadedSwitch = "Samples.Draw.SingleThreaded";

    public static bool Worth(int size, int from) =>
        size >= from && Environment.ProcessorCount > 1 && !(AppContext.TryGetSwitch(SingleThreadedSwitch, out var single) && single);
}
