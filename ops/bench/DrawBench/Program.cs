using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Samples.Bench.DrawBench;
using Samples.Draw;

// The draw benchmark (issue: 1,000,000 enterprises, 5,000 inspectors). Run by ops/bench-draw.sh:
//   DrawBench [--enterprises N] [--inspectors N] [--runs N] [--cli PATH/samples.dll] [--startup-bundle SMALL.json] [--work DIR]
//   DrawBench --stream-frame N [--runs N] [--work DIR]   (the streaming draw over a generated frame file of N members)
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"DrawBench: {ex.Message}");
    return 2;
}

if (options.StreamMembers is { } streamMembers)
{
    return StreamBench.Run(streamMembers, options.Runs, options.Work);
}

var culture = CultureInfo.InvariantCulture;
Console.OutputEncoding = Encoding.UTF8;
void Say(string text) => Console.WriteLine($"-- {text}");

Say(string.Create(culture, $"generating {options.Enterprises:N0} enterprises and {options.Inspectors:N0} inspectors (deterministic)"));
var random = new SplitMix64(20260302);
var targetRows = Synthetic.Targets(options.Enterprises, random);
var inspectorRows = Synthetic.Inspectors(options.Inspectors, random);
var exclusionRows = Synthetic.Exclusions(options.Enterprises, options.Inspectors, random);
var drawDate = new DateOnly(2026, 3, 2);
var (conflicts, inspections) = Synthetic.Recusals(targetRows, inspectorRows, drawDate, random);

Say("building the canonical frames (once; not part of the draw)");
CanonicalFrame<TargetRow> targets = null!;
CanonicalFrame<InspectorRow> inspectors = null!;
CanonicalFrame<ExclusionRow> exclusions = null!;
var framesSeconds = Measure.Seconds(() =>
{
    targets = CanonicalFrames.Targets(targetRows);
    inspectors = CanonicalFrames.Inspectors(inspectorRows);
    exclusions = CanonicalFrames.Exclusions(exclusionRows);
});
targetRows = null;
inspectorRows = null;

var committed = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
var rules = new DrawRules(
    new QuotaRules([new("A", 0.01m), new("B", 0.02m), new("C", 0.05m), new("D", 0.10m)], false, [], 3),
    new TeamRules(2, true, 180, 10));
var ceremony = new DrawCeremony(
    "QH-2026-BENCH", targets, inspectors, exclusions, rules, conflicts, inspections, drawDate,
    committed, committed.AddHours(1),
    [
        new("witness 王监督", "王监督:7781", committed.AddMinutes(10)),
        new("witness 赵公证", "drand:4519231:2f1c0e8d", committed.AddMinutes(20)),
    ],
    "8f2d6c1e0b9a7f3e5d4c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a190817263",
    committed.AddHours(1).AddMinutes(1)) { Format = DrawBundle.FormatId };
var inputs = Bundles.Inputs(ceremony);
var targetSeed = Seeds.Targets(inputs.DrawId, targets.Sha256, inputs.Entropy);
var seedHashHex = Tickets.Sha256Hex(targetSeed);

