using System.Text.Json;

namespace Samples.Draw;

/// <summary>
/// The target frame's streamed re-draw started from the bundle's first fields, before the whole bundle is read: it needs
/// only the commitment, the contributions, the nonce and the frames' names, which the bundle writes first, while the
/// teams (most of the bytes) come last. <see cref="Verifier.Prepare"/> makes it; <see cref="Verifier.Verify"/> takes it
/// only when the bundle as finally read asks for exactly that re-draw (same seed, quota rules, strata, committed hash,
/// exclusions and frame files), else re-draws as before; so a document that says one thing first and another later
/// (a repeated field) is verified for what it finally says. The target frame is still read once. The teams are drawn
/// from those targets here too (they need only the commitment, the entropy and the inspector frame), and taken by
/// <see cref="Verifier.Verify"/> only when what they read of the commitment, the entropy and the inspector frame are the same again.
/// </summary>
public sealed class PreparedTargets
{
    private DrawSession? _session;

    internal PreparedTargets(FrameFiles? frames, string seed, string quotaRules, string counts, string targetSha256, HashSet<string>? excluded, TargetSelection? selection, List<string> messages)
    {
        Frames = frames;
        Seed = seed;
        QuotaRules = quotaRules;
        Counts = counts;
        TargetSha256 = targetSha256;
        Excluded = excluded;
        Selection = selection;
        Messages = messages;
    }

    /// <summary>The frame files the re-draw read (chosen from the commitment the first fields gave).</summary>
    public FrameFiles? Frames { get; }

    internal string Seed { get; }

    internal string QuotaRules { get; }

    internal string Counts { get; }

    internal string TargetSha256 { get; }

    internal HashSet<string>? Excluded { get; }

    internal TargetSelection? Selection { get; }

    /// <summary>What the streamed re-draw found (in the words and order <see cref="Verifier.Verify"/> reports them).</summary>
    internal List<string> Messages { get; }

    /// <summary>What the teams drawn ahead read: the commitment the first fields gave, its rules as text, the entropy, the inline inspector frame.</summary>
    private (Commitment Commitment, string Rules, string Entropy, string? InlineInspectors)? _teamInputs;

    /// <summary>The teams drawn ahead from the selection (no change after the draw applied yet).</summary>
    internal void Keep(DrawSession session, Commitment commitment, string entropy, string? inlineInspectors)
    {
        _session = session;
        _teamInputs = (commitment, JsonSerializer.Serialize(commitment.Rules, DrawBundle.Json), entropy, inlineInspectors);
    }

    /// <summary>
    /// The teams drawn ahead, once (a session is changed by the steps after the draw), when the bundle as finally read asks
    /// for exactly that draw: the same draw id, rules, conflicts, past inspections, draw date, entropy and inspector frame
    /// (everything <see cref="DrawInputs"/> holds besides the targets). Else null: the caller draws them itself.
    /// </summary>
    internal DrawSession? TakeSession(Commitment c, string entropy, string? inlineInspectors)
    {
        if (_session is null || _teamInputs is not var (head, rules, headEntropy, headInspectors))
        {
            return null;
        }

        // Element by element (records: ordinal text, equal dates), not as text: the conflicts and inspections may be megabytes.
        static bool Same<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) => a is null ? b is null : b is not null && a.SequenceEqual(b);
        var same = entropy == headEntropy && inlineInspectors == headInspectors && c.DrawId == head.DrawId && c.DrawDate == head.DrawDate
            && c.InspectorFrameSha256 == head.InspectorFrameSha256 && Same(c.Conflicts, head.Conflicts) && Same(c.Inspections, head.Inspections)
            && JsonSerializer.Serialize(c.Rules, DrawBundle.Json) == rules;
        return same ? Interlocked.Exchange(ref _session, null) : null;
    }

    /// <summary>Whether the whole bundle (its first fields as finally read) asks for this re-draw, with these files.</summary>
    public bool Matches(DrawBundle bundle, FrameFiles? frames)
    {
        var c = bundle.Commitment;
        return ReferenceEquals(frames, Frames) && bundle.Frames.Targets is null
            && Seeds.Targets(c.DrawId, c.TargetFrameSha256, Seeds.Entropy(bundle.Nonce, bundle.Contributions.Select(x => x.Value))) == Seed
            && Verifier.Key(c) is var (rules, counts) && rules == QuotaRules && counts == Counts && c.TargetFrameSha256 == TargetSha256;
    }
}

