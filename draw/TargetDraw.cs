using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Text;

namespace Samples.Draw;

/// <summary>
/// Section 4 of draw/spec/draw-spec.md for a whole frame: per stratum (ordinal order) the quota, the k smallest tickets (picks)
/// and the next m (alternates), in ticket order.
/// </summary>
/// <remarks>
/// Same result as ordering each stratum with <see cref="Tickets.Order"/>, but streaming: a first pass counts each stratum's
/// members (the quota needs N), a second reads each member once and keeps only a bounded max-heap of the k + m smallest per
/// stratum (<see cref="SmallestTickets"/>), so memory grows with the sample, not the frame. No ticket text is made for the
/// members that are not drawn: each member carries its ticket's first 18 digits as a number (<see cref="Uniform.Lead"/>),
/// which orders as the ticket strings do whenever the leads differ; equal leads are ordered by the whole tickets, then by
/// id, exactly as <see cref="Tickets.Compare"/>. Ids are unique: the rows come from a canonical frame.
/// </remarks>
internal static class TargetDraw
{
    /// <summary>Frames at least this big compute their tickets on every core (each ticket is a pure function of its id: the result is the same).</summary>
    private const int ParallelFrom = 50_000;

    private const int Chunk = 16_384;

    public static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Run(IReadOnlyList<TargetRow> rows, string seed, QuotaRules rules) =>
        Run(() => rows, seed, rules, rows.Count);

    /// <summary>
    /// The same draw over a frame read as a stream: <paramref name="open"/> is called twice (count, then select) and must give
    /// the same rows both times (a file read again, a query run again in one snapshot); a second reading that differs is refused.
    /// </summary>
    /// <remarks>
    /// With <paramref name="counts"/> (each stratum's members, known already: a verifier has them in the bundle's quotas, a
    /// database from a grouped count) there is no counting pass: the rows are read once, and a frame whose strata do not have
    /// exactly these counts is refused.
    /// </remarks>
    public static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Run(
        Func<IEnumerable<TargetRow>> open, string seed, QuotaRules rules, int sizeHint = 0, IReadOnlyDictionary<string, int>? counts = null) =>
        Run(open, seed, rules, sizeHint, counts, SieveSigmas);

    /// <summary>The same with the sieve's margin given (the tests make it too tight to hold), or null: the heaps alone.</summary>
    /// <remarks>
    /// One reading, as for a frame file: the rows go through sieves (<see cref="Sieve"/>) whose bounds fall as each
    /// stratum is counted, on every core when the frame is large. A counting pass first read every row once more, in the
    /// frame's id order, which is not the order the rows lie in memory (70 ns a row at 1,000,000). The heaps only when a
    /// bound proves too tight (about one stratum in 10^9), or for an id that UTF-8 cannot carry back (a lone surrogate).
    /// </remarks>
    internal static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Run(
        Func<IEnumerable<TargetRow>> open, string seed, QuotaRules rules, int sizeHint, IReadOnlyDictionary<string, int>? counts, double? sieve)
    {
        var seedHash = Tickets.Sha256Hex(seed);
        var parallel = Cores.Worth(sizeHint, ParallelFrom);
        if (sieve is { } sigmas)
        {
            var known = counts is null ? null : Known.Of(counts, rules);
            var workers = parallel ? Environment.ProcessorCount : 1;
            try
            {
                var sieved = Sieved(workers, sieves => HeldRows.Read(open(), sieves), seedHash, rules, sigmas, known, out var found);
                if (sieved is { } drawn)
                {
                    return (drawn.Quotas, drawn.Picks.ToList(parallel), drawn.Alternates.ToList(parallel));
                }

                counts ??= found;
            }
            catch (HeldRows.NotUtf8)
            {
                // An id that is not valid UTF-16: the heaps hold ids as strings.
            }
        }

        var strata = StrataIndex.Of(counts);
        if (counts is null)
        {
            foreach (var row in open())
            {
                strata.Count(strata.Add(row.Stratum));
            }
        }

        // The tickets' leads (the cost: one SHA-256 each), then the heaps in row order (most offers are one comparison of leads).
        using var selection = new Selection(strata, seedHash, rules);
        RowBatches.Run(open(), parallel, selection.SeedHash,
            (hasher, batch, i) => (batch.Leads[i], batch.Strata[i]) = (hasher.Lead(batch.Ids[i]), strata.Find(batch.Names[i])),
            (batch, i) => selection.Offer(batch.Strata[i], new Candidate(batch.Leads[i], batch.Ids[i])));
        return selection.Result();
    }

    /// <summary>Rows held in memory, into sieves: one sieve takes them all, or each worker takes the next batch in turn.</summary>
    private static class HeldRows
    {
        public static void Read(IEnumerable<TargetRow> rows, SieveSink[] sieves)
        {
            if (sieves.Length == 1)
            {
                var ids = new IdBytes();
                long at = 0;
                foreach (var row in rows)
                {
                    sieves[0].Sieve.Row(ids.Of(row.Id), row.Stratum, at++);
                }

                return;
            }

            using var next = rows.GetEnumerator();
            var gate = new object();
            long taken = 0;
            Cores.For(sieves.Length, parallel: true, w =>
            {
                var (ids, batch, sieve) = (new IdBytes(), new TargetRow[Chunk], sieves[w].Sieve);
                while (true)
                {
                    int count;
                    long first;
                    lock (gate)
                    {
                        (count, first) = (0, taken);
                        while (count < batch.Length && next.MoveNext())
                        {
                            batch[count++] = next.Current;
                        }

                        taken += count;
                    }

                    if (count == 0)
                    {
                        return;
                    }

                    for (var i = 0; i < count; i++)
                    {
                        sieve.Row(ids.Of(batch[i].Id), batch[i].Stratum, first + i);
                    }
                }
            });
        }

        /// <summary>An id's UTF-8 (the ticket's input after the seed), in a buffer reused row after row.</summary>
        private sealed class IdBytes
        {
            private byte[] _buffer = new byte[256];

            public ReadOnlySpan<byte> Of(string id)
            {
                if (_buffer.Length < 3 * id.Length)
                {
                    _buffer = new byte[3 * id.Length];
                }

                // Strictly: the sieve keeps the bytes and the pick decodes them, which gives the id back only when it is valid.
                return System.Text.Unicode.Utf8.FromUtf16(id, _buffer, out _, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done
                    ? _buffer.AsSpan(0, written)
                    : throw new NotUtf8();
            }
        }

        public sealed class NotUtf8 : Exception;
    }

    /// <summary>
    /// Rows held in memory, in batches: each row's ticket work (a pure function of the row: on every core when the frame is
    /// large), then each row taken in row order on one thread.
    /// </summary>
    private sealed class RowBatches
    {
        private RowBatches(int size) =>
            (Ids, Names, Leads, Strata) = (new string[size], new string[size], new ulong[size], new int[size]);

        public string[] Ids { get; }

        public string[] Names { get; }

        /// <summary>Each row's lead (or what the ticket work puts there).</summary>
        public ulong[] Leads { get; }

        /// <summary>Each row's stratum index.</summary>
        public int[] Strata { get; }

