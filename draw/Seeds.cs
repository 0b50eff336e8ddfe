using System.Text;

namespace Samples.Draw;

/// <summary>Section 3 of draw/spec/draw-spec.md: the entropy from the revealed nonce and the outside contributions, and the domain-separated seeds.</summary>
public static class Seeds
{
    /// <summary>The algorithm id written into every commitment.</summary>
    public const string AlgorithmId = "ssj-consistent-v1";

    /// <summary>entropy = sha256_hex(nonce_hex + "|" + c1 + "|" + c2 …), contributions in recorded order; with none, sha256_hex(nonce_hex).</summary>
    public static string Entropy(string nonceHex, IEnumerable<string> contributions)
    {
        var text = new StringBuilder(nonceHex);
        foreach (var contribution in contributions)
        {
            text.Append('|').Append(contribution);
        }

        return Tickets.Sha256Hex(text.ToString());
    }

    /// <summary>"SSJ-v1|targets|" + draw_id + "|" + frame_sha256 + "|" + entropy.</summary>
    public static string Targets(string drawId, string targetFrameSha256, string entropy) =>
        $"SSJ-v1|targets|{drawId}|{targetFrameSha256}|{entropy}";

    /// <summary>"SSJ-v1|inspectors|" + draw_id + "|" + inspector_frame_sha256 + "|" + entropy.</summary>
    public static string Inspectors(string drawId, string inspectorFrameSha256, string entropy) =>
        $"SSJ-v1|inspectors|{drawId}|{inspectorFrameSha256}|{entropy}";

    /// <summary>A pool's stream seed: seed_inspectors + "|" + pool key (region|category).</summary>
    public static string Pool(string inspectorSeed, string poolKey) => $"{inspectorSeed}|{poolKey}";

    /// <summary>
    /// What the commitment publishes of the nonce: the lowercase hex SHA-256 of the nonce's 32 bytes
    /// (not of its hex text). The nonce itself is revealed as 64 lowercase hex characters.
    /// </summary>
    public static string NonceCommitment(string nonceHex)
    {
        if (!IsNonce(nonceHex))
        {
            throw new ArgumentException("the nonce is 64 lowercase hex characters (32 bytes)", nameof(nonceHex));
        }

        return Tickets.Sha256Hex(Convert.FromHexString(nonceHex));
    }

    public static bool IsNonce(string nonceHex) =>
        nonceHex.Length == 64 && nonceHex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
