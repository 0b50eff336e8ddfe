using System.Text;
using Samples.Client.Draws;
using Samples.Client.Language;
using Samples.Draw;

// `samples verify BUNDLE [--frames DIR] [--commitment SHA256] [--bundle-sha256 SHA256] [--lang zh|en]`, as the managed
// command (client/Draws/DrawCommands.cs) says it, compiled ahead of time. Exit 0 verified, 1 not; 125: not handled here
// (the `samples` wrapper then runs the managed command, which words help, wrong arguments and unreadable files).
Console.OutputEncoding = new UTF8Encoding(false);
try
{
    return NativeVerify.Run(args, Console.Out);
}
catch (NotHandledException)
{
    return NativeVerify.NotHandled;
}

internal sealed class NotHandledException : Exception;

internal static class NativeVerify
{
    public const int NotHandled = 125;

    public static int Run(string[] args, TextWriter output)
    {
        var (bundlePath, framesDir, announced, published, langName) = Arguments(args);
        VerifyTrace.Mark("command line parsed");
        var lang = Languages.Resolve(langName);
        byte[] json;
        try
        {
            WithoutCollections(new FileInfo(bundlePath).Length);
            json = File.ReadAllBytes(bundlePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotHandledException();
        }

        VerifyTrace.Mark("bundle bytes read");

        // As the managed command: parsed on one core while the target frame and the teams are re-drawn from the first
        // fields on the other; the parsing core then checks the seals, which need nothing else (it finishes first).
        var file = new FileInfo(bundlePath);
        var parsing = Task.Run(() =>
        {
            var bundle = DrawBundle.FromJson(json);
            return (Bundle: bundle, Unsealed: Seals.Differences(bundle).ToList());
        });
        FrameFiles? files = null;
        PreparedTargets? prepared = null;
        var refused = false;
        try
        {
            prepared = Verifier.Prepare(json, (c, f) => files = Frames(framesDir, file, c, f));
        }
        catch (NotHandledException)
        {
            refused = true;
        }

        VerifyTrace.Mark("target frame and teams re-drawn beside the parsing");
        DrawBundle parsed;
        List<string> unsealed;
        try
        {
            (parsed, unsealed) = parsing.GetAwaiter().GetResult();
        }
        catch (FormatException)
        {
            throw new NotHandledException();
        }

        if (refused || prepared is null || !prepared.Matches(parsed, files))
        {
            files = Frames(framesDir, file, parsed.Commitment, parsed.Frames);
            prepared = null;
        }

        VerifyTrace.Mark("bundle parsed, its seals checked");
        var differences = Verifier.Verify(parsed, files, prepared, unsealed).ToList();
        VerifyTrace.Mark("verified");
        differences.AddRange(VerifyVerdict.AnnouncedHashes(parsed, announced, published, lang));
        foreach (var line in VerifyVerdict.Lines(parsed, differences, beaconMatched: false, lang))
        {
            output.WriteLine(line);
        }

        VerifyTrace.Mark(FormattableString.Invariant(
            $"verdict written ({GC.CollectionCount(0)} collections, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms paused, {GC.GetTotalAllocatedBytes() >> 20} MiB allocated)"));
        return differences.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// One short process that keeps nearly all it allocates until it exits: no collection at all while it allocates about
    /// what a bundle of this size needs (the 1,000,000-target draw: about 320 MiB for its 48 MiB bundle; its four collections,
    /// two of them full, had paused both cores for a quarter of a second). More than that, and the GC collects as usual.
    /// </summary>
    private static void WithoutCollections(long bundleBytes)
    {
        var budget = Math.Min(12 * bundleBytes + (64L << 20), GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2);
        try
        {
            GC.TryStartNoGCRegion(budget);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Larger than this runtime allows: collected as usual.
        }
    }

    /// <summary>Only the plain forms; anything else (help, --beacon-relay, a repeated or unknown option, a bad value) is the managed command's.</summary>
    private static (string Bundle, string? Frames, string? Commitment, string? BundleSha256, string? Lang) Arguments(string[] args)
    {
        if (args is not ["verify", ..])
        {
            throw new NotHandledException();
        }

        string? bundle = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] is "--frames" or "--commitment" or "--bundle-sha256" or "--lang")
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith('-') || !options.TryAdd(args[i], args[i + 1]))
                {
                    throw new NotHandledException();
                }

                i++;
            }
            else if (args[i].StartsWith('-') || bundle is not null || args[i].Length == 0)
            {
                throw new NotHandledException();
            }
            else
            {
                bundle = args[i];
            }
        }

        if (bundle is null || (options.TryGetValue("--lang", out var lang) && !Languages.Names.Contains(lang)))
        {
            throw new NotHandledException();
        }

        return (bundle, options.GetValueOrDefault("--frames"), options.GetValueOrDefault("--commitment"), options.GetValueOrDefault("--bundle-sha256"), lang);
    }

    /// <summary>The frame files as the managed command finds them (--frames, else the bundle's folder when it holds a frame by hash).</summary>
    private static FrameFiles? Frames(string? directory, FileInfo bundleFile, Commitment commitment, BundleFrames bundleFrames)
    {
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new NotHandledException();
        }

        var byHash = bundleFrames.Targets is null || bundleFrames.Inspectors is null || bundleFrames.Exclusions is null;
        var folder = directory is not null ? Path.GetFullPath(directory) : byHash ? bundleFile.DirectoryName : null;
        try
        {
            return folder is null ? null : PublishedFrames.FromFolder(folder, commitment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new NotHandledException();
        }
    }
}
