using System.IO.Compression;

namespace Samples.Draw;

/// <summary>
/// Frame files given beside a bundle (the bytes of targets.csv, inspectors.csv, exclusions.csv); any may be missing.
/// A target frame may instead be given as a stream to open (<see cref="OpenTargets"/>): the verifier then reads it once,
/// hashing and re-drawing in the same pass, and never holds it.
/// </summary>
public sealed record FrameFiles(byte[]? Targets, byte[]? Inspectors, byte[]? Exclusions)
{
    /// <summary>Opens the canonical target frame's bytes (decompressed), read once from start to end; used when <see cref="Targets"/> is null.</summary>
    public Func<Stream>? OpenTargets { get; init; }

    /// <summary>The same frames with the target frame's bytes read into memory: for a reader that needs every row (the fairness report).</summary>
    public FrameFiles Held()
    {
        if (Targets is not null || OpenTargets is null)
        {
            return this;
        }

        using var stream = OpenTargets();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return this with { Targets = bytes.ToArray(), OpenTargets = null };
    }
}

/// <summary>
/// The frames as published beside a bundle (draw/README.md "Frames as files"): <c>targets.csv</c>, <c>inspectors.csv</c>,
/// <c>exclusions.csv</c>, each also as <c>.csv.gz</c> (gzip of exactly those bytes). The bundle names each by the SHA-256
/// of its canonical bytes (the commitment's), so a compressed file is checked by what it decompresses to.
/// </summary>
public static class PublishedFrames
{
    public const string Targets = "targets.csv";
    public const string Inspectors = "inspectors.csv";
    public const string Exclusions = "exclusions.csv";
    public const string Compressed = ".gz";

    /// <summary>The three file names, in the order targets, inspectors, exclusions.</summary>
    public static IReadOnlyList<string> Names { get; } = [Targets, Inspectors, Exclusions];

    /// <summary>
    /// The frames of a commitment in a folder. Each is looked for by its hash first, <c>SHA256.csv.gz</c> or
    /// <c>SHA256.csv</c> (the name <c>samples draw bundle</c> gives it, so that the frames of many draws share a folder),
    /// then by its plain name, <c>targets.csv</c> or <c>targets.csv.gz</c> and so on. The target frame is opened as a
    /// stream (not read here). Null for a frame with no file.
    /// </summary>
    public static FrameFiles FromFolder(string folder, Commitment commitment)
    {
        ArgumentNullException.ThrowIfNull(commitment);
        var targets = Find(folder, commitment.TargetFrameSha256, Targets);
        return new FrameFiles(null, Read(Find(folder, commitment.InspectorFrameSha256, Inspectors)), Read(Find(folder, commitment.ExclusionsSha256, Exclusions)))
        {
            OpenTargets = targets is null ? null : () => Open(targets),
        };
    }

    /// <summary>The file name a frame is kept under beside its bundle: its SHA-256, compressed.</summary>
    public static string FileName(string sha256) => sha256 + ".csv" + Compressed;

    /// <summary>A frame file's bytes as a stream, decompressed when its name ends in <c>.gz</c>.</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return path.EndsWith(Compressed, StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>The gzip of a frame's bytes, as published (fastest level: a frame of a million members is some 60 MB).</summary>
    public static void Compress(ReadOnlySpan<byte> canonical, Stream into)
    {
        using var gzip = new GZipStream(into, CompressionLevel.Fastest, leaveOpen: true);
        gzip.Write(canonical);
    }

    private static string? Find(string folder, string sha256, string name) =>
        new[] { FileName(sha256), sha256 + ".csv", name, name + Compressed }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);

    private static byte[]? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        using var stream = Open(path);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
