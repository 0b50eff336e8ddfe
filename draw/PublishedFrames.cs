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
    /// The frames in a folder: each as <c>NAME</c> or, when that is absent, <c>NAME.gz</c>; the target frame is opened as
    /// a stream (not read here). Null for a frame with neither file.
    /// </summary>
    public static FrameFiles FromFolder(string folder)
    {
        var targets = Find(folder, Targets);
        return new FrameFiles(null, Read(Find(folder, Inspectors)), Read(Find(folder, Exclusions)))
        {
            OpenTargets = targets is null ? null : () => Open(targets),
        };
    }

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

    private static string? Find(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        return File.Exists(plain) ? plain : File.Exists(plain + Compressed) ? plain + Compressed : null;
    }

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