        public static void Run(IEnumerable<TargetRow> rows, bool parallel, string seedHash, Action<TicketHasher, RowBatches, int> ticket, Action<RowBatches, int> take)
        {
            var batch = new RowBatches(parallel ? Chunk * Environment.ProcessorCount * 2 : Chunk);
            var filled = 0;
            void Flush()
            {
                var pieces = (filled + Chunk - 1) / Chunk;
                var count = filled;
                Cores.For(pieces, parallel && pieces > 1, c =>
                {
                    using var hasher = new TicketHasher(seedHash);
                    for (var i = c * Chunk; i < Math.Min(count, (c + 1) * Chunk); i++)
                    {
                        ticket(hasher, batch, i);
                    }
                });
                for (var i = 0; i < count; i++)
                {
                    take(batch, i);
                }

                filled = 0;
            }

            foreach (var row in rows)
            {
                (batch.Ids[filled], batch.Names[filled]) = (row.Id, row.Stratum);
                if (++filled == batch.Ids.Length)
                {
                    Flush();
                }
            }

            Flush();
        }
    }

    /// <summary>
    /// The draw over a canonical target frame (draw/spec/draw-spec.md section 2) read as bytes, twice (count, then select) or
    /// once with <paramref name="counts"/>: a ticket's input is utf8(sha256_hex(seed)) followed by the id's bytes as the
    /// frame has them, so no string is made for a member that is not drawn. Anything not canonical is refused
    /// (<see cref="FrameException"/>). The picks and alternates are held lean (<see cref="LeanPicks"/>).
    /// </summary>
    /// <remarks>
    /// On every core (a frame of at least 4 MiB, or of unknown length: a compressed stream) each core reads, checks, hashes
    /// and keeps the smallest tickets of its own blocks of the frame, and the heaps are merged at the end: the k smallest of
    /// the whole are among the k smallest of each part, so the result is the one-thread result.
    /// </remarks>
    public static (List<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Run(
        Func<Stream> open, string seed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts = null) =>
        Run(open, seed, rules, counts, workers: 0, FrameBlocks.BlockSize);

    /// <summary>How far above k + m a sieve's bound is set, in standard deviations of the number kept (tickets are uniform).</summary>
    internal const double SieveSigmas = 6;

    /// <summary>
    /// The same with the number of workers (0: as many as are worth it) and the block size given (the tests make blocks small),
    /// and with the counts unknown, the sieve's margin (<see cref="SieveSigmas"/>; the tests make it too tight to hold) or
    /// null: a counting pass, then the heaps.
    /// </summary>
    internal static (List<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) Run(
        Func<Stream> open, string seed, QuotaRules rules, IReadOnlyDictionary<string, int>? counts, int workers, int blockSize, double? sieve = SieveSigmas)
    {
        int Workers(Stream stream) => workers > 0 ? workers
            : Cores.Worth(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : int.MaxValue, ParallelFileFrom) ? Environment.ProcessorCount : 1;

        if (sieve is { } sigmas)
        {
            // One reading instead of a count and a selection; when a bound proves too tight (about once in 10^9 strata) the
            // counts it found spare the counting pass of the reading that follows. With the counts known the bounds are
            // final from the first row, and the sieve's appends replace the heaps' sifting.
            var known = counts is null ? null : Known.Of(counts, rules);
            using var once = open();
            var sieved = Sieved(Workers(once), sieves => Read(once, sieves, blockSize), Tickets.Sha256Hex(seed), rules, sigmas, known, out var found);
            if (sieved is { } drawn)
            {
                return drawn;
            }

            counts ??= found;
        }

        StrataIndex strata;
        if (counts is not null)
        {
            strata = StrataIndex.Of(counts);
        }
        else
        {
            using var counting = open();
            var counters = new CountSink[Workers(counting)];
            for (var w = 0; w < counters.Length; w++)
            {
                counters[w] = new CountSink(new StrataIndex());
            }

            Read(counting, counters, blockSize);
            strata = StrataIndex.Merge(counters.Select(c => c.Strata));
        }

        var seedHash = Tickets.Sha256Hex(seed);
        var ordinal = Enumerable.Range(0, strata.Names.Count).OrderBy(k => strata.Names[k], StringComparer.Ordinal).ToArray();
        var quotas = ordinal.Select(k => Quotas.For(strata.Names[k], strata.Counts[k], rules)).ToList();
        var capacities = new int[strata.Names.Count];
        for (var o = 0; o < ordinal.Length; o++)
        {
            capacities[ordinal[o]] = quotas[o].Quota + quotas[o].Alternates;
        }

        using var stream = open();
        var selectors = new SelectSink[Workers(stream)];
        try
        {
            for (var w = 0; w < selectors.Length; w++)
            {
                selectors[w] = new SelectSink(new Selector(strata, capacities, seedHash));
            }

            Read(stream, selectors, blockSize);
        }
        finally
        {
            foreach (var selector in selectors)
            {
                selector.Selector?.Dispose();
            }
        }

        var seen = new int[strata.Names.Count];
        foreach (var selector in selectors)
        {
            for (var k = 0; k < seen.Length; k++)
            {
                seen[k] += selector.Selector.Seen[k];
            }
        }

        if (!seen.AsSpan().SequenceEqual(strata.Counts.ToArray()))
        {
            throw Differs();
        }

        var (picks, alternates) = LeanHeap.Merge(strata.Names, ordinal, quotas, selectors.Select(s => s.Selector.Heaps).ToArray());
        return (quotas, picks, alternates);
    }

    /// <summary>
    /// The draw in one reading with the counts unknown: per stratum every member whose lead is below a bound is kept
    /// (<see cref="Sieve"/>), and the bound only falls as the stratum's members are counted. Every member below the last
    /// bound is therefore kept, and when at least k + m are, the k + m smallest are among them: the result is exact. Null
    /// (with each stratum's count) when some stratum kept fewer.
    /// </summary>
    /// <param name="read">Gives every row to one of the sieves.</param>
    private static (List<StratumQuota> Quotas, LeanPicks Picks, LeanPicks Alternates)? Sieved(
        int workers, Action<SieveSink[]> read, string seedHash, QuotaRules rules, double sigmas, Known? known, out Dictionary<string, int> counts)
    {
        var sieves = new SieveSink[workers];
        try
        {
            for (var w = 0; w < sieves.Length; w++)
            {
                sieves[w] = new SieveSink(new Sieve(seedHash, rules, sigmas, known, workers));
            }

            read(sieves);
        }
        finally
        {
            foreach (var sieve in sieves)
            {
                sieve.Sieve?.Dispose();
            }
        }

        // The workers' strata by name; per stratum the lowest of the workers' last bounds (each kept all below its own).
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var bounds = new List<ulong>();
        counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sieve in sieves)
        {
            foreach (var pool in sieve.Sieve.Pools)
            {
                if (!index.TryGetValue(pool.Name, out var k))
                {
                    index.Add(pool.Name, k = names.Count);
                    names.Add(pool.Name);
                    bounds.Add(Sieve.Whole);
                }

                bounds[k] = Math.Min(bounds[k], pool.Bound);
                counts[pool.Name] = counts.GetValueOrDefault(pool.Name) + pool.Seen;
            }
        }

        if (known is not null && !known.Matches(counts))
        {
            throw Differs();
        }

        // Quotas in stratum order, as after a counting pass (a key the rule cannot read is refused here, the first in that order).
        var ordinal = Enumerable.Range(0, names.Count).OrderBy(k => names[k], StringComparer.Ordinal).ToArray();
        var found = counts;
        var quotas = ordinal.Select(k => Quotas.For(names[k], found[names[k]], rules)).ToList();
        var parts = new LeanHeap[sieves.Length][];
        for (var w = 0; w < sieves.Length; w++)
        {
            parts[w] = new LeanHeap[names.Count];
            Array.Fill(parts[w], LeanHeap.None);
            foreach (var pool in sieves[w].Sieve.Pools)
            {
                var k = index[pool.Name];
                pool.Kept.Prune(bounds[k]);
                parts[w][k] = pool.Kept;
            }
        }

        for (var o = 0; o < ordinal.Length; o++)
        {
            if (parts.Sum(part => part[ordinal[o]].Count) < quotas[o].Quota + quotas[o].Alternates)
            {
                return null;
            }
        }

        // The parts are the pools' only holders now: the merge lets each stratum's go once its picks are copied.
        foreach (var sieve in sieves)
        {
            sieve.Sieve.Pools.Clear();
        }

        var (picks, alternates) = LeanHeap.Merge(names, ordinal, quotas, parts);
        return (quotas, picks, alternates);
    }