// (a) the draw and (b) the floor, alternating in the same run; each on one thread, and as the library runs by default
// (the tickets of a large frame on every core; the result is the same, SameDraw checks it).
Say(string.Create(culture, $"draw and floor, {options.Runs} runs each, alternating; one thread, then every core"));
var loads = new List<string> { Measure.Load() };
var peakResetWorks = Measure.ResetPeak();
var drawRuns = new List<double>();
var drawSingleRuns = new List<double>();
var floorRuns = new List<double>();
var floorSingleRuns = new List<double>();
var dotnetFloorRuns = new List<double>();
var selectionRuns = new List<double>();
var selectionSingleRuns = new List<double>();
DrawResult result = null!;
var checksum = 0;
for (var run = 0; run < options.Runs; run++)
{
    floorSingleRuns.Add(Measure.Seconds(() => checksum ^= Floor(targets, seedHashHex, parallel: false)));
    dotnetFloorRuns.Add(Measure.Seconds(() => checksum ^= Floor(targets, seedHashHex, parallel: false, dotnet: true)));
    DrawResult? single = null;
    AppContext.SetSwitch("Samples.Draw.SingleThreaded", true);
    drawSingleRuns.Add(Measure.Seconds(() => single = Drawing.Run(inputs).Result));

    // The target side alone (the draw's first step: every target's ticket, quotas, picks and alternates), without the
    // inspectors' streams and the teams the floor has no part of.
    selectionSingleRuns.Add(Measure.Seconds(() => checksum ^= TargetDraw.Run(targets.Rows, targetSeed, rules.Quotas).Picks.Count));
    AppContext.SetSwitch("Samples.Draw.SingleThreaded", false);
    selectionRuns.Add(Measure.Seconds(() => checksum ^= TargetDraw.Run(targets.Rows, targetSeed, rules.Quotas).Picks.Count));
    floorRuns.Add(Measure.Seconds(() => checksum ^= Floor(targets, seedHashHex, parallel: true)));
    DrawResult? thisRun = null;
    drawRuns.Add(Measure.Seconds(() => thisRun = Drawing.Run(inputs).Result));
    if (!SameDraw(single!, thisRun!) || (run > 0 && !SameDraw(result, thisRun!)))
    {
        Console.Error.WriteLine("the draw gave a different result on a repeated run or on one thread");
        return 2;
    }

    result = thisRun!;
    Say(string.Create(culture, $"run {run + 1}: one thread: floor {floorSingleRuns[^1]:0.000} s, draw {drawSingleRuns[^1]:0.000} s, target selection {selectionSingleRuns[^1]:0.000} s; every core: floor {floorRuns[^1]:0.000} s, draw {drawRuns[^1]:0.000} s, target selection {selectionRuns[^1]:0.000} s"));
}

var drawPeakKiB = Measure.StatusKiB("VmHWM");

// The bundle, written as the API publishes it: frames by hash, each frame a .csv.gz file beside it. The bundle with its
// frames inline (the format before issue 22) is written once for its size only.
Say("writing the bundle and its frame files");
Directory.CreateDirectory(options.Work);
var bundlePath = Path.Combine(options.Work, "bundle.json");
var bundleSeconds = Measure.Seconds(() => File.WriteAllText(bundlePath, Bundles.From(ceremony, result, inlineFrames: false).ToJson(), new UTF8Encoding(false)));
var bundleBytes = new FileInfo(bundlePath).Length;
var frameFilesSeconds = Measure.Seconds(() =>
{
    foreach (var (sha256, bytes) in new[] { (targets.Sha256, targets.Bytes), (inspectors.Sha256, inspectors.Bytes), (exclusions.Sha256, exclusions.Bytes) })
    {
        using var file = File.Create(Path.Combine(options.Work, PublishedFrames.FileName(sha256)));
        PublishedFrames.Compress(bytes, file);
    }
});
var frameFileBytes = new[] { targets.Sha256, inspectors.Sha256, exclusions.Sha256 }.Sum(h => new FileInfo(Path.Combine(options.Work, PublishedFrames.FileName(h))).Length);
var plainFrameBytes = (long)targets.Bytes.Length + inspectors.Bytes.Length + exclusions.Bytes.Length;
var inlineBytes = Encoding.UTF8.GetByteCount(Bundles.From(ceremony, result).ToJson());
ceremony = null;
inputs = null;
targets = null!;
inspectors = null!;
exclusions = null!;

