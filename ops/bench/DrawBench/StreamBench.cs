using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samples.Draw;

namespace Samples.Bench.DrawBench;

/// <summary>
/// The streaming draw over a generated canonical target frame FILE (issue 22: 50,000,000 enterprises): the file is written
/// once (kept for later runs), then, alternating in the same run, the draw read from the file (StreamingDraw.TargetsFromFile:
/// a counting pass and a selecting pass, one thread) and the SHA-256 floor of the same ticket inputs, and the draw's peak memory.
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

        var bytes = new FileInfo(path).Length;
        var seed = string.Create(culture, $"QH-2026-STREAM|{members}");
        var seedHash = Tickets.Sha256Hex(seed);
        var rules = new QuotaRules([new("A", 0.01m), new("B", 0.02m), new("C", 0.05m), new("D", 0.10m)], false, [], 3);

        Say(string.Create(culture, $"streaming draw and floor over {bytes / 1048576.0:N0} MiB, {runs} runs each, alternating, one thread"));
        var loads = new List<string> { Measure.Load() };
        AppContext.SetSwitch("Samples.Draw.SingleThreaded", true);
        var peakReset = Measure.ResetPeak();
        var drawRuns = new List<double>();
        var floorRuns = new List<double>();
        var scanRuns = new List<double>();
        var oncePassRuns = new List<double>();
        // Draws are compared by a digest and dropped at once: the peak is that of one draw, not of two results held together.
        (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) result = ([], [], []);
        string? digest = null;
        IReadOnlyDictionary<string, int> counts = new Dictionary<string, int>();
        var (strataCount, pickCount, alternateCount) = (0, 0, 0);
        long checksum = 0;
        for (var run = 0; run < runs; run++)
        {
            var (floor, hashed) = Floor(path, seedHash);
            floorRuns.Add(floor);
            checksum ^= hashed;
            drawRuns.Add(Measure.Seconds(() => result = StreamingDraw.TargetsFromFile(path, seed, rules)));
            digest ??= Digest(result);
            counts = StreamingDraw.Counts(result.Quotas);
            (strataCount, pickCount, alternateCount) = (result.Quotas.Count, result.Picks.Count, result.Alternates.Count);
            if (Digest(result) != digest)
            {
                Console.Error.WriteLine("the draw gave a different result on a repeated run");
                return 2;
            }

            result = ([], [], []);

            // With each stratum's count known (a verifier has them in the bundle's quotas): one pass, the same draw.
            (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) single = ([], [], []);
            oncePassRuns.Add(Measure.Seconds(() => single = StreamingDraw.TargetsFromFile(path, seed, rules, counts)));
            var singleDigest = Digest(single);
            single = ([], [], []);
            if (singleDigest != digest)
            {
                Console.Error.WriteLine("the one-pass draw (counts known) differs from the two-pass draw");
                return 2;
            }

            // The reading alone (the file scanned and checked twice, no ticket): what the draw costs above the hashing.
            scanRuns.Add(Measure.Seconds(() =>
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
                    TargetFrameScanner.Scan(stream, (_, _, _) => { });
                }
            }));
            Say(string.Create(culture, $"run {run + 1}: floor {floorRuns[^1]:0.000} s, draw {drawRuns[^1]:0.000} s, one pass {oncePassRuns[^1]:0.000} s, reading alone {scanRuns[^1]:0.000} s"));
        }

        var peakKiB = Measure.StatusKiB("VmHWM");
        var managedPeak = GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes;
        AppContext.SetSwitch("Samples.Draw.SingleThreaded", false);

        // The same on every core, as the library runs by default (the selecting pass hashes batches of ids on every core).
        var coreDrawRuns = new List<double>();
        var coreFloorRuns = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var (floor, hashed) = Floor(path, seedHash, parallel: true);
            coreFloorRuns.Add(floor);
            checksum ^= hashed;
            (IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates) cores = ([], [], []);
            coreDrawRuns.Add(Measure.Seconds(() => cores = StreamingDraw.TargetsFromFile(path, seed, rules)));
            var coresDigest = Digest(cores);
            cores = ([], [], []);
            if (coresDigest != digest)
            {
                Console.Error.WriteLine("the draw on every core differs from the draw on one thread");
                return 2;
            }

            Say(string.Create(culture, $"every core, run {run + 1}: floor {coreFloorRuns[^1]:0.000} s, draw {coreDrawRuns[^1]:0.000} s"));
        }

        var allPeakKiB = Measure.StatusKiB("VmHWM");
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

        var draw = Measure.Median(drawRuns);
        var floorMedian = Measure.Median(floorRuns);
        var ratio = draw / floorMedian;
        var once = Measure.Median(oncePassRuns);
        var peakMiB = peakKiB / 1024.0;
        string Goal(bool met) => met ? "PASS" : "MISS";
        var lines = new[]
        {
            string.Create(culture, $"== Streaming draw benchmark ({Environment.ProcessorCount} cores, load average {string.Join(" → ", loads)}, {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, .NET {Environment.Version}, medians of {runs} runs) =="),
            string.Create(culture, $"frame file                     {members:N0} targets in {strataCount} strata, {bytes / 1048576.0:N0} MiB canonical text{(double.IsNaN(generateSeconds) ? " (written by an earlier run)" : string.Create(culture, $", written in {generateSeconds:0.0} s"))}"),
            string.Create(culture, $"drawn                          {pickCount:N0} picks, {alternateCount:N0} alternates; {same}"),
            string.Create(culture, $"(a) streaming draw, 1 thread   {draw,7:0.000} s   StreamingDraw.TargetsFromFile: count pass + select pass (read, check, ticket lead, bounded heap)   [{Measure.List(drawRuns)}]"),
            string.Create(culture, $"(a) one pass, counts known     {once,7:0.000} s   the same with each stratum's count given (as a verifier has them from the bundle's quotas): the file read once   [{Measure.List(oncePassRuns)}]"),
            string.Create(culture, $"    reading alone, 1 thread    {Measure.Median(scanRuns),7:0.000} s   the file scanned and checked twice, no ticket   [{Measure.List(scanRuns)}]"),
            string.Create(culture, $"(b) floor, 1 thread            {floorMedian,7:0.000} s   SHA-256 of utf8(sha256_hex(seed) + id) for every target (ids from the file, packed in memory; only the hashing timed)   [{Measure.List(floorRuns)}]"),
            string.Create(culture, $"(c) ratio draw / floor         {ratio,7:0.00}     two passes, 1 thread / 1 thread   goal <= 1.5   {Goal(ratio <= 1.5)}"),
            string.Create(culture, $"(c) ratio draw / floor         {once / floorMedian,7:0.00}     one pass (counts known), 1 thread / 1 thread   goal <= 1.5   {Goal(once / floorMedian <= 1.5)}"),
            string.Create(culture, $"(a) streaming draw, {Environment.ProcessorCount} cores  {Measure.Median(coreDrawRuns),7:0.000} s   two passes, tickets on every core   [{Measure.List(coreDrawRuns)}]"),
            string.Create(culture, $"(b) floor, {Environment.ProcessorCount} cores             {Measure.Median(coreFloorRuns),7:0.000} s   the same hashing on every core   [{Measure.List(coreFloorRuns)}]"),
            string.Create(culture, $"(c) ratio draw / floor         {Measure.Median(coreDrawRuns) / Measure.Median(coreFloorRuns),7:0.00}     two passes, {Environment.ProcessorCount} cores / {Environment.ProcessorCount} cores   goal <= 1.5   {Goal(Measure.Median(coreDrawRuns) / Measure.Median(coreFloorRuns) <= 1.5)}"),
            string.Create(culture, $"    peak memory, every core    {allPeakKiB / 1024.0,7:0} MiB VmHWM after the runs on every core too"),
            string.Create(culture, $"(e) peak memory, draw          {peakMiB,7:0} MiB VmHWM of this process{(peakReset ? ", reset before the draws" : " since start")} (managed heap after: {managedPeak / 1048576.0:0} MiB)   goal <= 1024 MiB   {Goal(peakMiB <= 1024)}"),
        };
        Console.WriteLine();
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        return checksum == long.MinValue ? 3 : 0;
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
    /// them (one IncrementalHash, one buffer); the ids are read from the file and packed in memory piece by piece first, untimed.
    /// </summary>
    private static (double Seconds, long Checksum) Floor(string path, string seedHash, bool parallel = false)
    {
        var piece = new byte[Piece];
        var ids = new byte[Piece];
        var ends = new int[Piece / 8];
        long checksum = 0;
        var clock = new Stopwatch();
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
            var parts = parallel ? Environment.ProcessorCount : 1;
            var rows = count;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[4096];
                var prefix = Encoding.UTF8.GetBytes(seedHash, buffer);
                Span<byte> hash = stackalloc byte[32];
                var (from, to) = ((int)((long)rows * part / parts), (int)((long)rows * (part + 1) / parts));
                long local = 0;
                for (var i = from; i < to; i++)
                {
                    var start = i == 0 ? 0 : ends[i - 1];
                    var id = ids.AsSpan(start, ends[i] - start);
                    id.CopyTo(buffer.AsSpan(prefix));
                    sha.AppendData(buffer.AsSpan(0, prefix + id.Length));
                    sha.GetHashAndReset(hash);
                    local += hash[0];
                }

                Interlocked.Add(ref checksum, local);
            });
            clock.Stop();
            data[consumed..].CopyTo(piece);
            filled -= consumed;
            if (read == 0)
            {
                return (clock.Elapsed.TotalSeconds, checksum);
            }
        }
    }
}
