using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Domain.Reference;
using Samples.Draw;
using Samples.Client.Language;

namespace Samples.Client.Draws;

/// <summary>
/// <c>samples draw …</c>: the ceremony on the server (commit a round, add outside entropy, draw, status, list, download
/// the bundle), and <c>samples plan schedule</c>: when each round commits and draws.
/// </summary>
public static class DrawCeremonyCommands
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("draw", "Draws (抽取): commit a round, add outside entropy, draw, status, list, download the public bundle");
        command.Subcommands.Add(Commit(global));
        command.Subcommands.Add(Contribute(global));
        command.Subcommands.Add(Beacon(global));
        command.Subcommands.Add(Reveal(global));
        command.Subcommands.Add(Supplement(global, "replace", "A team member withdraws: the pool's stream continues to a replacer (the draw is never redone)", withInspector: true));
        command.Subcommands.Add(Supplement(global, "alternate", "A drawn target cannot be sampled: the stratum's next ordered alternate takes its place", withInspector: false));
        command.Subcommands.Add(Supplement(global, "complete", "A drawn team is short: its pool's stream fills one empty seat (an inspector's capacity may be exceeded; the bundle records it)", withInspector: false, resource: "completions"));
        command.Subcommands.Add(Status(global));
        command.Subcommands.Add(List(global));
        command.Subcommands.Add(Bundle(global));
        return command;
    }

    public static Command Schedule(GlobalOptions global)
    {
        var plan = new Argument<string>("plan") { Description = "Plan id" };
        var command = new Command("schedule", "Each round's time, what was done about it, and when its commit and draw triggers fire") { plan };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var rounds = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/schedule", cancellationToken);
            global.Printer(result).Table(rounds, [Labels.Round, Labels.Draw, Labels.RoundTime, Labels.State, Labels.CommitFires, Labels.DrawFires],
                rounds.EnumerateArray().Select(r => new[]
                {
                    r.GetProperty("round").GetInt32().ToString(CultureInfo.InvariantCulture), Text(r, "drawId"), China(r, "roundTime"), Text(r, "state"),
                    China(r, "commitFiresAt"), China(r, "drawFiresAt"),
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Commit(GlobalOptions global)
    {
        var plan = new Argument<string>("plan") { Description = "Plan id" };
        var round = new Option<int>("--round") { Description = "Round number", Required = true };
        var deadline = new Option<DateTimeOffset?>("--deadline") { Description = "Until when outside entropy is accepted (ISO 8601; default: 10 minutes from now)" };
        var beacon = new Option<string?>("--beacon")
        {
            Description = "Name a drand beacon round whose value the draw will take: CHAIN or CHAIN:ROUND (chains: quicknet, default; "
                + "without a round, the first emitted after the middle of the entropy window)",
        };
        var allowShort = new Option<bool>("--allow-short-teams")
        {
            Description = "Commit even if the teams cannot all be staffed (the shortfall is published in the commitment); without it such a commit is refused, naming the pools",
        };
        var command = new Command("commit", "Freeze the round's frames and publish the commitment (idempotent)") { plan, round, deadline, beacon, allowShort };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (chain, beaconRound) = BeaconOption(result.GetValue(beacon));
            using var api = global.Client(result);
            var status = await api.PostAsync<JsonElement>(
                $"/api/plans/{Uri.EscapeDataString(result.GetValue(plan)!)}/rounds/{result.GetValue(round)}/commit",
                new { entropyDeadline = result.GetValue(deadline), beacon = chain, beaconRound, allowShortTeams = result.GetValue(allowShort) }, cancellationToken);
            PrintStatus(global, result, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Contribute(GlobalOptions global)
    {
        var draw = new Argument<string>("draw") { Description = "Draw id, e.g. QH-2026-DEMO:R3" };
        var source = new Option<string>("--source") { Description = "Who gives it: a witness's name (a beacon's value is entered with 'draw beacon')", Required = true };
        var value = new Option<string>("--value") { Description = "The exact text that enters the entropy", Required = true };
        var command = new Command("contribute", "Add outside entropy before the deadline") { draw, source, value };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var status = await api.PostAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(result.GetValue(draw)!)}/contributions",
                new { source = result.GetValue(source), value = result.GetValue(value) }, cancellationToken);
            PrintStatus(global, result, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>CHAIN or CHAIN:ROUND; the silo checks both (a known chain, a round emitted inside the window).</summary>
    private static (string? Chain, long? Round) BeaconOption(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        var parts = text.Split(':', 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var round)
            ? (parts[0], round)
            : parts.Length == 2 ? throw new CliException(Errors.NotBeaconRound(text), ExitCodes.Usage) : (parts[0], null);
    }

    private static Command Beacon(GlobalOptions global)
    {
        var draw = new Argument<string>("draw") { Description = "Draw id, e.g. QH-2026-DEMO:R3" };
        var round = new Option<long>("--round") { Description = "The beacon round the commitment names", Required = true };
        var randomness = new Option<string>("--randomness") { Description = "The round's randomness as the chain publishes it (64 hex characters)", Required = true };
        var command = new Command("beacon", "Enter the value of the beacon round the commitment names (the draw waits for it)") { draw, round, randomness };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var status = await api.PostAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(result.GetValue(draw)!)}/beacon",
                new { round = result.GetValue(round), randomness = result.GetValue(randomness) }, cancellationToken);
            PrintStatus(global, result, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Reveal(GlobalOptions global)
    {
        var draw = new Argument<string>("draw") { Description = "Draw id" };
        var command = new Command("reveal", "Reveal the nonce and draw, after the entropy deadline (idempotent: a second call answers the first draw)") { draw };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var status = await api.PostAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(result.GetValue(draw)!)}/draw", new { }, cancellationToken);
            PrintStatus(global, result, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Supplement(GlobalOptions global, string name, string description, bool withInspector, string resource = "")
    {
        var draw = new Argument<string>("draw") { Description = "Draw id" };
        var target = new Option<string>("--target") { Description = "The drawn target, e.g. ENT|91632800MA7QHX0817|potash-kcl-gb6549", Required = true };
        var inspector = new Option<string>("--inspector") { Description = "The withdrawing inspector, e.g. INS|QH-2800-0012", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (published in the bundle)", Required = true };
        var command = new Command(name, description) { draw, target, reason };
        if (withInspector)
        {
            command.Options.Add(inspector);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var path = $"/api/draws/{Uri.EscapeDataString(result.GetValue(draw)!)}/{(resource.Length > 0 ? resource : withInspector ? "replacements" : "alternates")}";
            object body = resource.Length > 0
                ? new { targetId = result.GetValue(target), reason = result.GetValue(reason) }
                : new { targetId = result.GetValue(target), inspectorId = withInspector ? result.GetValue(inspector) : null, reason = result.GetValue(reason) };
            var status = await api.PostAsync<JsonElement>(path, body, cancellationToken);
            if (status.TryGetProperty("waiting", out var waiting))
            {
                // 202: no task event grounds it, so it waits for a second supervisor to make the same request.
                result.InvocationConfiguration.Output.WriteLine(Messages.SupplementWaiting(name, waiting.GetString()).In(global.Language(result)));
                return ExitCodes.Ok;
            }

            PrintStatus(global, result, status);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(GlobalOptions global)
    {
        var draw = new Argument<string>("draw") { Description = "Draw id" };
        var command = new Command("status", "A draw's step, deadline, contributions and every request made of it") { draw };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            PrintStatus(global, result, await api.GetAsync<JsonElement>($"/api/draws/{Uri.EscapeDataString(result.GetValue(draw)!)}", cancellationToken));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(GlobalOptions global)
    {
        var command = new Command("list", "Every draw with its step (public index)");
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var draws = await api.GetAsync<JsonElement>("/api/public/draws", cancellationToken);
            var lang = global.Language(result);
            global.Printer(result).Table(draws, [Labels.Draw, Labels.Step, Labels.Committed, Labels.Revealed, Labels.Late, Labels.OutsideEntropy, Labels.CommitmentSha256],
                draws.EnumerateArray().Select(d => new[]
                {
                    Text(d, "drawId"), Text(d, "step"), China(d, "committedAt"), China(d, "revealedAt"),
                    YesNo(d.GetProperty("late").GetBoolean(), lang), YesNo(d.GetProperty("outsideEntropy").GetBoolean(), lang),
                    Text(d, "commitmentSha256"),
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Bundle(GlobalOptions global)
    {
        var draw = new Argument<string>("draw") { Description = "Draw id" };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the bundle (JSON); its frame files go beside it, each named by its SHA-256 (SHA256.csv.gz; one already there is kept); then: samples verify FILE",
            Required = true,
        };
        var command = new Command("bundle", "Download a drawn round's public bundle and its frame files") { draw, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var api = global.Client(result);
            var drawId = result.GetValue(draw)!;
            var file = result.GetValue(output)!;
            var lang = global.Language(result);
            var path = $"/api/public/draws/{Uri.EscapeDataString(drawId)}";
            await DownloadAsync(api, $"{path}/bundle", file, result, lang, cancellationToken);

            // A bundle holds its frames by hash: the files the verifier reads are fetched beside it, compressed as published.
            var bundle = DrawBundle.FromJson(await File.ReadAllBytesAsync(file.FullName, cancellationToken));
            var folder = file.DirectoryName ?? ".";
            // Each is kept under its SHA-256 (the commitment's), so the frames of many draws share a folder.
            var c = bundle.Commitment;
            string?[] inline = [bundle.Frames.Targets, bundle.Frames.Inspectors, bundle.Frames.Exclusions];
            string[] hashes = [c.TargetFrameSha256, c.InspectorFrameSha256, c.ExclusionsSha256];
            var written = 0;
            for (var i = 0; i < PublishedFrames.Names.Count; i++)
            {
                var local = new FileInfo(Path.Combine(folder, PublishedFrames.FileName(hashes[i])));
                if (inline[i] is null && !local.Exists)
                {
                    await DownloadAsync(api, $"{path}/frames/{PublishedFrames.Names[i]}{PublishedFrames.Compressed}", local, result, lang, cancellationToken);
                    written++;
                }
            }

            if (written > 0)
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(Messages.FramesWritten(folder, written).In(lang));
            }

            await result.InvocationConfiguration.Output.WriteLineAsync(Messages.BundleWritten(file.FullName, drawId, file.Name).In(lang));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// A public file written byte for byte as the server sent it (the verifier checks it), with a progress bar: a large
    /// draw's files are tens of megabytes.
    /// </summary>
    private static async Task DownloadAsync(ApiClient api, string url, FileInfo file, ParseResult result, Lang lang, CancellationToken cancellationToken)
    {
        using var response = await api.GetStreamAsync(url, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var target = File.Create(file.FullName);
        if (response.Content.Headers.ContentLength is { } length)
        {
            await ProgressReport.RunAsync(result.InvocationConfiguration.Error, $"{Messages.Downloading.In(lang)} {file.Name}", length, ProgressReport.Megabytes(length), async report =>
            {
                await using var source = new ProgressStream(body, length, report);
                await source.CopyToAsync(target, cancellationToken);
                return true;
            });
        }
        else
        {
            await body.CopyToAsync(target, cancellationToken);
        }
    }

    private static void PrintStatus(GlobalOptions global, ParseResult result, JsonElement status)
    {
        var lang = global.Language(result);
        var steps = status.GetProperty("steps").EnumerateArray().Select(s => Messages.StatusStep(
            Text(s, "step"), Text(s, "outcome"), Text(s, "by"), ChinaTime.Text(s.GetProperty("at").GetDateTimeOffset()),
            s.GetProperty("lateBy").ValueKind == JsonValueKind.String ? s.GetProperty("lateBy").GetString() : null).In(lang));
        global.Printer(result).Print(status,
        [
            (Labels.Draw, Text(status, "drawId")),
            (Labels.Step, Text(status, "step")),
            (Labels.PlanVersion, status.GetProperty("planVersion").GetInt32().ToString(CultureInfo.InvariantCulture)),
            (Labels.Committed, China(status, "committedAt")),
            (Labels.EntropyUntil, China(status, "entropyDeadline")),
            (Labels.Beacon, BeaconText(status).In(lang)),
            (Labels.Contributions, status.GetProperty("contributions").GetInt32().ToString(CultureInfo.InvariantCulture)),
            (Labels.Revealed, China(status, "revealedAt")),
            (Labels.Late, YesNo(status.GetProperty("late").GetBoolean(), lang)),
            // Named as the public index and `samples verify --commitment` name it: the one value to keep before the draw.
            (Labels.CommitmentSha256, Text(status, "commitmentSha256")),
            (Labels.Steps, string.Join("; ", steps)),
        ]);
    }

    private static Text BeaconText(JsonElement status) =>
        status.TryGetProperty("commitment", out var c) && c.TryGetProperty("beacon", out var b) && b.ValueKind == JsonValueKind.Object
            ? Messages.BeaconRound(Text(b, "chain"), b.GetProperty("round").GetInt64(), China(b, "emittedAt"))
            : Messages.None;

    private static string YesNo(bool value, Lang lang) => (value ? Messages.Yes : Messages.No).In(lang);

    private static string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    /// <summary>Times are shown in China Standard Time, as people in Qinghai read them (the column or label names UTC+8).</summary>
    private static string China(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? ChinaTime.Cell(v.GetDateTimeOffset()) : "";
}
