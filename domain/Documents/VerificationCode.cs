using System.Security.Cryptography;

namespace Samples.Domain.Documents;

/// <summary>
/// The short code printed under a document's QR code, e.g. <c>7K3M-Q9XD-2PWA</c>: 60 random bits in Crockford's base32
/// (no I, L, O, U), so it is read aloud and typed without confusion and cannot be guessed. Whoever holds the paper holds
/// the code, and only they can open what the system holds for it.
/// </summary>
public static class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int Length = 12;

    public static string New()
    {
        Span<byte> random = stackalloc byte[Length];
        RandomNumberGenerator.Fill(random);
        var chars = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[random[i] & 31];
        }

        return Format(new string(chars));
    }

    /// <summary>The code in its printed form, or null when <paramref name="typed"/> is not one (case, spaces, dashes and the look-alikes I/L→1, O→0 forgiven).</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var chars = new List<char>(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            var d = c switch { 'I' or 'L' => '1', 'O' => '0', _ => c };
            if (d is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(d, StringComparison.Ordinal))
            {
                return null;
            }

            chars.Add(d);
        }

        return chars.Count == Length ? Format(new string([.. chars])) : null;
    }

    private static string Format(string s) => $"{s[..4]}-{s[4..8]}-{s[8..]}";
}