// (d) verification: in process, as the CLI does it (read the bundle's bytes, parse, verify with the frame files beside it,
// the target frame streamed from its .gz once), then the real CLI process.
Say(string.Create(culture, $"verifying in process, {options.Runs} runs (and Verifier.Verify again on one thread)"));
var readRuns = new List<double>();
var parseRuns = new List<double>();
var verifyRuns = new List<double>();
var verifySingleRuns = new List<double>();
var overlapRuns = new List<double>();
for (var run = 0; run < options.Runs; run++)
{
    byte[] json = null!;
    DrawBundle parsed = null!;
    IReadOnlyList<string> differences = null!;
    IReadOnlyList<string> singleDifferences = null!;
    readRuns.Add(Measure.Seconds(() => json = File.ReadAllBytes(bundlePath)));
    parseRuns.Add(Measure.Seconds(() => parsed = DrawBundle.FromJson(json)));
    json = null!;
    verifyRuns.Add(Measure.Seconds(() => differences = Verifier.Verify(parsed, PublishedFrames.FromFolder(options.Work, parsed.Commitment))));
    AppContext.SetSwitch("Samples.Draw.SingleThreaded", true);
    verifySingleRuns.Add(Measure.Seconds(() => singleDifferences = Verifier.Verify(parsed, PublishedFrames.FromFolder(options.Work, parsed.Commitment))));
    AppContext.SetSwitch("Samples.Draw.SingleThreaded", false);
    if (differences.Count + singleDifferences.Count > 0)
    {
        Console.Error.WriteLine($"the bundle does not verify: {differences.Concat(singleDifferences).First()}");
        return 2;
    }

    // As `samples verify` does it: the bundle parsed on one core while the target frame is re-drawn from its first fields.
    overlapRuns.Add(Measure.Seconds(() =>
    {
        var bytes = File.ReadAllBytes(bundlePath);
        var parsing = Task.Run(() => DrawBundle.FromJson(bytes));
        FrameFiles? files = null;
        var prepared = Verifier.Prepare(bytes, (c, _) => files = PublishedFrames.FromFolder(options.Work, c));
        var bundle = parsing.Result;
        var found = Verifier.Verify(bundle, prepared is not null && prepared.Matches(bundle, files) ? files : PublishedFrames.FromFolder(options.Work, bundle.Commitment), prepared);
        if (prepared is null || found.Count > 0)
        {
            throw new InvalidOperationException($"the overlapped verification: {(prepared is null ? "nothing prepared" : found[0])}");
        }
    }));
    Say(string.Create(culture, $"run {run + 1}: read {readRuns[^1]:0.000} s, parse {parseRuns[^1]:0.000} s, verify {verifyRuns[^1]:0.000} s (one thread {verifySingleRuns[^1]:0.000} s); overlapped {overlapRuns[^1]:0.000} s"));
}

var inProcessRuns = readRuns.Select((r, i) => r + parseRuns[i] + verifyRuns[i]).ToArray();
var inProcessSingleRuns = readRuns.Select((r, i) => r + parseRuns[i] + verifySingleRuns[i]).ToArray();

var cliRuns = new List<double>();
var cliCpu = new List<double>();
var cliPeaks = new List<long>();
var cliPeakSource = "";
var jitRuns = new List<double>();

// A samples.dll runs under `dotnet` (as the `samples` wrapper runs it); an executable (a ReadyToRun publish) runs as it is.
// Each run alternates: `samples verify` as it is (the target frame re-drawn while the bundle is parsed), the previous way
// (SAMPLES_VERIFY_SEQUENTIAL=1: parse, then verify), and a small bundle for the start-up alone.
(double Seconds, int Code, string Output, long PeakKiB, double CpuSeconds, string PeakSource) VerifyProcess(string cli, string bundle, IReadOnlyDictionary<string, string>? environment = null) =>
    cli.EndsWith(".dll", StringComparison.Ordinal)
        ? Measure.Run("dotnet", [cli, "verify", bundle, "--lang", "en"], environment)
        : Measure.Run(cli, ["verify", bundle, "--lang", "en"], environment);