    /// <summary>One worker reads the stream itself (no second thread); several share it in blocks.</summary>
    private static void Read<TSink>(Stream stream, TSink[] sinks, int blockSize)
        where TSink : struct, IRowSink
    {
        if (sinks.Length == 1)
        {
            TargetFrameScanner.Scan(stream, ref sinks[0]);
        }
        else
        {
            FrameBlocks.Read(stream, sinks, blockSize);
        }
    }

    /// <summary>Frame files at least this big (bytes) are read on every core.</summary>
    private const int ParallelFileFrom = 4 << 20;

    /// <summary>The counting pass: each worker counts its rows' strata in its own index (merged afterwards).</summary>
    private readonly struct CountSink(StrataIndex strata) : IRowSink
    {
        public StrataIndex Strata => strata;

        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at) => strata.Count(strata.Add(stratum));
    }

    private readonly struct SelectSink(Selector selector) : IRowSink
    {
        public Selector Selector => selector;

        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at) => selector.Row(id, stratum);
    }

    private readonly struct SieveSink(Sieve sieve) : IRowSink
    {
        public Sieve Sieve => sieve;

        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at) => sieve.Row(id, stratum, at);
    }

    private static FrameException Differs() =>
        new("the target frame read for the draw differs from the one counted (each stratum's members): read it from one snapshot");

    /// <summary>
    /// Each stratum's count given before the reading (as a verifier has them from the bundle's quotas), with what it needs
    /// (picks and alternates); the quotas are made in stratum order first, so a key the rule cannot read is refused as the
    /// heaps refuse it, before a row is read. Read-only: the workers share it.
    /// </summary>
    private sealed class Known(StrataIndex strata, int[] needed)
    {
        public StrataIndex Strata => strata;

        public int Needed(int stratum) => needed[stratum];

        public static Known Of(IReadOnlyDictionary<string, int> counts, QuotaRules rules)
        {
            var strata = StrataIndex.Of(counts);
            var needed = new int[strata.Names.Count];
            foreach (var k in Enumerable.Range(0, needed.Length).OrderBy(k => strata.Names[k], StringComparer.Ordinal))
            {
                var quota = Quotas.For(strata.Names[k], strata.Counts[k], rules);
                needed[k] = quota.Quota + quota.Alternates;
            }

            return new Known(strata, needed);
        }

        /// <summary>Whether the rows read counted exactly as given (a stratum given but never read counts 0).</summary>
        public bool Matches(Dictionary<string, int> read) =>
            read.Count == strata.Names.Count
            && Enumerable.Range(0, strata.Names.Count).All(k => read.GetValueOrDefault(strata.Names[k]) == strata.Counts[k]);
    }

    /// <summary>
    /// The one reading of one worker with the counts unknown: per stratum (as the rows bring them) the members counted so far
    /// and every member whose lead was below the stratum's bound when it was read. The bound is what k + m at the count so
    /// far would need with a margin of six standard deviations (tickets are uniform), and never rises: so every member
    /// below the last bound is kept, whatever the count turns out to be.
    /// </summary>
    /// <remarks>
    /// A pool that is full is first rid of what is above its bound now; it grows only when that frees little, and then, in a
    /// file of known length, to about what the stratum will keep at its end (its count so far scaled by the bytes left), so
    /// that arrays grown by doubling leave neither slack nor garbage the size of the sample.
    /// </remarks>
    private sealed class Sieve : IDisposable
    {
        /// <summary>10^18: every lead is below it (keep all).</summary>
        public const ulong Whole = 1_000_000_000_000_000_000UL;

        private const ulong FirstDigitUnit = Whole / 10;

        private readonly TicketHasher _hasher;
        private readonly StrataIndex _strata;
        private readonly QuotaRules _rules;
        private readonly double _sigmas;

        /// <summary>With the counts known: the strata are only found (one not given is refused), and no bound ever moves.</summary>
        private readonly bool _known;

        /// <summary>The pools by stratum index, as the rows brought them (the same objects as <see cref="Pools"/>, for the row's path).</summary>
        private Pool[] _pools = new Pool[64];

        /// <summary>The row's hash (a field: nothing on the stack to clear or guard per row).</summary>
        private readonly byte[] _hash = new byte[Uniform.HashBytes];

        /// <param name="workers">How many sieves share the rows (with the counts known, each is sized for its share).</param>
        public Sieve(string seedHash, QuotaRules rules, double sigmas, Known? known = null, int workers = 1)
        {
            (_rules, _sigmas) = (rules, sigmas);
            _hasher = new TicketHasher(seedHash);
            _strata = known?.Strata ?? new StrataIndex();
            _known = known is not null;
            if (known is null)
            {
                return;
            }

            for (var k = 0; k < known.Strata.Names.Count; k++)
            {
                // The bound the stratum's whole count sets, from the first row; the pool sized for what it will keep.
                var (needed, members) = (known.Needed(k), known.Strata.Counts[k]);
                var pool = Add(k, (int)Math.Min(int.MaxValue - 64, (1.15 * Expected(needed, members) / workers) + 64));
                pool.Bound = BoundFor(needed, members, sigmas);
                pool.TopDigit = Top(pool.Bound);
                pool.Next = int.MaxValue;
            }
        }

        public List<Pool> Pools { get; } = [];

        // Fully optimized from its first call, as the line reader: tiering's instrumented code ran here for seconds of a
        // first draw in a process (50,000,000 members on both cores: 7.0 s, against 3.6–3.9 s in the runs after it). Not
        // inlined into the line reader: the two in one method ran 3–5 % slower (5,000,000 members, one thread).
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum, long at)
        {
            // The ticket first, then the stratum: the lookup's chain of loads then runs while the hash finishes (hashed after
            // the lookup, alternating at 5,000,000 on one thread: 0.59–0.62 s; before it, 0.55–0.57 s).
            _hasher.Hash(id, _hash);
            Take(_known ? _strata.Find(stratum) : _strata.Add(stratum), id, at);
        }

        /// <summary>A row held in memory: its stratum is a string, found by reference when rows share it.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public void Row(ReadOnlySpan<byte> id, string stratum, long at)
        {
            _hasher.Hash(id, _hash);
            Take(_known ? _strata.Find(stratum) : _strata.Add(stratum), id, at);
        }

        /// <summary>Member <paramref name="id"/> of stratum <paramref name="s"/>, its ticket hashed already: counted, kept when below the bound.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private void Take(int s, ReadOnlySpan<byte> id, long at)
        {
            var pool = (uint)s < (uint)_pools.Length && _pools[s] is { } known ? known : Add(s);
            if (++pool.Seen >= pool.Next)
            {
                Narrow(pool);
            }

            var hash = _hash.AsSpan();

            // As in the heaps: most members are refused by the ticket's first digit alone.
            if (Uniform.FirstDigit(hash) > pool.TopDigit)
            {
                return;
            }

            var lead = Uniform.Lead(hash);
            if (lead < pool.Bound)
            {
                if (pool.Kept.Count == pool.Kept.Capacity)
                {
                    MakeRoom(pool);
                }

                pool.Kept.Keep(lead, hash, id);
            }
        }

        /// <summary>
        /// The bound for k + m picks and alternates among n members: the mean kept is k + m + σ(√(k + m) + 3), capped at all
        /// (at 6σ a count that falls short of k + m is about one in 10^9).
        /// </summary>
        public static ulong BoundFor(int needed, int members, double sigmas)
        {
            var mean = needed + (sigmas * (Math.Sqrt(needed) + 3));
            return mean >= members ? Whole : mean <= 0 ? 1 : Math.Min(Whole, (ulong)(mean / members * Whole) + 1);
        }

        public void Dispose() => _hasher.Dispose();

        private Pool Add(int s, int expected = 4)
        {
            var pool = new Pool(_strata.Names[s], expected);
            Pools.Add(pool);
            if (s >= _pools.Length)
            {
                Array.Resize(ref _pools, Math.Max(2 * _pools.Length, s + 1));
            }

            _pools[s] = pool;
            return pool;
        }

        /// <summary>The bound at this count (set again every 1/16 more members; it never rises).</summary>
        private void Narrow(Pool pool)
        {
            // A key the rule cannot read keeps nothing: it is refused after the reading (every line checked first), as after a count.
            var needed = NeededAt(pool.Name, pool.Seen);
            pool.Bound = needed < 0 ? 0 : Math.Min(pool.Bound, BoundFor(needed, pool.Seen, _sigmas));
            pool.TopDigit = Top(pool.Bound);
            pool.Next = pool.Seen + Math.Max(64, pool.Seen / 16);
        }

        private static void MakeRoom(Pool pool)
        {
            var kept = pool.Kept;
            // Kept leads lie below the bound of the last pruning: a pruning frees about the share the bound fell since, so it
            // is done once that is an eighth (scanning each full pool at every growth was 5.6 million entries a draw at 50,000,000).
            if (pool.Bound <= pool.PrunedAt - (pool.PrunedAt / 8))
            {
                kept.Prune(pool.Bound);
                pool.PrunedAt = pool.Bound;
                if (kept.Count < kept.Capacity - (kept.Capacity / 8))
                {
                    return;
                }
            }

            // Twice the room: the slots' pieces are taken only as members are written to them, so the room costs their
            // entries (20 bytes a member), not their 80 bytes (it was once a quarter more, to spare memory, and was
            // reallocated and copied some 20 times a stratum).
            kept.Reserve((int)Math.Min(Math.Max(4, 2L * kept.Count), int.MaxValue));
        }

        /// <summary>Picks and alternates a stratum of <paramref name="members"/> needs; -1 for a key the rule cannot read.</summary>
        private int NeededAt(string stratum, int members)
        {
            try
            {
                var quota = Quotas.For(stratum, members, _rules);
                return quota.Quota + quota.Alternates;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or ArithmeticException)
            {
                return -1;
            }
        }

        /// <summary>The first digit of the largest lead below <paramref name="bound"/> (-1: none).</summary>
        public static int Top(ulong bound) => bound == 0 ? -1 : (int)((bound - 1) / FirstDigitUnit);

        /// <summary>About what a stratum of <paramref name="members"/> keeps at its end: the bound's mean, and a tenth to spare.</summary>
        private int Expected(int needed, int members) =>
            (int)Math.Min(int.MaxValue - 4, 1.1 * Math.Min(members, needed + (Math.Max(_sigmas, 0) * (Math.Sqrt(needed) + 3)))) + 4;

        public sealed class Pool(string name, int expected)
        {
            public string Name => name;

            // Small at first (a frame may have many strata of a few members each), unless the count is known.
            public LeanHeap Kept { get; } = new(int.MaxValue, expected);

            public int Seen { get; set; }

            public int Next { get; set; } = 1;

            public ulong Bound { get; set; } = Whole;

            /// <summary>The bound when the pool was last pruned (every lead kept is below it).</summary>
            public ulong PrunedAt { get; set; } = Whole;

            public int TopDigit { get; set; } = 9;
        }
    }

    /// <summary>
    /// The selecting pass of one worker: per stratum a heap of the k + m smallest tickets among the rows this worker read.
    /// </summary>
    private sealed class Selector(StrataIndex strata, int[] capacities, string seedHash) : IDisposable
    {
        private readonly TicketHasher _hasher = new(seedHash);

        public LeanHeap[] Heaps { get; } = capacities.Select((c, k) => new LeanHeap(c, strata.Counts[k])).ToArray();

        public int[] Seen { get; } = new int[capacities.Length];

        public void Row(ReadOnlySpan<byte> id, ReadOnlySpan<byte> stratum)
        {
            var s = strata.Find(stratum);
            Seen[s]++;
            var heap = Heaps[s];
            if (heap.Closed)
            {
                return;
            }

            Span<byte> hash = stackalloc byte[Uniform.HashBytes];
            _hasher.Hash(id, hash);

            // Most members are refused by the ticket's first digit alone (a full heap's largest usually starts with 0):
            // the whole lead is computed only when that digit does not already decide.
            if (Uniform.FirstDigit(hash) > heap.TopDigit)
            {
                return;
            }

            heap.Offer(Uniform.Lead(hash), hash, id);
        }

        public void Dispose() => _hasher.Dispose();
    }

    /// <summary>The heaps of one draw: quotas fixed from the first pass's counts; the second pass's counts must be the same.</summary>
    private sealed class Selection : IDisposable
    {
        private readonly StrataIndex _strata;
        private readonly SmallestTickets[] _heaps;
        private readonly int[] _seen;
        private readonly int[] _ordinal;
        private readonly List<StratumQuota> _quotas;
        private readonly TicketHasher _hasher;

        public Selection(StrataIndex strata, string seedHash, QuotaRules rules)
        {
            _strata = strata;
            SeedHash = seedHash;
            _hasher = new TicketHasher(seedHash);

            // Quotas in stratum order (a stratum key the rule cannot read is refused here, the first in that order).
            _ordinal = Enumerable.Range(0, strata.Names.Count).OrderBy(k => strata.Names[k], StringComparer.Ordinal).ToArray();
            _quotas = _ordinal.Select(k => Quotas.For(strata.Names[k], strata.Counts[k], rules)).ToList();
            _heaps = new SmallestTickets[strata.Names.Count];
            for (var o = 0; o < _ordinal.Length; o++)
            {
                _heaps[_ordinal[o]] = new SmallestTickets(_quotas[o].Quota + _quotas[o].Alternates);
            }

            _seen = new int[strata.Names.Count];
        }

        public string SeedHash { get; }

        public void Offer(int stratum, Candidate candidate)
        {
            _seen[stratum]++;
            _heaps[stratum].Offer(candidate, _hasher);
        }

        public (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Result()
        {
            if (!_seen.AsSpan().SequenceEqual(_strata.Counts.ToArray()))
            {
                throw Differs();
            }

            var picks = new List<Pick>();
            var alternates = new List<Pick>();
            for (var o = 0; o < _ordinal.Length; o++)
            {
                var (k, quota) = (_ordinal[o], _quotas[o]);
                var chosen = _heaps[k].Sorted(_hasher);
                _heaps[k] = new SmallestTickets(0);
                for (var j = 0; j < chosen.Length; j++)
                {
                    var id = chosen[j].Id;
                    var pick = new Pick(_strata.Names[k], id, _hasher.Ticket(id), 1);
                    (j < quota.Quota ? picks : alternates).Add(pick);
                }
            }

            return (_quotas, picks, alternates);
        }

        public void Dispose() => _hasher.Dispose();
    }

    /// <summary>
    /// Stratum keys to indexes, in order of first appearance, with each stratum's member count. Rows usually share a few
    /// stratum strings: a string seen before is found by reference before it is hashed. Read-only (thread-safe) after counting.
    /// </summary>
    private sealed class StrataIndex
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byReference = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
        private readonly ByteKeys _byBytes = new();

        public StrataIndex() => _bySpan = _index.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>Empty (to count), or the strata of known counts, the byte lookup filled in advance for a frame file.</summary>
        public static StrataIndex Of(IReadOnlyDictionary<string, int>? counts)
        {
            var strata = new StrataIndex();
            foreach (var (name, count) in counts ?? new Dictionary<string, int>())
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(counts));
                var s = strata.Add(name);
                strata.Counts[s] = count;
                strata._byBytes.Add(Encoding.UTF8.GetBytes(name), s);
            }

            return strata;
        }

        /// <summary>The strata and counts of several counting indexes together, the byte lookup filled (read-only from here).</summary>
        public static StrataIndex Merge(IEnumerable<StrataIndex> parts)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                for (var k = 0; k < part.Names.Count; k++)
                {
                    counts[part.Names[k]] = counts.GetValueOrDefault(part.Names[k]) + part.Counts[k];
                }
            }

            return Of(counts);
        }

        public List<string> Names { get; } = [];

        public List<int> Counts { get; } = [];

        public void Count(int stratum) => Counts[stratum]++;

        public int Add(string stratum)
        {
            if (_byReference.TryGetValue(stratum, out var s))
            {
                return s;
            }

            if (!_index.TryGetValue(stratum, out s))
            {
                s = Names.Count;
                _index.Add(stratum, s);
                Names.Add(stratum);
                Counts.Add(0);
            }

            if (_byReference.Count < 4096)
            {
                _byReference.Add(stratum, s);
            }

            return s;
        }

        /// <summary>A stratum from UTF-8 bytes (a frame file): found by its bytes, decoded only when not seen before.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int Add(ReadOnlySpan<byte> stratum) => _byBytes.Find(stratum) is var s and >= 0 ? s : AddNew(stratum);

        /// <summary>Out of the row's path (once per stratum): the decoding's buffer is not set up for every row.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private int AddNew(ReadOnlySpan<byte> stratum)
        {
            Span<char> text = stackalloc char[512];
            var chars = stratum.Length <= text.Length ? text[..Encoding.UTF8.GetChars(stratum, text)] : Encoding.UTF8.GetString(stratum).AsSpan();
            var s = _bySpan.TryGetValue(chars, out var known) ? known : Add(chars.ToString());
            _byBytes.Add(stratum, s);
            return s;
        }

        public int Find(string stratum) =>
            _byReference.TryGetValue(stratum, out var s) || _index.TryGetValue(stratum, out s) ? s : throw Changed(stratum);

        public int Find(ReadOnlySpan<byte> stratum) =>
            _byBytes.Find(stratum) is var s and >= 0 ? s : throw Changed(Encoding.UTF8.GetString(stratum));

        private static FrameException Changed(string stratum) =>
            new($"stratum '{stratum}' was not in the target frame when it was counted (each stratum's members): read the frame from one snapshot");
    }
    /// <summary>
    /// Stratum bytes to indexes, open addressing on a cheap hash of the length and the first and last 8 bytes (strata differ
    /// there: region first, risk class last); every hit is checked byte for byte. Used once per row of a frame file, so no
    /// decoding and no string hashing there.
    /// </summary>
    internal sealed class ByteKeys
    {
        /// <summary>The fewest slots a table has (a quarter of them used at most).</summary>
        internal const int FirstSlots = 1024;

        private Slot[] _slots = new Slot[FirstSlots];
        private int _count;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int Find(ReadOnlySpan<byte> key)
        {
            var slots = _slots;
            var mask = slots.Length - 1;
            if (key.Length is >= 16 and <= 32)
            {
                // Most strata ("630100|lithium-carbonate|D"): the first and the last 16 bytes cover the key, two compares.
                var (head, tail) = Ends(key);
                for (var i = Hash(key) & mask; ; i = (i + 1) & mask)
                {
                    ref readonly var slot = ref slots[i];
                    if (slot.Length == key.Length && slot.Head == head && slot.Tail == tail)
                    {
                        return slot.Value;
                    }

                    if (slot.Key is null)
                    {
                        return -1;
                    }
                }
            }

            for (var i = Hash(key) & mask; ; i = (i + 1) & mask)
            {
                ref readonly var slot = ref slots[i];
                if (slot.Key is null)
                {
                    return -1;
                }

                if (key.SequenceEqual(slot.Key))
                {
                    return slot.Value;
                }
            }
        }

        public void Add(ReadOnlySpan<byte> key, int value)
        {
            // At most a quarter full: most lookups end at their first slot.
            if (4 * (_count + 1) > _slots.Length)
            {
                var old = _slots;
                _slots = new Slot[old.Length * 2];
                _count = 0;
                foreach (var slot in old)
                {
                    if (slot.Key is not null)
                    {
                        Add(slot.Key, slot.Value);
                    }
                }
            }

            var mask = _slots.Length - 1;
            var i = Hash(key) & mask;
            while (_slots[i].Key is not null)
            {
                i = (i + 1) & mask;
            }

            var (head, tail) = key.Length is >= 16 and <= 32 ? Ends(key) : default;
            _slots[i] = new Slot(key.ToArray(), key.Length, value, head, tail);
            _count++;
        }

        // Inlined into the sieve's row (compiled fully optimized, which inlines less on its own): a call returned the pair on the stack.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static (Vector128<byte> Head, Vector128<byte> Tail) Ends(ReadOnlySpan<byte> key) =>
            (Vector128.Create(key[..16]), Vector128.Create(key[^16..]));

        /// <summary>A key (null: the slot is free), its length, its index, and its first and last 16 bytes when it has 16 to 32.</summary>
        private readonly record struct Slot(byte[]? Key, int Length, int Value, Vector128<byte> Head, Vector128<byte> Tail);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal static int Hash(ReadOnlySpan<byte> key)
        {
            ulong head = 0, tail = 0;
            if (key.Length >= 8)
            {
                head = BinaryPrimitives.ReadUInt64LittleEndian(key);
                tail = BinaryPrimitives.ReadUInt64LittleEndian(key[^8..]);
            }
            else
            {
                foreach (var b in key)
                {
                    head = (head << 8) | b;
                }
            }

            // A product carries a byte only upwards: the high half is folded down before the last multiplication, so the slot
            // (the low bits of what is returned) depends on every byte read. Without the fold a key's last byte (the risk
            // class) moved only bits the slot never reads: the four classes of a region and category shared a chain.
            var mixed = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)key.Length;
            mixed ^= mixed >> 32;
            mixed *= 0x165667B19E3779F9UL;
            return (int)(mixed >> 32);
        }
    }
}

