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

    /// <summary>
    /// One hash for the whole bundle: of its seals (compact JSON), so of every part. Published in the draw index when the
    /// draw is made (and again when it is supplemented), it anchors what came after the commitment too.
    /// </summary>
    public static string BundleSha256(DrawBundle bundle) => Hash(bundle.Seals);

    /// <summary>The hash of a commitment as published (compact JSON, the same options as the bundle).</summary>
    public static string CommitmentSha256(Commitment commitment) => Hash(commitment);

    public static BundleSeals Of(DrawBundle b)
    {
        // The large parts (teams, picks) are hashed side by side; each hash is independent, so the result is the same.
        var parts = new Func<string>[]
        {
            () => Hash(b.Commitment),
            () => Hash(b.Contributions),
            () => Hash(new RevealPart(b.Format, b.Nonce, b.RevealedAt, b.Entropy, b.TargetSeed, b.InspectorSeed)),
            () => Hash(b.Picks),
            () => Hash(b.Alternates),
            () => Hash(b.Teams),
            () => Hash(b.Pools),
            () => Hash(b.Replacements),
            () => Hash(b.AlternateUses),
        };
        var hashes = new string[parts.Length];
        Cores.For(parts.Length, Cores.Worth(b.Teams.Count, 1000), i => hashes[i] = parts[i]());
        return new(hashes[0], hashes[1], hashes[2], hashes[3], hashes[4], hashes[5], hashes[6], hashes[7], hashes[8]);
    }

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

    /// <summary>Serialised straight into the hash (no copy of the part's JSON): a million-target bundle's teams are tens of MB.</summary>
    private static string Hash<T>(T value)
    {
        using var stream = new HashingStream();
        JsonSerializer.Serialize(stream, value, Compact);
        return stream.Hex();
    }

    /// <summary>A write-only stream that feeds SHA-256.</summary>
    private sealed class HashingStream : Stream
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string Hex() => Convert.ToHexStringLower(hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed record RevealPart(string Format, string Nonce, DateTimeOffset RevealedAt, string Entropy, string TargetSeed, string InspectorSeed);
}