var sequentialRuns = new List<double>();
var nativeRuns = new List<double>();
var nativeCpu = new List<double>();
var nativePeaks = new List<long>();
var nativeStartupRuns = new List<double>();
var sequentialCpu = new List<double>();
var startupRuns = new List<double>();
var startupCpu = new List<double>();
var trace = new List<string>();
var nativeTrace = new List<string>();
var sequential = new Dictionary<string, string> { ["SAMPLES_VERIFY_SEQUENTIAL"] = "1" };
if (options.Cli is not null)
{
    Say(string.Create(culture, $"verifying with `{options.Cli} verify`, the previous way beside it{(options.StartupBundle is null ? "" : ", and a small bundle for the start-up")}{(options.CliJit is null ? "" : $" and `dotnet {options.CliJit} verify` (no ReadyToRun)")}, alternating, {options.Runs} runs"));
    for (var run = 0; run < options.Runs; run++)
    {
        var (seconds, code, output, peak, cpu, source) = VerifyProcess(options.Cli, bundlePath);
        if (code != 0 || !output.StartsWith("verified:", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"samples verify exited {code}: {output}");
            return 2;
        }

        cliRuns.Add(seconds);
        cliCpu.Add(cpu);
        cliPeaks.Add(peak);
        cliPeakSource = source;
        var before = VerifyProcess(options.Cli, bundlePath, sequential);
        if (before.Code != 0)
        {
            Console.Error.WriteLine($"samples verify (SAMPLES_VERIFY_SEQUENTIAL=1) exited {before.Code}: {before.Output}");
            return 2;
        }

        sequentialRuns.Add(before.Seconds);
        sequentialCpu.Add(before.CpuSeconds);
        var small = options.StartupBundle is null ? default : VerifyProcess(options.Cli, options.StartupBundle);
        if (options.StartupBundle is not null)
        {
            if (small.Code != 0)
            {
                Console.Error.WriteLine($"samples verify of the small bundle exited {small.Code}: {small.Output}");
                return 2;
            }

            startupRuns.Add(small.Seconds);
            startupCpu.Add(small.CpuSeconds);
        }

        if (options.Native is not null)
        {
            var native = VerifyProcess(options.Native, bundlePath);
            if (native.Code != 0 || native.Output != output)
            {
                Console.Error.WriteLine($"the ahead-of-time samples-verify exited {native.Code} and said otherwise: {native.Output}");
                return 2;
            }

            nativeRuns.Add(native.Seconds);
            nativeCpu.Add(native.CpuSeconds);
            nativePeaks.Add(native.PeakKiB);
            if (options.StartupBundle is not null)
            {
                var nativeSmall = VerifyProcess(options.Native, options.StartupBundle);
                nativeStartupRuns.Add(nativeSmall.Seconds);
            }

            Say(string.Create(culture, $"      ahead of time: {native.Seconds:0.000} s (cpu {native.CpuSeconds:0.00} s), peak {native.PeakKiB / 1024.0:0} MiB{(nativeStartupRuns.Count == 0 ? "" : $"; small bundle {nativeStartupRuns[^1]:0.000} s")}"));
        }

        var jit = options.CliJit is null ? (double?)null : VerifyProcess(options.CliJit, bundlePath).Seconds;
        if (jit is { } jitSeconds)
        {
            jitRuns.Add(jitSeconds);
        }

        Say(string.Create(culture, $"run {run + 1}: {seconds:0.000} s (cpu {cpu:0.00} s), peak {peak / 1024.0:0} MiB; the previous way {before.Seconds:0.000} s (cpu {before.CpuSeconds:0.00} s){(options.StartupBundle is null ? "" : $"; small bundle {small.Seconds:0.000} s (cpu {small.CpuSeconds:0.00} s)")}{(jit is null ? "" : $"; without ReadyToRun {jit:0.000} s")}; {output.Trim()}"));
    }

    // One more run with SAMPLES_VERIFY_TRACE=1: where the wall time goes, step by step.
    var traced = VerifyProcess(options.Cli, bundlePath, new Dictionary<string, string> { ["SAMPLES_VERIFY_TRACE"] = "1" });
    trace.AddRange(traced.Output.Split('\n').Where(l => l.StartsWith("trace", StringComparison.Ordinal)).Select(l => l["trace".Length..].Trim()));
    if (options.Native is not null)
    {
        // The same for the command compiled ahead of time (what the wrapper runs): the steps it waits for.
        var nativeTraced = VerifyProcess(options.Native, bundlePath, new Dictionary<string, string> { ["SAMPLES_VERIFY_TRACE"] = "1" });
        nativeTrace.AddRange(nativeTraced.Output.Split('\n').Where(l => l.StartsWith("trace", StringComparison.Ordinal)).Select(l => l["trace".Length..].Trim()));
    }
}

var benchPeakKiB = Measure.StatusKiB("VmHWM");
loads.Add(Measure.Load());

