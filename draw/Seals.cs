using System.Security.Cryptography;
using System.Text.Json;

namespace Samples.Draw;

/// <summary>
/// SHA-256 of each part of a bundle, written when the bundle is made: in a <c>samples-draw-bundle-v2</c> bundle of the
/// part's canonical JSON (RFC 8785, <see cref="Jcs"/>), which any JSON library reproduces; in a v1 bundle of the part as
/// this project's serializer writes it compactly (kept exactly, so published v1 bundles verify as before). The draw-spec's seeds bind the
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

    /// <summary>Whether a bundle of this format is sealed over canonical JSON (v2); any other format is sealed as v1.</summary>
    public static bool IsCanonical(string format) => string.Equals(format, DrawBundle.FormatV2, StringComparison.Ordinal);

    /// <summary>
    /// One hash for the whole bundle: of its seals, so of every part (v2: of the JCS of the seals object). Published in the
    /// draw index when the draw is made (and again when it is supplemented), it anchors what came after the commitment too.
    /// </summary>
    public static string BundleSha256(DrawBundle bundle) => IsCanonical(bundle.Format) ? Canonical(bundle.Seals) : Hash(bundle.Seals);

    /// <summary>
    /// The hash of a commitment as published in a v1 bundle (compact JSON, the same options as the bundle): what every draw
    /// committed before v2 announced. <see cref="CommitmentSha256(Commitment, string)"/> chooses by the format.
    /// </summary>
    public static string CommitmentSha256(Commitment commitment) => Hash(commitment);

    /// <summary>The hash of a commitment as a bundle of <paramref name="format"/> seals it: v2, SHA-256 of its JCS.</summary>
    public static string CommitmentSha256(Commitment commitment, string format) => IsCanonical(format) ? Canonical(commitment) : Hash(commitment);

    public static BundleSeals Of(DrawBundle b)
    {
        var canonical = IsCanonical(b.Format);

        // The large parts (teams, picks) are hashed side by side; each hash is independent, so the result is the same.
        // In v2 they are written canonically straight into the hash (members in their JCS order), without a document.
        var parts = canonical
            ? new Func<string>[]
            {
                () => Canonical(b.Commitment),
                () => Canonical(b.Contributions),
                () => Canonical(Reveal(b)),
                () => CanonicalPicks(b.Picks),
                () => CanonicalPicks(b.Alternates),
                () => CanonicalTeams(b.Teams),
                () => CanonicalPools(b.Pools),
                () => Canonical(b.Replacements),
                () => Canonical(b.AlternateUses),
            }
            : new Func<string>[]
            {
                () => Hash(b.Commitment),
                () => Hash(b.Contributions),
                () => Hash(Reveal(b)),
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

    /// <summary>
    /// The seals of a v2 bundle the general way: each part's JSON as the bundle writes it, parsed and canonicalised
    /// (<see cref="Jcs.Sha256(JsonElement)"/>). What <see cref="Of"/> must equal; slower on a large draw.
    /// </summary>
    internal static BundleSeals OfGeneral(DrawBundle b) => new(
        Canonical(b.Commitment),
        Canonical(b.Contributions),
        Canonical(Reveal(b)),
        Canonical(b.Picks),
        Canonical(b.Alternates),
        Canonical(b.Teams),
        Canonical(b.Pools),
        Canonical(b.Replacements),
        Canonical(b.AlternateUses));

    private static RevealPart Reveal(DrawBundle b) => new(b.Format, b.Nonce, b.RevealedAt, b.Entropy, b.TargetSeed, b.InspectorSeed);

    /// <summary>Each part whose content no longer matches its seal, named.</summary>
    public static IEnumerable<string> Differences(DrawBundle bundle)
    {
        BundleSeals now;
        try
        {
            now = Of(bundle);
        }
        catch (FormatException ex)
        {
            // A v2 part that has no canonical form (a decimal a double would change, a lone surrogate): it cannot match its seal.
            return [$"seal: the bundle cannot be sealed canonically ({ex.Message})"];
        }

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

    /// <summary>The part as the bundle writes it (compact), canonicalised: the general way, for the small parts.</summary>
    private static string Canonical<T>(T value)
    {
        using var document = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(value, Compact));
        using var writer = JcsWriter.Hashing();
        writer.ExactNumbers = true;
        Jcs.Write(document.RootElement, writer);
        return writer.Hex();
    }

    /// <summary>Picks or alternates: members in JCS order (generation, id, stratum, ticket).</summary>
    private static string CanonicalPicks(IReadOnlyList<Pick> picks)
    {
        using var w = JcsWriter.Hashing();
        w.StartArray();
        foreach (var p in picks)
        {
            w.StartObject();
            w.Name("generation");
            w.Number(p.Generation);
            w.Name("id");
            w.Text(p.Id);
            w.Name("stratum");
            w.Text(p.Stratum);
            w.Name("ticket");
            w.Text(p.Ticket);
            w.EndObject();
        }

        w.EndArray();
        return w.Hex();
    }

    /// <summary>Teams: emissions, members, pool, status, stratum, targetId (JCS order); each emission accepted, generation, inspectorId, rule, ticket.</summary>
    private static string CanonicalTeams(IReadOnlyList<Team> teams)
    {
        using var w = JcsWriter.Hashing();
        w.StartArray();
        foreach (var t in teams)
        {
            w.StartObject();
            w.Name("emissions");
            w.StartArray();
            foreach (var e in t.Emissions)
            {
                w.StartObject();
                w.Name("accepted");
                w.Bool(e.Accepted);
                w.Name("generation");
                w.Number(e.Generation);
                w.Name("inspectorId");
                w.Text(e.InspectorId);
                w.Name("rule");
                w.Text(e.Rule);
                w.Name("ticket");
                w.Text(e.Ticket);
                w.EndObject();
            }

            w.EndArray();
            w.Name("members");
            w.StartArray();
            foreach (var m in t.Members)
            {
                w.Text(m);
            }

            w.EndArray();
            w.Name("pool");
            w.Text(t.Pool);
            w.Name("status");
            w.Text(t.Status);
            w.Name("stratum");
            w.Text(t.Stratum);
            w.Name("targetId");
            w.Text(t.TargetId);
            w.EndObject();
        }

        w.EndArray();
        return w.Hex();
    }

    /// <summary>Pool positions: members, pool, position (JCS order).</summary>
    private static string CanonicalPools(IReadOnlyList<PoolPosition> pools)
    {
        using var w = JcsWriter.Hashing();
        w.StartArray();
        foreach (var p in pools)
        {
            w.StartObject();
            w.Name("members");
            w.StartArray();
            foreach (var m in p.Members)
            {
                w.Text(m);
            }

            w.EndArray();
            w.Name("pool");
            w.Text(p.Pool);
            w.Name("position");
            w.Number(p.Position);
            w.EndObject();
        }

        w.EndArray();
        return w.Hex();
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

    internal sealed record RevealPart(string Format, string Nonce, DateTimeOffset RevealedAt, string Entropy, string TargetSeed, string InspectorSeed);
}
