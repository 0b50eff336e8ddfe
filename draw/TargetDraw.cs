namespace Samples.Draw;

/// <summary>
/// Section 4 of draw/spec/draw-spec.md for a whole frame: per stratum (ordinal order) the quota, the k smallest tickets (picks)
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

        // Every row's lead, and its stratum (the row read once, on every core for a large frame) …
        var leads = new ulong[rows.Count];
        var strata = new string[rows.Count];
        Leads(rows, seedHash, leads, strata);

        // … then an index per stratum and the member count of each. Rows usually share a few stratum strings: a string
        // seen before is found by reference before it is hashed.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var byReference = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        var names = new List<string>();
        var counts = new List<int>();
        var stratumOf = new int[rows.Count];
        string? last = null;
        var s = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var stratum = strata[i];
            if (!ReferenceEquals(stratum, last))
            {
                if (!byReference.TryGetValue(stratum, out s))
                {
                    if (!index.TryGetValue(stratum, out s))
                    {
                        s = names.Count;
                        index.Add(stratum, s);
                        names.Add(stratum);
                        counts.Add(0);
                    }

                    if (byReference.Count < 4096)
                    {
                        byReference.Add(stratum, s);
                    }
                }

                last = stratum;
            }

            stratumOf[i] = s;
            counts[s]++;
        }

        // Members grouped by stratum (each stratum one contiguous segment).
        var start = new int[names.Count];
        for (var k = 1; k < names.Count; k++)
        {
            start[k] = start[k - 1] + counts[k - 1];
        }

        var members = new Member[rows.Count];
        var next = (int[])start.Clone();
        for (var i = 0; i < rows.Count; i++)
        {
            members[next[stratumOf[i]]++] = new Member(leads[i], i);
        }

        // Quotas in stratum order (a stratum key the rule cannot read is refused here, the first in that order) …
        var ordinal = Enumerable.Range(0, names.Count).OrderBy(k => names[k], StringComparer.Ordinal).ToArray();
        var quotas = ordinal.Select(k => Quotas.For(names[k], counts[k], rules)).ToList();

        // … then each stratum's k + m smallest, in ticket order, with their tickets (strata apart, on every core).
        var drawn = new (Pick[] Picks, Pick[] Alternates)[ordinal.Length];
        Cores.For(ordinal.Length, Cores.Worth(rows.Count, ParallelFrom, ordinal.Length), o =>
        {
            var (k, quota) = (ordinal[o], quotas[o]);
            var wanted = quota.Quota + quota.Alternates;
            if (wanted == 0)
            {
                drawn[o] = ([], []);
                return;
            }

            using var hasher = new TicketHasher(seedHash);
            var segment = members.AsSpan(start[k], counts[k]);
            Smallest(segment, wanted, new MemberOrder(rows, hasher));
            var chosen = new Pick[wanted];
            for (var j = 0; j < wanted; j++)
            {
                var id = rows[segment[j].Row].Id;
                chosen[j] = new Pick(names[k], id, hasher.Ticket(id), 1);
            }

            drawn[o] = (chosen[..quota.Quota], chosen[quota.Quota..]);
        });

        var picks = drawn.SelectMany(d => d.Picks).ToList();
        var alternates = drawn.SelectMany(d => d.Alternates).ToList();
        return (quotas, picks, alternates);
    }

    /// <summary>The lead of every row's ticket and its stratum, on every core for a large frame; each row's lead depends on that row only.</summary>
    private static void Leads(IReadOnlyList<TargetRow> rows, string seedHash, ulong[] leads, string[] strata)
    {
        var pieces = (rows.Count + Chunk - 1) / Chunk;
        Cores.For(pieces, Cores.Worth(rows.Count, ParallelFrom, pieces), c =>
        {
            using var hasher = new TicketHasher(seedHash);
            for (var i = c * Chunk; i < Math.Min(rows.Count, (c + 1) * Chunk); i++)
            {
                var row = rows[i];
                strata[i] = row.Stratum;
                leads[i] = hasher.Lead(row.Id);
            }
        });
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

    /// <summary>Whether work of this size (at least <paramref name="from"/>, in at least <paramref name="pieces"/> pieces) goes to several cores.</summary>
    public static bool Worth(int size, int from, int pieces = 2) =>
        size >= from && pieces > 1 && Environment.ProcessorCount > 1 && !(AppContext.TryGetSwitch(SingleThreadedSwitch, out var single) && single);

    /// <summary>
    /// body(0) … body(count − 1), on several cores when <paramref name="parallel"/>. An exception is the one the same loop on
    /// one thread would throw (the lowest index's), unwrapped.
    /// </summary>
    public static void For(int count, bool parallel, Action<int> body)
    {
        if (!parallel)
        {
            for (var k = 0; k < count; k++)
            {
                body(k);
            }

            return;
        }

        var failures = new Exception?[count];
        Parallel.For(0, count, k =>
        {
            try
            {
                body(k);
            }
            catch (Exception ex)
            {
                failures[k] = ex;
            }
        });
        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }
}