// The summary.
var draw = Measure.Median(drawRuns);
var drawSingle = Measure.Median(drawSingleRuns);
var floor = Measure.Median(floorRuns);
var floorSingle = Measure.Median(floorSingleRuns);
var ratio = draw / floor;
var ratioSingle = drawSingle / floorSingle;
var selection = Measure.Median(selectionRuns);
var selectionSingle = Measure.Median(selectionSingleRuns);
var selectionRatio = Measure.Median(selectionRuns.Select((s, i) => s / floorRuns[i]));
var selectionRatioSingle = Measure.Median(selectionSingleRuns.Select((s, i) => s / floorSingleRuns[i]));
var inProcess = Measure.Median(inProcessRuns);
var inProcessSingle = Measure.Median(inProcessSingleRuns);
var cli = Measure.Median(cliRuns);
var drawPeakMiB = drawPeakKiB / 1024.0;
var cliPeakMiB = cliPeaks.Count == 0 ? double.NaN : cliPeaks.Max() / 1024.0;
string Goal(bool met) => met ? "PASS" : "MISS";
var teams = result.Teams;
var emissions = teams.Sum(t => t.Emissions.Count);
var skipped = teams.Sum(t => t.Emissions.Count(e => !e.Accepted));
var cores = Environment.ProcessorCount;
var lines = new List<string>
{
    string.Create(culture, $"== Draw benchmark ({cores} cores, load average {string.Join(" → ", loads)}, {DateTime.UtcNow:yyyy-MM-ddTHH:mmZ}, .NET {Environment.Version}, medians of {options.Runs} runs) =="),
    string.Create(culture, $"frame                          {options.Enterprises:N0} targets in {result.Quotas.Count} strata; {options.Inspectors:N0} inspectors in {result.Pools.Count} pools"),
    string.Create(culture, $"drawn                          {result.Picks.Count:N0} picks, {result.Alternates.Count:N0} alternates, {teams.Count:N0} teams ({teams.Count(t => t.Status == TeamRule.Complete):N0} complete), {emissions:N0} emissions ({skipped:N0} skipped)"),
    string.Create(culture, $"frames built (once, apart)     {framesSeconds,7:0.000} s   CanonicalFrames.Targets/Inspectors/Exclusions: sort, canonical text, SHA-256; not in (a)"),
    string.Create(culture, $"(a) draw, 1 thread             {drawSingle,7:0.000} s   Drawing.Run(inputs).Result: every ticket, quotas, picks, alternates, teams   [{Measure.List(drawSingleRuns)}]"),
    string.Create(culture, $"(a) draw, {cores} cores              {draw,7:0.000} s   the same as the library runs by default: tickets, strata, pool streams on every core   [{Measure.List(drawRuns)}]"),
    string.Create(culture, $"(b) floor, 1 thread            {floorSingle,7:0.000} s   SHA-256 of utf8(sha256_hex(seed) + id) for every target, the draw's TicketHasher   [{Measure.List(floorSingleRuns)}]"),
    string.Create(culture, $"(b) floor, {cores} cores             {floor,7:0.000} s   the same on every core   [{Measure.List(floorRuns)}]"),
    string.Create(culture, $"(c) ratio draw / floor         {ratioSingle,7:0.00}     1 thread / 1 thread      goal <= 3   {Goal(ratioSingle <= 3)}"),
    string.Create(culture, $"(c) ratio draw / floor         {ratio,7:0.00}     {cores} cores / {cores} cores        goal <= 3   {Goal(ratio <= 3)}"),
    string.Create(culture, $"    target selection, 1 thread {selectionSingle,7:0.000} s   TargetDraw.Run over the rows held (the draw's first step: every target's ticket, quotas, picks, alternates)   [{Measure.List(selectionSingleRuns)}]"),
    string.Create(culture, $"    target selection, {cores} cores  {selection,7:0.000} s   the same on every core   [{Measure.List(selectionRuns)}]"),
    string.Create(culture, $"(c) ratio selection / floor    {selectionRatioSingle,7:0.00}     1 thread, median of each run's ratio   goal <= 1.5   {Goal(selectionRatioSingle <= 1.5)}"),
    string.Create(culture, $"(c) ratio selection / floor    {selectionRatio,7:0.00}     {cores} cores, median of each run's ratio    goal <= 1.5   {Goal(selectionRatio <= 1.5)}"),
    string.Create(culture, $"    floor as before, 1 thread  {Measure.Median(dotnetFloorRuns),7:0.000} s   the same inputs through .NET's IncrementalHash (the draw's call until 2026-12-06); draw / it {drawSingle / Measure.Median(dotnetFloorRuns):0.00}   [{Measure.List(dotnetFloorRuns)}]"),
    string.Create(culture, $"bundle written (once)          {bundleSeconds,7:0.000} s   Bundles.From + ToJson + write: {bundleBytes / 1048576.0:0.0} MiB of JSON, frames by hash (with frames inline it is {inlineBytes / 1048576.0:0.0} MiB)"),
    string.Create(culture, $"frame files (once)             {frameFilesSeconds,7:0.000} s   targets, inspectors, exclusions .csv.gz: {frameFileBytes / 1048576.0:0.0} MiB ({plainFrameBytes / 1048576.0:0.0} MiB uncompressed)"),
    string.Create(culture, $"(d) verification, in process   {inProcess,7:0.000} s   read {Measure.Median(readRuns):0.000} + parse {Measure.Median(parseRuns):0.000} + Verifier.Verify {Measure.Median(verifyRuns):0.000} (target frame streamed from .gz once)   goal <= 1 s   {Goal(inProcess <= 1)}"),
    string.Create(culture, $"    the same, 1 thread         {inProcessSingle,7:0.000} s   Verifier.Verify {Measure.Median(verifySingleRuns):0.000} on one thread   goal <= 1 s   {Goal(inProcessSingle <= 1)}"),
    string.Create(culture, $"    the same, overlapped       {Measure.Median(overlapRuns),7:0.000} s   read, then parse on one core while Verifier.Prepare re-draws the target frame, then Verifier.Verify (as samples verify)   [{Measure.List(overlapRuns)}]   goal <= 1 s   {Goal(Measure.Median(overlapRuns) <= 1)}"),
    options.Cli is null
        ? "    samples verify (process)   not run (no --cli)"
        : string.Create(culture, $"    samples verify (process)   {cli,7:0.000} s   wall time of `samples verify bundle.json` (frames beside it), incl. .NET start-up, JIT, first touch of memory (cpu {Measure.Median(cliCpu):0.00} s)   [{Measure.List(cliRuns)}]   goal <= 1 s   {Goal(cli <= 1)}"),
    options.Cli is null
        ? "    the previous way           not run (no --cli)"
        : string.Create(culture, $"    the previous way           {Measure.Median(sequentialRuns),7:0.000} s   SAMPLES_VERIFY_SEQUENTIAL=1: parse, then verify (cpu {Measure.Median(sequentialCpu):0.00} s); now / before {cli / Measure.Median(sequentialRuns):0.00} (medians), {Measure.Median(cliRuns.Select((c, i) => c / sequentialRuns[i])):0.00} (median of each run's ratio)   [{Measure.List(sequentialRuns)}]"),
    startupRuns.Count == 0
        ? "    start-up alone             not run (no --startup-bundle)"
        : string.Create(culture, $"    start-up alone             {Measure.Median(startupRuns),7:0.000} s   `samples verify` of a small bundle ({new FileInfo(options.StartupBundle!).Length / 1024.0:0} KiB, frames beside it): .NET start-up, JIT, the command (cpu {Measure.Median(startupCpu):0.00} s)   [{Measure.List(startupRuns)}]"),
    nativeRuns.Count == 0
        ? "    ahead of time              not run (no --native)"
        : string.Create(culture, $"    ahead of time              {Measure.Median(nativeRuns),7:0.000} s   client/Verify published Native AOT (what `samples verify` runs when published), same output (cpu {Measure.Median(nativeCpu):0.00} s, peak {nativePeaks.Max() / 1024.0:0} MiB); / managed {Measure.Median(nativeRuns) / cli:0.00}; small bundle {(nativeStartupRuns.Count == 0 ? double.NaN : Measure.Median(nativeStartupRuns)):0.000} s   [{Measure.List(nativeRuns)}]   goal <= 1 s   {Goal(Measure.Median(nativeRuns) <= 1)}"),
    trace.Count == 0
        ? "    where the time goes        not traced (no --cli)"
        : "    where the time goes        one run with SAMPLES_VERIFY_TRACE=1, ms since the process started: " + string.Join("; ", trace.Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+", " "))),
    nativeTrace.Count == 0
        ? "    ... ahead of time          not traced (no --native)"
        : "    ... ahead of time          one run with SAMPLES_VERIFY_TRACE=1: " + string.Join("; ", nativeTrace.Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"\s+", " "))),
    jitRuns.Count == 0
        ? "    the same without ReadyToRun   not run (no --cli-jit)"
        : string.Create(culture, $"    the same without ReadyToRun   {Measure.Median(jitRuns),7:0.000} s   `dotnet samples.dll verify` as built, alternating with the above; ReadyToRun / JIT {cli / Measure.Median(jitRuns):0.00}   [{Measure.List(jitRuns)}]"),
    peakResetWorks
        ? string.Create(culture, $"(e) peak memory, draw          {drawPeakMiB,7:0} MiB VmHWM of this process, reset before the draws (frames, recusals, draw state)   goal <= 1024 MiB   {Goal(drawPeakMiB <= 1024)}")
        : string.Create(culture, $"(e) peak memory, draw          {drawPeakMiB,7:0} MiB VmHWM of this process since start (reset not allowed: includes generating the frames)   goal <= 1024 MiB   {Goal(drawPeakMiB <= 1024)}"),
    options.Cli is null
        ? "    peak memory, verify        not run (no --cli)"
        : string.Create(culture, $"    peak memory, verify        {cliPeakMiB,7:0} MiB max over the runs of the samples verify process ({cliPeakSource})   goal <= 1024 MiB   {Goal(cliPeakMiB <= 1024)}"),
    string.Create(culture, $"    peak memory, whole bench   {benchPeakKiB / 1024.0,7:0} MiB VmHWM at the end (info: generation, bundle and in-process verification in one process)"),
};
Console.WriteLine();
foreach (var line in lines)
{
    Console.WriteLine(line);
}