/// <summary>A member offered to the selection: its ticket's lead (<see cref="Uniform.Lead"/>) and its id.</summary>
internal readonly record struct Candidate(ulong Lead, string Id);

/// <summary>
/// The <c>capacity</c> smallest candidates in ticket order, kept in a max-heap of that size: a candidate whose lead is above
/// the largest kept one is refused in one comparison, so memory and work grow with the sample, not with the stratum.
/// </summary>
internal sealed class SmallestTickets(int capacity)
{
    private Candidate[] _items = new Candidate[Math.Min(capacity, 64)];
    private int _count;

    public int Count => _count;

    public void Offer(Candidate candidate, TicketHasher hasher)
    {
        if (capacity == 0)
        {
            return;
        }

        if (_count < capacity)
        {
            if (_count == _items.Length)
            {
                Array.Resize(ref _items, (int)Math.Min(capacity, 2L * _items.Length));
            }

            _items[_count] = candidate;
            SiftUp(_count++, hasher);
        }
        else if (Compare(candidate, _items[0], hasher) < 0)
        {
            _items[0] = candidate;
            SiftDown(0, hasher);
        }
    }

    /// <summary>The kept candidates, smallest ticket first.</summary>
    public Candidate[] Sorted(TicketHasher hasher)
    {
        var sorted = _items[.._count];
        Array.Sort(sorted, new Order(hasher));
        return sorted;
    }

