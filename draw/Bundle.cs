using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.Draw;

/// <summary>
/// What is published before the randomness: frame hashes, exclusions hash, the rule set and the quotas it gives, the
/// recusal facts the team rules read, the draw date, sha256 of the nonce, until when outside entropy is accepted, and
/// the beacon round whose value the draw will take, and the staffing shortfall a supervisor allowed (each absent when
/// there is none: older commitments hash as before).
/// </summary>
public sealed record Commitment(
    string DrawId,
    string Algorithm,
    string TargetFrameSha256,
    string InspectorFrameSha256,
    string ExclusionsSha256,
    DrawRules Rules,
    IReadOnlyList<StratumQuota> Quotas,
    IReadOnlyList<DeclaredConflict> Conflicts,
    IReadOnlyList<PastInspection> Inspections,
    DateOnly DrawDate,
    string NonceSha256,
    DateTimeOffset CommittedAt,
    DateTimeOffset EntropyDeadline,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BeaconRound? Beacon = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StaffingShortfall? Staffing = null);

/// <summary>Outside entropy: who or what gave it (a witness, "drand round 123" …), the exact text that enters the entropy, and when.</summary>
public sealed record Contribution(string Source, string Value, DateTimeOffset At);

/// <summary>The frames' canonical texts; a null text means "by hash only": the verifier then needs the file.</summary>
public sealed record BundleFrames(string? Targets, string? Inspectors, string? Exclusions);