return checksum == int.MinValue ? 3 : 0;

// The floor: exactly the bytes ticket(id, seed) hashes, utf8(sha256_hex(seed) + id), hashed once per target with the
// call the library makes (its TicketHasher: libcrypto's low-level SHA-256 from the seed's state); no decimal, no ordering.
static int Floor(CanonicalFrame<TargetRow> frame, string seedHashHex, bool parallel, bool dotnet = false)
{
    var rows = frame.Rows;
    var acc = 0;
    void Range(int from, int to)
    {
        using var hasher = new TicketHasher(seedHashHex);
        // The floor as it was until 2026-12-06 (.NET's IncrementalHash, the draw's call then): the ratio to it is shown too.
        using var sha = dotnet ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        var buffer = new byte[4096];
        var prefix = Encoding.UTF8.GetBytes(seedHashHex, buffer);
        Span<byte> hash = stackalloc byte[32];
        var local = 0;
        for (var i = from; i < to; i++)
        {
            if (sha is null)
            {
                hasher.Hash(rows[i].Id, hash);
            }
            else
            {
                var length = prefix + Encoding.UTF8.GetBytes(rows[i].Id, buffer.AsSpan(prefix));
                sha.AppendData(buffer.AsSpan(0, length));
                sha.GetHashAndReset(hash);
            }

            local ^= hash[0];
        }

        Interlocked.Add(ref acc, local);
    }

    const int chunk = 16_384;
    if (parallel)
    {
        Parallel.For(0, (rows.Count + chunk - 1) / chunk, c => Range(c * chunk, Math.Min(rows.Count, (c + 1) * chunk)));
    }
    else
    {
        Range(0, rows.Count);
    }

    return acc;
}