    /// <summary>Ticket order: leads, then (equal leads) the whole tickets ordinal, then the ids ordinal.</summary>
    public static int Compare(Candidate x, Candidate y, TicketHasher hasher)
    {
        if (x.Lead != y.Lead)
        {
            return x.Lead < y.Lead ? -1 : 1;
        }

        var (a, b) = (x.Id, y.Id);
        return string.Equals(a, b, StringComparison.Ordinal) ? 0 : Tickets.Compare(hasher.Ticket(a), a, hasher.Ticket(b), b);
    }

    private void SiftUp(int i, TicketHasher hasher)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (Compare(_items[i], _items[parent], hasher) <= 0)
            {
                return;
            }

            (_items[i], _items[parent]) = (_items[parent], _items[i]);
            i = parent;
        }
    }

    private void SiftDown(int i, TicketHasher hasher)
    {
        while (true)
        {
            var largest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < _count && Compare(_items[left], _items[largest], hasher) > 0)
            {
                largest = left;
            }

            if (right < _count && Compare(_items[right], _items[largest], hasher) > 0)
            {
                largest = right;
            }

            if (largest == i)
            {
                return;
            }

            (_items[i], _items[largest]) = (_items[largest], _items[i]);
            i = largest;
        }
    }

    internal sealed class Order(TicketHasher hasher) : IComparer<Candidate>
    {
        public int Compare(Candidate x, Candidate y) => SmallestTickets.Compare(x, y, hasher);
    }
}