public static partial class Verifier
{
    /// <summary>
    /// Reads the bundle's first fields from its bytes (format, commitment, contributions, nonce, revealedAt, frames, in
    /// the order the bundle writes them) and, when the target frame is given as a stream, re-draws the targets from it.
    /// Null when the first fields are not in that plain form (nothing is lost: <see cref="Verify"/> then re-draws itself).
    /// <paramref name="frames"/> chooses the frame files from the commitment and the bundle's frames; it may throw.
    /// </summary>
    public static PreparedTargets? Prepare(byte[] bundleJson, Func<Commitment, BundleFrames, FrameFiles?> frames)
    {
        ArgumentNullException.ThrowIfNull(bundleJson);
        ArgumentNullException.ThrowIfNull(frames);
        if (Head(bundleJson) is not var (commitment, contributions, nonce, bundleFrames) || bundleFrames.Targets is not null)
        {
            return null;
        }

        var files = frames(commitment, bundleFrames);
        if (files?.Targets is not null || files?.OpenTargets is not { } open)
        {
            return null;
        }

        // The exclusions exactly as the re-draw reads them (their messages are Verify's to report, so they go nowhere here).
        var exclusions = Frame([], "exclusions", bundleFrames.Exclusions, files.Exclusions, commitment.ExclusionsSha256, CanonicalFrames.ParseExclusions);
        var excluded = exclusions?.Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var seed = Seeds.Targets(commitment.DrawId, commitment.TargetFrameSha256, Seeds.Entropy(nonce, contributions.Select(x => x.Value)));
        var messages = new List<string>();
        var selection = StreamedTargets(messages, open, commitment, seed, excluded);
        var (rules, counts) = Key(commitment);
        var prepared = new PreparedTargets(files, seed, rules, counts, commitment.TargetFrameSha256, excluded, selection, messages);
        if (selection is not null)
        {
            DrawTeams(prepared, commitment, contributions, nonce, bundleFrames, files, selection);
        }

        return prepared;
    }

    /// <summary>
    /// The teams drawn from the selection too, still beside the parsing (the rest of the bundle is read on the other core):
    /// they need only the commitment, the entropy and the inspector frame. Whatever goes wrong is left to <see cref="Verify"/>,
    /// which then draws them itself and words it.
    /// </summary>
    private static void DrawTeams(PreparedTargets prepared, Commitment c, List<Contribution> contributions, string nonce, BundleFrames bundleFrames, FrameFiles files, TargetSelection selection)
    {
        try
        {
            if (Frame([], "inspector frame", bundleFrames.Inspectors, files.Inspectors, c.InspectorFrameSha256, CanonicalFrames.ParseInspectors) is not { } inspectors)
            {
                return;
            }

            var entropy = Seeds.Entropy(nonce, contributions.Select(x => x.Value));
            var session = Drawing.Run(new DrawInputs(c.DrawId, NoRows, inspectors, c.Rules, c.Conflicts, c.Inspections, c.DrawDate, entropy), selection);
            prepared.Keep(session, c, entropy, bundleFrames.Inspectors);
        }
#pragma warning disable CA1031 // any failure here is met again, and worded, by Verify's own draw
        catch (Exception)
#pragma warning restore CA1031
        {
            // Verify draws the teams itself.
        }
    }

    /// <summary>What else, besides the seed, decides the streamed re-draw: the quota rules and the strata's counts, as text.</summary>
    internal static (string Rules, string Counts) Key(Commitment c) => (
        JsonSerializer.Serialize(c.Rules.Quotas, DrawBundle.Json),
        string.Join('\n', c.Quotas.Select(q => $"{q.Stratum}\t{q.Members}")));

    /// <summary>The prepared re-draw when it is the one <paramref name="bundle"/> asks for, with these exclusions.</summary>
    private static PreparedTargets? Usable(PreparedTargets? prepared, DrawBundle bundle, FrameFiles? frames, IReadOnlySet<string>? excluded) =>
        prepared is not null && prepared.Matches(bundle, frames)
        && (excluded is null ? prepared.Excluded is null : prepared.Excluded is not null && prepared.Excluded.SetEquals(excluded))
            ? prepared
            : null;

    private static (Commitment, List<Contribution>, string, BundleFrames)? Head(byte[] json)
    {
        try
        {
            var span = json.AsSpan();
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }

            var r = new Utf8JsonReader(span);
            if (!r.Read() || r.TokenType != JsonTokenType.StartObject || !Next(ref r, "format"u8) || r.TokenType != JsonTokenType.String
                || !Next(ref r, "commitment"u8))
            {
                return null;
            }

            var commitment = JsonSerializer.Deserialize<Commitment>(ref r, DrawBundle.Json);
            if (commitment is null || !Next(ref r, "contributions"u8))
            {
                return null;
            }

            var contributions = JsonSerializer.Deserialize<List<Contribution>>(ref r, DrawBundle.Json);
            if (contributions is null || !Next(ref r, "nonce"u8) || r.TokenType != JsonTokenType.String)
            {
                return null;
            }

            var nonce = r.GetString()!;
            if (!Next(ref r, "revealedAt"u8) || !Next(ref r, "frames"u8))
            {
                return null;
            }

            var frames = JsonSerializer.Deserialize<BundleFrames>(ref r, DrawBundle.Json);
            return frames is null ? null : (commitment, contributions, nonce, frames);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
        {
            return null; // not the plain form: the whole reading decides and words what is wrong
        }
    }

    /// <summary>The next member is <paramref name="name"/>; the reader is left on its value (after skipping the one before).</summary>
    private static bool Next(ref Utf8JsonReader r, ReadOnlySpan<byte> name)
    {
        if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && r.CurrentDepth > 0)
        {
            r.Skip();
        }

        return r.Read() && r.TokenType == JsonTokenType.PropertyName && r.ValueTextEquals(name) && r.Read();
    }
}