static bool SameDraw(DrawResult a, DrawResult b) =>
    a.Picks.SequenceEqual(b.Picks) && a.Alternates.SequenceEqual(b.Alternates) && a.Teams.Count == b.Teams.Count
    && a.Teams.Zip(b.Teams).All(p => p.First.Members.SequenceEqual(p.Second.Members) && p.First.Emissions.SequenceEqual(p.Second.Emissions))
    && a.Pools.Zip(b.Pools).All(p => p.First.Position == p.Second.Position);

namespace Samples.Bench.DrawBench
{
    internal sealed record Options(int Enterprises, int Inspectors, int Runs, string? Cli, string Work, long? StreamMembers = null, string? CliJit = null, string? StartupBundle = null, string? Native = null)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(1_000_000, 5_000, 5, null, Path.Combine(Path.GetTempPath(), "samples-drawbench"));
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                options = args[i] switch
                {
                    "--enterprises" => options with { Enterprises = (int)Count(args[i], value, int.MaxValue) },
                    "--inspectors" => options with { Inspectors = (int)Count(args[i], value, int.MaxValue) },
                    "--runs" => options with { Runs = (int)Count(args[i], value, int.MaxValue) },
                    "--cli" => options with { Cli = value },
                    "--cli-jit" => options with { CliJit = value },
                    "--startup-bundle" => options with { StartupBundle = value },
                    "--native" => options with { Native = value },
                    "--work" => options with { Work = value },
                    "--stream-frame" => options with { StreamMembers = Count(args[i], value, long.MaxValue) },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
                i++;
            }

            return options;
        }

        /// <summary>A count given on the command line: a whole number from 1 to <paramref name="most"/>, or a refusal naming the option.</summary>
        private static long Count(string option, string value, long most) =>
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 && count <= most
                ? count
                : throw new ArgumentException($"{option} needs a whole number from 1 to {most:N0}, not '{value}'");
    }
}