/// <summary>
/// The <c>capacity</c> smallest tickets of the rows offered, as <see cref="SmallestTickets"/> keeps them, for rows read as bytes:
/// each kept member is its lead and a slot that holds its hash (32 bytes) and its id's bytes, written over when the member
/// is pushed out. Nothing is allocated per member (ids longer than 48 bytes excepted), and the picks are made from the
/// slots at the end (<see cref="Merge"/>), never as a string per kept member.
/// </summary>
internal sealed class LeanHeap(int capacity, int expected = 64)
{
    /// <summary>Ids up to this many bytes are held in the slot (an enterprise's id with its category name is about 40).</summary>
    private const int IdInline = 48;
    private const int Stride = Uniform.HashBytes + IdInline;

    /// <summary>10^17: a lead divided by it is the ticket's first digit.</summary>
    private const ulong FirstDigitUnit = 100_000_000_000_000_000UL;

    // Sized for what it is expected to hold (at most the stratum's members): at 50,000,000 members, arrays grown by doubling
    // would leave about as much garbage as the heaps hold.
    private (ulong Lead, int Slot)[] _entries = new (ulong, int)[Math.Min(capacity, Math.Max(expected, 1))];
    private readonly Slots _store = new(Math.Min(capacity, Math.Max(expected, 1)));
    private int[] _lengths = new int[Math.Min(capacity, Math.Max(expected, 1))];
    private byte[]?[]? _long;
    private int _count;

    /// <summary>Keeps nothing (quota and alternates 0): its members need no ticket.</summary>
    public bool Closed => capacity == 0;

    public int Count => _count;

    /// <summary>The first digit of the largest kept ticket once full; 10 before (any ticket may enter).</summary>
    public int TopDigit { get; private set; } = 10;

    public ReadOnlySpan<byte> Hash(int slot) => _store[slot][..Uniform.HashBytes];

    public ReadOnlySpan<byte> Id(int slot) =>
        _lengths[slot] <= IdInline ? _store[slot].Slice(Uniform.HashBytes, _lengths[slot]) : _long![slot];

    /// <summary>Offers a member: its ticket's lead and hash (the lead may be made up, by the tests: ties are then decided by the hashes and ids).</summary>
    public void Offer(ulong lead, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> id)
    {
        if (_count < capacity)
        {
            if (_count == _entries.Length)
            {
                Grow();
            }

            Write(_count, hash, id);
            _entries[_count] = (lead, _count);
            SiftUp(_count++);
        }
        else if (capacity > 0)
        {
            var top = _entries[0];
            if (lead > top.Lead || (lead == top.Lead && Slow(Uniform.Ticket(hash), Encoding.UTF8.GetString(id), top.Slot) >= 0))
            {
                return;
            }

            Write(top.Slot, hash, id);
            _entries[0] = (lead, top.Slot);
            SiftDown(0);
        }

        if (_count == capacity && capacity > 0)
        {
            TopDigit = (int)(_entries[0].Lead / FirstDigitUnit);
        }
    }

    /// <summary>Keeps a member unordered (a <see cref="TargetDraw"/> sieve's pool: no heap, no capacity); <see cref="Merge"/> orders them.</summary>
    public void Keep(ulong lead, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> id)
    {
        if (_count == _entries.Length)
        {
            Grow();
        }

        Write(_count, hash, id);
        _entries[_count] = (lead, _count);
        _count++;
    }

