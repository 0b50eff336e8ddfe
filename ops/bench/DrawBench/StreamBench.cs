using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samples.Draw;

namespace Samples.Bench.DrawBench;

/// <summary>
/// The streaming draw over a generated canonical target frame FILE (issue 22: 50,000,000 enterprises): the file is written
/// once (kept for later runs), then in each run, alternating: the SHA-256 floor of the same ticket inputs and the draw read
/// from the file (StreamingDraw.TargetsFromFile: one reading with the counts unknown; and one with the counts known), on one
/// thread and then on every core, and on one thread the earlier way (a counting pass, then heaps); the ratios of each run,
/// the picks written out once, and the peak memory.
/// </summary>
internal static class StreamBench
{
    private const int Piece = 16 << 20;

    public static int Run(long members, int runs, string work)
    {
        var culture = CultureInfo.InvariantCulture;
        void Say(string text) => Console.WriteLine($"-- {text}");
        Directory.CreateDirectory(work);
        var path = Path.Combine(work, string.Create(culture, $"target-frame-{members}.csv"));
        var generateSeconds = double.NaN;
        if (!File.Exists(path))
        {
            Say(string.Create(culture, $"writing a canonical target frame of {members:N0} members to {path} (once)"));
            var partial = path + ".partial";
            generateSeconds = Measure.Seconds(() => Synthetic.WriteTargetFrame(partial, members, new SplitMix64(20261206)));
            File.Move(partial, path, true);
        }

        // A frame file linked from another work folder (SAMPLES_BENCH_DRAW_WORK) is measured as the file it names.
        var file = new FileInfo(path);
        var bytes = (file.LinkTarget is null ? file : (FileInfo)file.ResolveLinkTarget(true)!).Length;
        var seed = string.Create(culture, $"QH-2026-STREAM|{members}");
        var seedHash = Tickets.Sha256Hex(seed);
        var rules = new QuotaRules([new("A", 0.01m), new("B", 0.02m), new("C", 0.05m), new("D", 0.10m)], false, [], 3);

        Say(string.Create(culture, $"streaming draw and floor over {bytes / 1048576.0:N0} MiB, {runs} runs, alternating: one thread, then every core"));
        var loads = new List<string> { Measure.Load() };
        var peakReset = Measure.ResetPeak();

        // Each figure per run, and each ratio from the two measurements of the same run (the machine is shared: the load
        // moves from run to run, so a ratio of medians taken at different moments says less).
        var one = new Figures();
        var all = new Figures();
        var scanRuns = new List<double>();
        var countedRuns = new List<double>();
        var countedRatios = new List<double>();
        var dotnetFloorRuns = new List<double>();
        var dotnetRatios = new List<double>();
        var countedCpuRatios = new List<double>();

        // The peak of each kind of work (VmHWM read after it, then reset): which one makes the process's peak. Between two
        // works the memory the GC still holds from the earlier one is returned first (one process runs many draws here; a
        // silo or the client runs one at a time): nothing is forced within a work.
        var peaks = new Dictionary<string, double>();
        void Peak(string what)
        {
            peaks[what] = Math.Max(peaks.GetValueOrDefault(what), Measure.StatusKiB("VmHWM") / 1024.0);
            if (peakReset)
            {
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
                Measure.ResetPeak();
            }
        }
        string? digest = null;
        IReadOnlyDictionary<string, int> counts = new Dictionary<string, int>();
        var (strataCount, pickCount, alternateCount) = (0, 0, 0);
        long checksum = 0;
        (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) kept = ([], [], []);
        for (var run = 0; run < runs; run++)
        {
            foreach (var (figures, single) in new[] { (one, true), (all, false) })
            {
                AppContext.SetSwitch("Samples.Draw.SingleThreaded", single);
                var mode = single ? "1 thread" : "every core";
                Peak("before");
                var (floor, floorCpu, hashed) = Floor(path, seedHash, parallel: !single);
                checksum ^= hashed;
                Peak($"floor, {mode}");
                var drawn = Drawn.Of(() => StreamingDraw.TargetsFromFile(path, seed, rules));
                Peak($"draw, {mode}");
                digest ??= drawn.Digest;
                counts = drawn.Counts;
                (strataCount, pickCount, alternateCount) = (drawn.Strata, drawn.Picks, drawn.Alternates);
                if (drawn.Digest != digest)
                {
                    Console.Error.WriteLine($"the draw ({(single ? "one thread" : "every core")}) differs from the first draw");
                    return 2;
                }

                // With each stratum's count known (a verifier has them in the bundle's quotas): one pass, the same draw. The
                // last draw's picks are written out below; no other result is held while a draw runs.
                var known = counts;
                var oncePass = Drawn.Of(() => StreamingDraw.TargetsFromFile(path, seed, rules, known), keep: run == runs - 1 && !single);
                Peak($"counts known, {mode}");
                if (oncePass.Digest != digest)
                {
                    Console.Error.WriteLine("the one-pass draw (counts known) differs from the two-pass draw");
                    return 2;
                }

                kept = oncePass.Kept ?? ([], [], []);
                var (draw, drawCpu, once, onceCpu) = (drawn.Seconds, drawn.Cpu, oncePass.Seconds, oncePass.Cpu);
                figures.Add(floor, floorCpu, draw, drawCpu, once, onceCpu);
                if (single)
                {
                    var (dotnetFloor, _, dotnetHashed) = Floor(path, seedHash, parallel: false, dotnet: true);
                    checksum ^= dotnetHashed;
                    dotnetFloorRuns.Add(dotnetFloor);
                    dotnetRatios.Add(draw / dotnetFloor);

                    // The earlier way, for comparison in the same run: a counting pass, then the heaps (the same draw).
                    var twoPass = Drawn.Of(() => TargetDraw.Run(
                        () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), seed, rules, null, 1, FrameBlocks.BlockSize, sieve: null));
                    if (twoPass.Digest != digest)
                    {
                        Console.Error.WriteLine("the two-pass draw (count, then heaps) differs from the one-reading draw");
                        return 2;
                    }

                    Peak("count pass, then heaps, 1 thread");
                    var (counted, countedCpu) = (twoPass.Seconds, twoPass.Cpu);
                    countedRuns.Add(counted);
                    countedRatios.Add(counted / floor);
                    countedCpuRatios.Add(countedCpu / floorCpu);
                }
            }

            AppContext.SetSwitch("Samples.Draw.SingleThreaded", true);

            // The reading alone (the file scanned and checked once, no ticket): what the draw costs above the hashing.
            scanRuns.Add(Measure.Seconds(() =>
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                TargetFrameScanner.Scan(stream, (_, _, _) => { });
            }));
            AppContext.SetSwitch("Samples.Draw.SingleThreaded", false);
            Say(string.Create(culture, $"run {run + 1}: one thread: floor {one.Floor[^1]:0.000} s, draw {one.Draw[^1]:0.000} s (ratio {one.Ratio[^1]:0.00}), counts known {one.Once[^1]:0.000} s, count then heaps {countedRuns[^1]:0.000} s; every core: floor {all.Floor[^1]:0.000} s, draw {all.Draw[^1]:0.000} s (ratio {all.Ratio[^1]:0.00}), one pass {all.Once[^1]:0.000} s; reading alone {scanRuns[^1]:0.000} s; load {Measure.Load()}"));
        }

        // The picks as a bundle writer reads them: every pick's id and ticket text made and written out once (the draw holds
        // them lean: an id's bytes and a ticket's hash).
        var picksPath = Path.Combine(work, "picks.csv");
        var writeSeconds = Measure.Seconds(() =>
        {
            using var writer = new StreamWriter(picksPath, false, new UTF8Encoding(false), 1 << 16);
            foreach (var p in kept.Picks.Concat(kept.Alternates))
            {
                writer.Write(p.Stratum);
                writer.Write(',');
                writer.Write(p.Id);
                writer.Write(',');
                writer.Write(p.Ticket);
                writer.Write('\n');
            }
        });
        Peak("picks written out");
        var picksBytes = new FileInfo(picksPath).Length;
        File.Delete(picksPath);
        kept = ([], [], []);
        var peakKiB = peakReset ? (long)(peaks.Values.Max() * 1024) : Measure.StatusKiB("VmHWM");
        var managedPeak = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        loads.Add(Measure.Load());

        // At sizes that fit in memory: the streamed draw is the one drawn from the frame held whole.
        var same = "not checked (frame above 2,000,000 members)";
        if (members <= 2_000_000)
        {
            var frame = CanonicalFrames.ParseTargets(File.ReadAllText(path, Encoding.UTF8));
            var whole = TargetDraw.Run(frame.Rows, seed, rules);
            if (Digest((whole.Quotas, whole.Picks, whole.Alternates)) != digest)
            {
                Console.Error.WriteLine("the streamed draw differs from the draw over the frame held in memory");
                return 2;
            }

            same = "the same picks and alternates as TargetDraw over the frame held in memory";
        }

        var peakMiB = peakKiB / 1024.0;
        var cores = Environment.ProcessorCount;
        string Goal(bool met) => met ? "PASS" : "MISS";
        string Row(string label, List<double> values, string unit, string what) =>
            string.Create(culture, $"{label,-34}{Measure.Median(values),8:0.000} {unit}  {what}   [{Measure.List(values)}]");
        string RatioRow(string label, List<double> values, string what) =>
            string.Create(culture, $"{label,-34}{Measure.Median(values),8:0.00}    {what}; goal <= 1.5   {Goal(Measure.Median(values) <= 1.5)}   [{string.Join(" ", values.Select(v => v.ToString("0.00", culture)))}]");
        var lines = new[]
        {
            string.Create(culture, $"== Streaming draw benchmark ({cores} cores, load average {string.Join(" → ", loads)}, {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, .NET {Environment.Version}, medians of {runs} runs; ratios per run, then their median) =="),
            string.Create(culture, $"frame file                        {members:N0} targets in {strataCount} strata, {bytes / 1048576.0:N0} MiB canonical text{(double.IsNaN(generateSeconds) ? " (written by an earlier run)" : string.Create(culture, $", written in {generateSeconds:0.0} s"))}"),
            string.Create(culture, $"drawn                             {pickCount:N0} picks, {alternateCount:N0} alternates; {same}"),
            Row("(a) draw, 1 thread", one.Draw, "s", "StreamingDraw.TargetsFromFile, counts unknown: one reading (read, check, ticket, a sieve per stratum)"),
            Row("    its CPU time", one.DrawCpu, "s", "process CPU seconds (less moved by other work on the machine than wall time)"),
            Row("(a) one pass, counts known, 1 thread", one.Once, "s", "each stratum's count given (as a verifier has them from the bundle's quotas): the file read once"),
            Row("    count pass, then heaps, 1 thread", countedRuns, "s", "the earlier way (TargetDraw with no sieve): the same draw"),
            RatioRow("    its ratio to the floor, 1 thread", countedRatios, "count pass + heaps / floor, same run"),
            RatioRow("    its ratio of CPU times, 1 thread", countedCpuRatios, "count pass + heaps CPU / floor CPU, same run"),
            Row("    reading alone, 1 thread", scanRuns, "s", "the file scanned and checked once, no ticket"),
            Row("(b) floor, 1 thread", one.Floor, "s", "SHA-256 of utf8(sha256_hex(seed) + id) for every target (ids from the file packed in memory first; only the hashing timed)"),
            Row("    its CPU time", one.FloorCpu, "s", "process CPU seconds"),
            RatioRow("(c) ratio draw / floor, 1 thread", one.Ratio, "counts unknown / floor, same run"),
            Row("    floor as before, 1 thread", dotnetFloorRuns, "s", "the same inputs through .NET's IncrementalHash (the draw's call until 2026-12-06)"),
            RatioRow("    draw / that floor, 1 thread", dotnetRatios, "counts unknown / the floor as before, same run"),
            RatioRow("(c) ratio one pass / floor, 1 thread", one.OnceRatio, "counts known / floor, same run"),
            RatioRow("    ratio of CPU times, 1 thread", one.CpuRatio, "draw CPU / floor CPU, same run"),
            RatioRow("    one pass, ratio of CPU times", one.OnceCpuRatio, "counts known CPU / floor CPU, same run"),
            Row($"(a) draw, {cores} cores", all.Draw, "s", "the same on every core (each core reads, checks, hashes and sieves its blocks; merged)"),
            Row($"(a) one pass, counts known, {cores} cores", all.Once, "s", "the file read once, on every core"),
            Row($"(b) floor, {cores} cores", all.Floor, "s", "the same hashing on every core"),
            RatioRow($"(c) ratio draw / floor, {cores} cores", all.Ratio, "counts unknown / floor, same run"),
            RatioRow($"(c) ratio one pass / floor, {cores} cores", all.OnceRatio, "counts known / floor, same run"),
            Row("    picks written out", [writeSeconds], "s", string.Create(culture, $"every pick's and alternate's stratum, id and ticket text made and written to a file once ({picksBytes / 1048576.0:0} MiB), after the last draw")),
            string.Create(culture, $"    peak by work (MiB)                {string.Join(", ", peaks.Where(p => p.Key != "before").Select(p => string.Create(culture, $"{p.Key} {p.Value:0}")))}"),
            string.Create(culture, $"(e) peak memory                   {peakMiB,8:0} MiB VmHWM of this process{(peakReset ? ", the highest of the works above" : " since start")}: every draw, floor and the picks written out (managed heap after: {managedPeak / 1048576.0:0} MiB)   goal <= 1024 MiB   {Goal(peakMiB <= 1024)}"),
        };
        Console.WriteLine();
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return checksum == long.MinValue ? 3 : 0;
    }

    /// <summary>
    /// A draw timed, and what the benchmark keeps of it: its digest, counts and sizes, and the result itself only when asked.
    /// The result lives in <see cref="Of"/>'s frame: held in the caller's, even set to empty after, it stayed alive through
    /// the next works (the JIT's temporaries) and counted in their peaks.
    /// </summary>
    private sealed record Drawn(double Seconds, double Cpu, string Digest, IReadOnlyDictionary<string, int> Counts, int Strata, int Picks, int Alternates,
        (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates)? Kept)
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static Drawn Of(Func<(IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates)> draw, bool keep = false)
        {
            (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) result = ([], [], []);
            var (seconds, cpu) = SecondsAndCpu(() => result = draw());
            return new Drawn(seconds, cpu, StreamBench.Digest(result), StreamingDraw.Counts(result.Quotas), result.Quotas.Count, result.Picks.Count, result.Alternates.Count,
                keep ? result : null);
        }
    }

    /// <summary>Wall seconds and process CPU seconds taken by <paramref name="action"/>, after a full collection (as Measure.Seconds).</summary>
    private static (double Seconds, double Cpu) SecondsAndCpu(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        var wall = clock.Elapsed.TotalSeconds;
        return (wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>One mode's measurements, one entry per run.</summary>
    private sealed class Figures
    {
        public List<double> Floor { get; } = [];

        public List<double> FloorCpu { get; } = [];

        public List<double> Draw { get; } = [];

        public List<double> DrawCpu { get; } = [];

        public List<double> Once { get; } = [];

        public List<double> Ratio { get; } = [];

        public List<double> OnceRatio { get; } = [];

        public List<double> CpuRatio { get; } = [];

        public List<double> OnceCpuRatio { get; } = [];

        public void Add(double floor, double floorCpu, double draw, double drawCpu, double once, double onceCpu)
        {
            OnceCpuRatio.Add(onceCpu / floorCpu);
            Floor.Add(floor);
            FloorCpu.Add(floorCpu);
            Draw.Add(draw);
            DrawCpu.Add(drawCpu);
            Once.Add(once);
            Ratio.Add(draw / floor);
            OnceRatio.Add(once / floor);
            CpuRatio.Add(drawCpu / floorCpu);
        }
    }

    /// <summary>SHA-256 of a draw's quotas, picks and alternates, one line each.</summary>
    private static string Digest((IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) drawn)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var q in drawn.Quotas)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"quota {q.Stratum} {q.Members} {q.Quota} {q.Alternates} {q.Rule}\n")));
        }

        foreach (var (kind, list) in new[] { ("pick", drawn.Picks), ("alternate", drawn.Alternates) })
        {
            foreach (var p in list)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{kind} {p.Stratum} {p.Id} {p.Ticket} {p.Generation}\n")));
            }
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Seconds of SHA-256 over exactly the ticket inputs utf8(sha256_hex(seed) + id) of every row of the file, as the draw hashes
    /// them (its <see cref="TicketHasher"/>); the ids are read from the file and packed in memory piece by piece first, untimed.
    /// </summary>
    private static (double Seconds, double Cpu, long Checksum) Floor(string path, string seedHash, bool parallel = false, bool dotnet = false)
    {
        var piece = new byte[Piece];
        var ids = new byte[Piece];
        var ends = new int[Piece / 8];
        long checksum = 0;
        var clock = new Stopwatch();
        var cpu = TimeSpan.Zero;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var filled = 0;
        var header = true;
        while (true)
        {
            var read = file.Read(piece, filled, piece.Length - filled);
            filled += read;
            var data = piece.AsSpan(0, filled);
            var (count, packed, consumed) = (0, 0, 0);
            while (data[consumed..].IndexOf((byte)'\n') is var end and >= 0)
            {
                var line = data.Slice(consumed, end);
                consumed += end + 1;
                if (header)
                {
                    header = false;
                    continue;
                }

                var id = line[..line.IndexOf((byte)',')];
                id.CopyTo(ids.AsSpan(packed));
                packed += id.Length;
                ends[count++] = packed;
            }

            clock.Start();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var parts = parallel ? Environment.ProcessorCount : 1;
            var rows = count;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                // The draw's own call (libcrypto's low-level SHA-256 from the seed's state where it loads), so the ratio compares like with like.
                using var hasher = new TicketHasher(seedHash);
                // The floor as it was until 2026-12-06 (.NET's IncrementalHash, the draw's call then), for its ratio too.
                using var sha = dotnet ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
                var buffer = new byte[4096];
                var prefix = Encoding.UTF8.GetBytes(seedHash, buffer);
                Span<byte> hash = stackalloc byte[32];
                var (from, to) = ((int)((long)rows * part / parts), (int)((long)rows * (part + 1) / parts));
                long local = 0;
                for (var i = from; i < to; i++)
                {
                    var start = i == 0 ? 0 : ends[i - 1];
                    var id = ids.AsSpan(start, ends[i] - start);
                    if (sha is null)
                    {
                        hasher.Hash(id, hash);
                    }
                    else
                    {
                        id.CopyTo(buffer.AsSpan(prefix));
                        sha.AppendData(buffer.AsSpan(0, prefix + id.Length));
                        sha.GetHashAndReset(hash);
                    }
                    local += hash[0];
                }

                Interlocked.Add(ref checksum, local);
            });
            clock.Stop();
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            data[consumed..].CopyTo(piece);
            filled -= consumed;
            if (read == 0)
            {
                return (clock.Elapsed.TotalSeconds, cpu.TotalSeconds, checksum);
            }
        }
    }
}
