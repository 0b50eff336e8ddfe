using System.Security.Cryptography;
using System.Text.Json;

namespace Samples.Draw;

/// <summary>
/// SHA-256 of each part of a bundle (its compact JSON), written when the bundle is made. The draw-spec's seeds bind the
/// frames and the entropy, and the verifier recomputes every pick, team and quota; but some published facts do not change
/// the outcome (who gave a contribution, a recusal fact that happened not to matter, the dates). The seals cover those
/// too, so a change of any byte after the draw is reported with the part it is in. The frames are not sealed again: the
/// commitment holds their SHA-256, which the verifier checks. A forger can of course re-seal; what
/// stops that is the commitment published before the draw (its hash is <see cref="BundleSeals.Commitment"/>), which
/// anyone can compare with the one they saw announced.
/// </summary>
public sealed record BundleSeals(
    string Commitment,
    string Contributions,
    string Reveal,
    string Picks,
    string Alternates,
    string Teams,
    string Pools,
    string Replacements,
    string AlternateUses);

public static class Seals
{
    private static readonly JsonSerializerOptions Compact = new(DrawBundle.Json) { WriteIndented = false };

    /// <summary>The hash of a commitment as published (compact JSON, the same options as the bundle).</summary>
    public static string CommitmentSha256(Commitment commitment) => Hash(commitment);

    public static BundleSeals Of(DrawBundle b) => new(
        Hash(b.Commitment),
        Hash(b.Contributions),
        Hash(new RevealPart(b.Format, b.Nonce, b.RevealedAt, b.Entropy, b.TargetSeed, b.InspectorSeed)),
        Hash(b.Picks),
        Hash(b.Alternates),
        Hash(b.Teams),
        Hash(b.Pools),
        Hash(b.Replacements),
        Hash(b.AlternateUses));

    /// <summary>Each part whose content no longer matches its seal, named.</summary>
    public static IEnumerable<string> Differences(DrawBundle bundle)
    {
        var now = Of(bundle);
        var sealedParts = bundle.Seals;
        (string Part, string Sealed, string Now)[] parts =
        [
            ("commitment", sealedParts.Commitment, now.Commitment),
            ("contributions", sealedParts.Contributions, now.Contributions),
            ("reveal (format, nonce, revealedAt, entropy, seeds)", sealedParts.Reveal, now.Reveal),
            ("picks", sealedParts.Picks, now.Picks),
            ("alternates", sealedParts.Alternates, now.Alternates),
            ("teams", sealedParts.Teams, now.Teams),
            ("pools", sealedParts.Pools, now.Pools),
            ("replacements", sealedParts.Replacements, now.Replacements),
            ("alternateUses", sealedParts.AlternateUses, now.AlternateUses),
        ];
        return parts.Where(p => !string.Equals(p.Sealed, p.Now, StringComparison.Ordinal))
            .Select(p => $"seal: the {p.Part} changed after the draw (sealed {Short(p.Sealed)}, now {Short(p.Now)})");
    }

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] + "…" : hash;

    private static string Hash<T>(T value) => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(value, Compact)));

    private sealed record RevealPart(string Format, string Nonce, DateTimeOffset RevealedAt, string Entropy, string TargetSeed, string InspectorSeed);
}