    /// <summary>Lets go of the members kept (<see cref="Keep"/>) whose lead is not below <paramref name="bound"/>; the rest keep their order.</summary>
    public void Prune(ulong bound)
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Lead >= bound)
            {
                continue;
            }

            if (kept != i)
            {
                // Slots are in entry order here (nothing was sifted): slot i moves to slot kept.
                _store[i].CopyTo(_store[kept]);
                _lengths[kept] = _lengths[i];
                if (_long is not null)
                {
                    _long[kept] = _long[i];
                }
            }

            _entries[kept] = (_entries[i].Lead, kept);
            kept++;
        }

        if (_long is not null)
        {
            Array.Clear(_long, kept, _count - kept);
        }

        _count = kept;
    }

    /// <summary>The kept slots, smallest ticket first.</summary>
    public int[] Sorted()
    {
        var entries = _entries[.._count];
        Array.Sort(entries, (x, y) => Compare(x, y));
        return entries.Select(e => e.Slot).ToArray();
    }

    /// <summary>
    /// Per stratum (in <paramref name="ordinal"/> order) the smallest tickets of the parts' heaps together (the k smallest of
    /// a union are among each part's k smallest), split into picks and alternates by the quota. The picks are the heaps'
    /// slots, not copies: the heaps live as long as the picks (copying them took 0.2 s at 50,000,000 members).
    /// </summary>
    public static (LeanPicks Picks, LeanPicks Alternates) Merge(List<string> names, int[] ordinal, List<StratumQuota> quotas, LeanHeap[][] parts)
    {
        // Each stratum's parts sorted together (on every core when there are several parts: the strata are independent).
        var chosen = new (int Part, int Slot)[ordinal.Length][];
        Cores.For(ordinal.Length, parts.Length > 1, o =>
        {
            var k = ordinal[o];
            // A rented buffer: one array the size of the stratum's sample per stratum would be garbage the size of them all.
            var size = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                size += parts[p][k]._count;
            }

            var rentedLeads = System.Buffers.ArrayPool<ulong>.Shared.Rent(size);
            var rentedMembers = System.Buffers.ArrayPool<(int Part, int Slot)>.Shared.Rent(size);
            var leads = rentedLeads.AsSpan(0, size);
            var members = rentedMembers.AsSpan(0, size);
            var at = 0;
            for (var p = 0; p < parts.Length; p++)
            {
                var heap = parts[p][k];
                for (var i = 0; i < heap._count; i++)
                {
                    (leads[at], members[at]) = (heap._entries[i].Lead, (p, heap._entries[i].Slot));
                    at++;
                }
            }

            // By lead (numbers: compared inline, no comparer called); then each run of equal leads (about one pair in 10^18, or
            // made up by the tests) by its whole tickets and ids.
            SortByLead(leads, members);
            for (var start = 0; start < size;)
            {
                var end = start + 1;
                while (end < size && leads[end] == leads[start])
                {
                    end++;
                }

                if (end - start > 1)
                {
                    members[start..end].Sort(new ByTicket(parts, k, leads[start]));
                }

                start = end;
            }

            var taken = Math.Min(size, quotas[o].Quota + quotas[o].Alternates);
            chosen[o] = members[..taken].ToArray();
            System.Buffers.ArrayPool<ulong>.Shared.Return(rentedLeads);
            System.Buffers.ArrayPool<(int Part, int Slot)>.Shared.Return(rentedMembers);
        });

        var (pickCount, alternateCount) = (0, 0);
        for (var o = 0; o < ordinal.Length; o++)
        {
            var picked = Math.Min(chosen[o].Length, quotas[o].Quota);
            (pickCount, alternateCount) = (pickCount + picked, alternateCount + chosen[o].Length - picked);
        }

        var picks = new LeanPicks(names, pickCount);
        var alternates = new LeanPicks(names, alternateCount);
        for (var o = 0; o < ordinal.Length; o++)
        {
            var k = ordinal[o];
            for (var j = 0; j < chosen[o].Length; j++)
            {
                (j < quotas[o].Quota ? picks : alternates).Add(k, parts[chosen[o][j].Part][k], chosen[o][j].Slot);
            }
        }

        return (picks, alternates);
    }

    /// <summary>
    /// <paramref name="leads"/> in ascending order, <paramref name="members"/> moved with them. Tickets are uniform, so the
    /// leads are spread evenly between the least and the greatest: one pass puts them in about as many buckets as there are
    /// leads, by their high bits, and each bucket (one or two on average) is sorted on its own. Leads made up close together
    /// only make some buckets larger. At 50,000,000 members (2.3 million kept) the merge took 127–131 ms with one sort per
    /// stratum, 67–114 ms so.
    /// </summary>
    internal static void SortByLead(Span<ulong> leads, Span<(int Part, int Slot)> members)
    {
        var n = leads.Length;
        if (n < 64)
        {
            leads.Sort(members);
            return;
        }

        var (least, greatest) = (ulong.MaxValue, 0UL);
        foreach (var lead in leads)
        {
            (least, greatest) = (Math.Min(least, lead), Math.Max(greatest, lead));
        }

        // Buckets: 2^b of them (b = the bits of n), a lead's bucket its offset from the least shifted down to b bits.
        var b = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)n);
        var shift = Math.Max(0, 64 - System.Numerics.BitOperations.LeadingZeroCount(greatest - least) - b);
        var buckets = (int)((greatest - least) >> shift) + 1;
        var starts = System.Buffers.ArrayPool<int>.Shared.Rent(buckets + 1);
        var rentedLeads = System.Buffers.ArrayPool<ulong>.Shared.Rent(n);
        var rentedMembers = System.Buffers.ArrayPool<(int Part, int Slot)>.Shared.Rent(n);
        try
        {
            Array.Clear(starts, 0, buckets + 1);
            foreach (var lead in leads)
            {
                starts[(int)((lead - least) >> shift) + 1]++;
            }

            for (var k = 1; k <= buckets; k++)
            {
                starts[k] += starts[k - 1];
            }

            var sortedLeads = rentedLeads.AsSpan(0, n);
            var sortedMembers = rentedMembers.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                var at = starts[(int)((leads[i] - least) >> shift)]++;
                (sortedLeads[at], sortedMembers[at]) = (leads[i], members[i]);
            }

            // starts[k] is now where bucket k ends.
            for (int k = 0, from = 0; k < buckets; from = starts[k++])
            {
                if (starts[k] - from > 1)
                {
                    sortedLeads[from..starts[k]].Sort(sortedMembers[from..starts[k]]);
                }
            }

            sortedLeads.CopyTo(leads);
            sortedMembers.CopyTo(members);
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(starts);
            System.Buffers.ArrayPool<ulong>.Shared.Return(rentedLeads);
            System.Buffers.ArrayPool<(int Part, int Slot)>.Shared.Return(rentedMembers);
        }
    }

    /// <summary>Members of one stratum's parts whose leads are all <paramref name="lead"/>, in ticket order: their whole tickets, then their ids.</summary>
    private sealed class ByTicket(LeanHeap[][] parts, int stratum, ulong lead) : IComparer<(int Part, int Slot)>
    {
        public int Compare((int Part, int Slot) x, (int Part, int Slot) y) =>
            x.Part == y.Part ? parts[x.Part][stratum].Compare(lead, x.Slot, lead, y.Slot)
            : parts[y.Part][stratum].Slow(parts[x.Part][stratum].Ticket(x.Slot), parts[x.Part][stratum].IdText(x.Slot), y.Slot);
    }

    /// <summary>A part that holds nothing (a worker that read no member of a stratum).</summary>
    public static LeanHeap None { get; } = new(0);

    private string Ticket(int slot) => Uniform.Ticket(Hash(slot));

    private string IdText(int slot) => Encoding.UTF8.GetString(Id(slot));

    private int Compare((ulong Lead, int Slot) x, (ulong Lead, int Slot) y) => Compare(x.Lead, x.Slot, y.Lead, y.Slot);

    private int Compare(ulong xLead, int xSlot, ulong yLead, int ySlot) =>
        xLead != yLead ? (xLead < yLead ? -1 : 1) : xSlot == ySlot ? 0 : Slow(Ticket(xSlot), IdText(xSlot), ySlot);

    /// <summary>Equal leads (about one pair in 10^18, or made up by the tests): the whole tickets, then the ids, as <see cref="Tickets.Compare"/>.</summary>
    private int Slow(string ticket, string id, int slot) => Tickets.Compare(ticket, id, Ticket(slot), IdText(slot));

    private void Write(int slot, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> id)
    {
        var bytes = _store.Writable(slot);
        hash.CopyTo(bytes);
        _lengths[slot] = id.Length;
        if (id.Length <= IdInline)
        {
            id.CopyTo(bytes[Uniform.HashBytes..]);
        }
        else
        {
            (_long ??= new byte[]?[_entries.Length])[slot] = id.ToArray();
        }
    }

    /// <summary>How many members fit before the arrays grow.</summary>
    public int Capacity => _entries.Length;

    /// <summary>Room for at least <paramref name="size"/> members (it never shrinks: the slots' pieces stay).</summary>
    public void Reserve(int size)
    {
        if (size > _entries.Length)
        {
            Resize(size);
        }
    }

    private void Grow() => Resize((int)Math.Min(capacity, 2L * _entries.Length));

    private void Resize(int size)
    {
        // The slots come in whole pieces: the entries take all of them (no second growth while a piece has room).
        _store.Reserve(size);
        size = Math.Max(size, Math.Min(capacity, _store.Capacity));
        Array.Resize(ref _entries, size);
        Array.Resize(ref _lengths, size);
        if (_long is not null)
        {
            Array.Resize(ref _long, size);
        }
    }

    /// <summary>
    /// The slots' bytes (<see cref="Stride"/> each) in pieces: the first grows by doubling up to <see cref="PieceSlots"/>
    /// slots, then whole pieces are added and what is kept is not copied again. A pool whose stratum's size is not known
    /// grows as its members come: as one array it was copied and allocated anew some 20 times (at 50,000,000 members, 8.5
    /// million slots allocated for 2.3 million kept; the growth took 0.21–0.34 s of a 5.4–5.9 s draw on one thread).
    /// </summary>
    private sealed class Slots
    {
        private const int Shift = 11;

        /// <summary>Slots in a piece: 160 KiB, on the large object heap (a collection does not copy it).</summary>
        private const int PieceSlots = 1 << Shift;

        private byte[]?[] _pieces = [];

        public Slots(int size) => Reserve(size);

        /// <summary>How many slots fit.</summary>
        public int Capacity { get; private set; }

        /// <summary>A slot written before.</summary>
        public Span<byte> this[int slot] => _pieces[slot >> Shift].AsSpan((slot & (PieceSlots - 1)) * Stride, Stride);

        /// <summary>A slot to write: its piece is made when the first of its slots is written.</summary>
        public Span<byte> Writable(int slot) =>
            (_pieces[slot >> Shift] ??= new byte[PieceSlots * Stride]).AsSpan((slot & (PieceSlots - 1)) * Stride, Stride);

        public void Reserve(int size)
        {
            if (size <= Capacity)
            {
                return;
            }

            if (size < PieceSlots)
            {
                // Still one piece (a small stratum stays small).
                var piece = new byte[size * Stride];
                _pieces.FirstOrDefault()?.CopyTo(piece, 0);

                (_pieces, Capacity) = ([piece], size);
                return;
            }

            var count = (int)(((long)size + PieceSlots - 1) >> Shift);
            var pieces = new byte[]?[count];
            Array.Copy(_pieces, pieces, _pieces.Length);
            if (pieces[0] is { } first && first.Length < PieceSlots * Stride)
            {
                var whole = new byte[PieceSlots * Stride];
                first.CopyTo(whole, 0);
                pieces[0] = whole;
            }

            (_pieces, Capacity) = (pieces, count * PieceSlots);
        }
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (Compare(_entries[i], _entries[parent]) <= 0)
            {
                return;
            }

            (_entries[i], _entries[parent]) = (_entries[parent], _entries[i]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var largest = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < _count && Compare(_entries[left], _entries[largest]) > 0)
            {
                largest = left;
            }

            if (right < _count && Compare(_entries[right], _entries[largest]) > 0)
            {
                largest = right;
            }

            if (largest == i)
            {
                return;
            }

            (_entries[i], _entries[largest]) = (_entries[largest], _entries[i]);
            i = largest;
        }
    }
}