/// <summary>The published record of one draw (draw/README.md describes every field).</summary>
public sealed record DrawBundle(
    string Format,
    Commitment Commitment,
    IReadOnlyList<Contribution> Contributions,
    string Nonce,
    DateTimeOffset RevealedAt,
    BundleFrames Frames,
    string Entropy,
    string TargetSeed,
    string InspectorSeed,
    IReadOnlyList<Pick> Picks,
    IReadOnlyList<Pick> Alternates,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<PoolPosition> Pools,
    IReadOnlyList<Replacement> Replacements,
    IReadOnlyList<AlternateUse> AlternateUses,
    BundleSeals Seals)
{
    /// <summary>The first format: seals over this project's compact JSON. Every bundle published before v2; still verified.</summary>
    public const string FormatV1 = "samples-draw-bundle-v1";

    /// <summary>The same fields as v1; every seal is SHA-256 of the part's canonical JSON (RFC 8785), which any JSON library can check.</summary>
    public const string FormatV2 = "samples-draw-bundle-v2";

    /// <summary>The format new draws are committed in (the silo names it in every new commitment; see <see cref="DrawCeremony.Format"/>).</summary>
    public const string FormatId = FormatV2;

    /// <summary>Whether this verifier reads the format (v1 and v2).</summary>
    public static bool IsKnownFormat(string format) => format is FormatV1 or FormatV2;

    public static JsonSerializerOptions Json { get; } = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,

        // A property the format does not have (a changed name) is an error, not silently dropped.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,

        // The bundle's own types from build-time metadata (what an ahead-of-time build has); anything else by reflection.
        TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            BundleJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
    }.WithConverters(BundleJson.Converters);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// Reads a bundle from a file's bytes, as <see cref="FromJson(string)"/> of the text <see cref="File.ReadAllText(string)"/>
    /// would give: valid UTF-8 (after an optional byte-order mark) is read as it is, without first becoming a string;
    /// anything else is decoded as ReadAllText decodes it.
    /// </summary>
    public static DrawBundle FromJson(byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        var span = utf8.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            using var reader = new StreamReader(new MemoryStream(utf8), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return FromJson(reader.ReadToEnd());
        }

        try
        {
            return JsonSerializer.Deserialize<DrawBundle>(span, Json) ?? throw new FormatException("the bundle is empty (null)");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a draw bundle: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a bundle; a malformed document is a <see cref="FormatException"/> with the reason.</summary>
    public static DrawBundle FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<DrawBundle>(json, Json) ?? throw new FormatException("the bundle is empty (null)");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not a draw bundle: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Everything needed to make a bundle, in the order it happens. <see cref="Format"/> is the bundle format, which decides
/// how the commitment is hashed (<see cref="Seals.CommitmentSha256(Commitment, string)"/>), so it is fixed when the draw is
/// committed: a ceremony that names none is one of before v2 and makes a v1 bundle, so a draw committed then keeps the
/// commitment hash it announced. New draws name <see cref="DrawBundle.FormatId"/>.
/// </summary>
public sealed record DrawCeremony(
    string DrawId,
    CanonicalFrame<TargetRow> Targets,
    CanonicalFrame<InspectorRow> Inspectors,
    CanonicalFrame<ExclusionRow> Exclusions,
    DrawRules Rules,
    IReadOnlyList<DeclaredConflict> Conflicts,
    IReadOnlyList<PastInspection> Inspections,
    DateOnly DrawDate,
    DateTimeOffset CommittedAt,
    DateTimeOffset EntropyDeadline,
    IReadOnlyList<Contribution> Contributions,
    string Nonce,
    DateTimeOffset RevealedAt,
    BeaconRound? Beacon = null,
    StaffingShortfall? Staffing = null,
    string Format = DrawBundle.FormatV1);

public static class Bundles
{
    /// <summary>The commitment of a ceremony (what is published before any randomness exists).</summary>
    public static Commitment Commit(DrawCeremony c) => new(
        c.DrawId,
        Seeds.AlgorithmId,
        c.Targets.Sha256,
        c.Inspectors.Sha256,
        c.Exclusions.Sha256,
        c.Rules,
        QuotasOf(c.Targets, c.Rules.Quotas),
        c.Conflicts,
        c.Inspections,
        c.DrawDate,
        Seeds.NonceCommitment(c.Nonce),
        c.CommittedAt,
        c.EntropyDeadline,
        c.Beacon,
        c.Staffing);

    /// <summary>
    /// What the quota rules give each stratum (its key and members; a key given twice counts once with both sizes), in
    /// stratum order as the commitment publishes it: no frame needs to be built to know them.
    /// </summary>
    public static IReadOnlyList<StratumQuota> QuotasOf(IEnumerable<(string Stratum, int Members)> strata, QuotaRules rules) =>
        strata.GroupBy(s => s.Stratum, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Quotas.For(g.Key, g.Sum(s => s.Members), rules)).ToArray();

    /// <summary>The same from a target frame's rows.</summary>
    public static IReadOnlyList<StratumQuota> QuotasOf(CanonicalFrame<TargetRow> targets, QuotaRules rules) =>
        QuotasOf(targets.Rows.Select(r => (r.Stratum, 1)), rules);

    /// <summary>The inputs of the draw a ceremony's revealed nonce and contributions give.</summary>
    public static DrawInputs Inputs(DrawCeremony c) => new(
        c.DrawId, c.Targets, c.Inspectors, c.Rules, c.Conflicts, c.Inspections, c.DrawDate,
        Seeds.Entropy(c.Nonce, c.Contributions.Select(x => x.Value)));

    /// <summary>Runs the draw and writes its bundle, frames inline (or by hash only when <paramref name="inlineFrames"/> is false).</summary>
    public static DrawBundle Create(DrawCeremony c, bool inlineFrames = true, Action<DrawSession>? afterDraw = null)
    {
        var inputs = Inputs(c);
        var session = Drawing.Run(inputs);
        afterDraw?.Invoke(session);
        return From(c, session.Result, inlineFrames);
    }

    /// <summary>The bundle of a ceremony and its result, sealed (<see cref="Samples.Draw.Seals"/>).</summary>
    public static DrawBundle From(DrawCeremony c, DrawResult result, bool inlineFrames = true) => Seal(Unsealed(c, result, inlineFrames));

    /// <summary>The bundle with its seals recomputed: when a draw is supplemented (replacements, alternates used).</summary>
    public static DrawBundle Seal(DrawBundle bundle) => bundle with { Seals = Seals.Of(bundle) };

    private static DrawBundle Unsealed(DrawCeremony c, DrawResult result, bool inlineFrames) => new(
        c.Format,
        Commit(c),
        c.Contributions,
        c.Nonce,
        c.RevealedAt,
        inlineFrames ? new BundleFrames(c.Targets.Text, c.Inspectors.Text, c.Exclusions.Text) : new BundleFrames(null, null, null),
        Seeds.Entropy(c.Nonce, c.Contributions.Select(x => x.Value)),
        Seeds.Targets(c.DrawId, c.Targets.Sha256, Seeds.Entropy(c.Nonce, c.Contributions.Select(x => x.Value))),
        Seeds.Inspectors(c.DrawId, c.Inspectors.Sha256, Seeds.Entropy(c.Nonce, c.Contributions.Select(x => x.Value))),
        result.Picks,
        result.Alternates,
        result.Teams,
        result.Pools,
        result.Replacements,
        result.AlternateUses,
        new BundleSeals("", "", "", "", "", "", "", "", ""));
}

internal static class JsonOptionsExtensions
{
    public static JsonSerializerOptions WithConverters(this JsonSerializerOptions options, IEnumerable<JsonConverter> converters)
    {
        foreach (var converter in converters)
        {
            options.Converters.Add(converter);
        }

        return options;
    }
}
