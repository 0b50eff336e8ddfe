using System.CommandLine;
using System.Globalization;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Draw;
using Samples.Client.Language;

namespace Samples.Client.Draws;

/// <summary>The offline draw primitives: <c>samples tickets</c> and <c>samples verify</c>. Neither talks to a server.</summary>
public static class DrawCommands
{

    public static Command Tickets(GlobalOptions global, TextReader input)
    {
        var seed = new Option<string>("--seed") { Description = "The seed (any text, UTF-8)", Required = true };
        var take = new Option<int?>("--take") { Description = "Print only the K smallest tickets (default: all)" };
        var command = new Command("tickets", "Read ids one per line from standard input; print 'ticket id' in ascending ticket order (draw/spec/draw-spec.md section 1; offline)") { seed, take };
        command.SetAction(async (result, cancellationToken) =>
        {
            var k = result.GetValue(take);
            if (k is < 0)
            {
                throw new CliException(Errors.NegativeTake, ExitCodes.Usage);
            }

            var ids = new List<string>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var lineNumber = 0;
            while (await input.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNumber++;
                var id = line.TrimEnd('\r');
                if (id.Length == 0)
                {
                    continue;
                }

                if (!seen.TryAdd(id, lineNumber))
                {
                    throw new CliException(Errors.DuplicateId(lineNumber, id, seen[id]), ExitCodes.Usage);
                }

                ids.Add(id);
            }

            var ordered = Draw.Tickets.Sample(ids, result.GetValue(seed)!, k ?? ids.Count);
            var output = result.InvocationConfiguration.Output;
            foreach (var entry in ordered)
            {
                await output.WriteAsync($"{entry.Ticket} {entry.Id}\n");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Verify(GlobalOptions global)
    {
        var bundle = new Argument<FileInfo>("bundle") { Description = "The draw bundle (JSON, draw/README.md)" };
        var frames = new Option<DirectoryInfo?>("--frames")
        {
            Description = "Folder with the frames the bundle holds by hash only: SHA256.csv.gz as `samples draw bundle` writes them, or targets.csv, inspectors.csv, exclusions.csv (each may be .csv.gz); default: the bundle's own folder",
        };
        var commitment = new Option<string?>("--commitment")
        {
            Description = "The commitment's SHA-256 as announced before the draw (the public index's commitmentSha256): the bundle must be that draw",
        };
        var sealHash = new Option<string?>("--bundle-sha256")
        {
            Description = "The bundle's SHA-256 as the public index showed it when the draw was published (bundleSha256): nothing changed since",
        };
        var relay = new Option<string?>("--beacon-relay")
        {
            Description = "A drand relay (e.g. https://api.drand.sh): the beacon round the commitment names is fetched and must be the value the draw took (the one check that is not offline)",
        };
        var command = new Command("verify", "Re-compute a draw from its bundle and say what differs; exit 0 if it verifies, 1 if not (offline)") { bundle, frames, commitment, sealHash, relay };
        command.SetAction(async (result, cancellationToken) =>
        {
            VerifyTrace.Mark("command line parsed");
            var file = result.GetValue(bundle)!;
            var lang = global.Language(result);
            var json = await ReadBundleBytesAsync(file, cancellationToken);
            VerifyTrace.Mark("bundle bytes read");

            // The bundle is parsed on one core while the target frame is re-drawn from its first fields on the other: the
            // teams, most of the bytes, come last and the re-draw does not need them (Verifier.Prepare).
            var directory = result.GetValue(frames);
            var parsing = Task.Run(() => ParseBundle(file, json), cancellationToken);
            FrameFiles? files = null;
            PreparedTargets? prepared = null;
            var framesRefused = false;
            try
            {
                // SAMPLES_VERIFY_SEQUENTIAL=1: parse first, then verify, as before (ops/bench-draw.sh measures both ways).
                prepared = Environment.GetEnvironmentVariable("SAMPLES_VERIFY_SEQUENTIAL") == "1"
                    ? null
                    : Verifier.Prepare(json, (c, f) => files = Frames(directory, file, c, f));
            }
            catch (CliException)
            {
                framesRefused = true; // said once the bundle is known to parse, from what it finally says, as before
            }

            VerifyTrace.Mark("target frame and teams re-drawn beside the parsing");
            var parsed = await parsing;
            json = null;
            VerifyTrace.Mark("bundle parsed");
            if (framesRefused || prepared is null || !prepared.Matches(parsed, files))
            {
                files = Frames(directory, file, parsed.Commitment, parsed.Frames);
                prepared = null;
            }

            var differences = Verifier.Verify(parsed, files, prepared).ToList();
            VerifyTrace.Mark("verified");
            differences.AddRange(VerifyVerdict.AnnouncedHashes(parsed, result.GetValue(commitment), result.GetValue(sealHash), lang));
            var beacon = parsed.Commitment.Beacon;
            if (beacon is not null && result.GetValue(relay) is { } relayUrl)
            {
                var taken = parsed.Contributions.FirstOrDefault(c => c.Source == beacon.Source)?.Value ?? "(nothing)";
                differences.AddRange(Beacons.CompareWithPublished(beacon, taken, await FetchBeaconAsync(beacon, relayUrl, cancellationToken)));
            }

            var output = result.InvocationConfiguration.Output;
            foreach (var line in VerifyVerdict.Lines(parsed, differences, beaconMatched: beacon is not null && result.GetValue(relay) is not null, lang))
            {
                await output.WriteLineAsync(line);
            }

            return differences.Count == 0 ? ExitCodes.Ok : ExitCodes.NotVerified;
        });
        return command;
    }

    /// <summary>The committed round as a drand relay publishes it (its JSON); a relay that cannot be reached is exit 4, not a difference.</summary>
    private static async Task<string> FetchBeaconAsync(BeaconRound beacon, string relay, CancellationToken cancellationToken)
    {
        if (Beacons.Chain(beacon.Chain) is not { } chain)
        {
            return "{}";
        }

        var url = chain.RoundUrl(beacon.Round, relay);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            return await http.GetStringAsync(new Uri(url), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            throw new CliException(Errors.RelayUnreadable(url, ex.Message), ExitCodes.Unavailable);
        }
    }

    /// <summary>The bundle file's bytes (a bundle with inline frames is large: they are dropped once parsed).</summary>
    private static async Task<byte[]> ReadBundleBytesAsync(FileInfo file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(Errors.CannotRead(file.FullName, ex.Message), ExitCodes.Usage);
        }
    }

    private static DrawBundle ParseBundle(FileInfo file, byte[] json)
    {
        try
        {
            return DrawBundle.FromJson(json);
        }
        catch (FormatException ex)
        {
            throw new CliException(Errors.FileProblem(file.FullName, ex.Message), ExitCodes.Usage);
        }
    }

    /// <summary>
    /// The frame files (plain or .gz) from --frames, or from the bundle's own folder when the bundle holds a frame by hash
    /// only; the target frame is streamed by the verifier, read once, never held.
    /// </summary>
    private static FrameFiles? Frames(DirectoryInfo? directory, FileInfo bundleFile, Commitment commitment, BundleFrames bundleFrames)
    {
        if (directory is not null && !directory.Exists)
        {
            throw new CliException(Errors.OptionNoSuchFolder("--frames", directory.FullName), ExitCodes.Usage);
        }

        var byHash = bundleFrames.Targets is null || bundleFrames.Inspectors is null || bundleFrames.Exclusions is null;
        var folder = directory?.FullName ?? (byHash ? bundleFile.DirectoryName : null);
        try
        {
            return folder is null ? null : PublishedFrames.FromFolder(folder, commitment);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new CliException(Errors.CannotRead(folder!, ex.Message), ExitCodes.Usage);
        }
    }
}