/// <summary>
/// Picks held lean: per pick its stratum's index and its slot in the heap that kept it, where its id's UTF-8 and its ticket's
/// hash stay (16 bytes a pick here, against some 300 for a <see cref="Pick"/> with its strings); each <see cref="Pick"/> is
/// made when it is read (a new one each time, equal by value).
/// </summary>
internal sealed class LeanPicks(IReadOnlyList<string> strata, int capacity) : IReadOnlyList<Pick>
{
    /// <summary>Picks made by one task in a row (<see cref="ToList"/>; a pick takes about half a microsecond).</summary>
    private const int ChunkSize = 4096;

    private readonly int[] _stratum = new int[capacity];
    private readonly LeanHeap[] _heap = new LeanHeap[capacity];
    private readonly int[] _slot = new int[capacity];

    public int Count { get; private set; }

    public Pick this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var (heap, slot) = (_heap[index], _slot[index]);
            return new Pick(strata[_stratum[index]], Encoding.UTF8.GetString(heap.Id(slot)), Uniform.Ticket(heap.Hash(slot)), 1);
        }
    }

    /// <summary>The member in <paramref name="slot"/> of <paramref name="heap"/> (read from there whenever the pick is read).</summary>
    public void Add(int stratum, LeanHeap heap, int slot)
    {
        _stratum[Count] = stratum;
        _heap[Count] = heap;
        _slot[Count++] = slot;
    }

    public IEnumerator<Pick> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    /// <summary>
    /// Every pick made at once, on every core when <paramref name="parallel"/>: each pick is its own slot's (its id decoded,
    /// its ticket's digits written), so the order and the picks are those of the enumeration. At 1,000,000 targets the
    /// 44,637 picks and 672 alternates took 17–65 ms on one thread (about 25), 10–28 ms on two cores (about 12): the
    /// selection on two cores takes about 200 ms.
    /// </summary>
    public List<Pick> ToList(bool parallel)
    {
        var picks = new Pick[Count];
        Cores.For((Count + ChunkSize - 1) / ChunkSize, parallel && Count >= 2 * ChunkSize, c =>
        {
            for (int i = c * ChunkSize, end = Math.Min(Count, i + ChunkSize); i < end; i++)
            {
                picks[i] = this[i];
            }
        });
        return [.. picks];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
