using System.Security.Cryptography;
using System.Text;

namespace Samples.Domain.Access;

/// <summary>
/// API tokens look like <c>smp_KEYID.SECRET</c>: the key id names the credential (and its grain), the
/// secret proves possession. Secrets are 256 random bits, so one salted SHA-256 is enough to store
/// them safely (a slow password hash protects guessable secrets; these are not guessable).
/// </summary>
public static class ApiTokens
{
    public const string Prefix = "smp_";
    private const string KeyIdAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int KeyIdLength = 12;

    public static NewApiToken Create()
    {
        var keyId = RandomNumberGenerator.GetString(KeyIdAlphabet, KeyIdLength);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        return new NewApiToken(keyId, $"{Prefix}{keyId}.{secret}", salt, Hash(salt, secret));
    }

    /// <summary>Splits a token into key id and secret; false when it is not shaped like one of ours.</summary>
    public static bool TryParse(string? token, out string keyId, out string secret)
    {
        keyId = secret = string.Empty;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= Prefix.Length || dot == token.Length - 1)
        {
            return false;
        }

        keyId = token[Prefix.Length..dot];
        secret = token[(dot + 1)..];
        // Exactly the shape Create makes: anything else is refused before a grain is activated for it.
        return keyId.Length == KeyIdLength && keyId.All(c => KeyIdAlphabet.Contains(c, StringComparison.Ordinal));
    }

    public static byte[] Hash(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    public static bool Matches(byte[] salt, byte[] expectedHash, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(salt, secret), expectedHash);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A freshly made token: <see cref="Token"/> goes to the person once, the rest is stored.</summary>
public sealed record NewApiToken(string KeyId, string Token, byte[] Salt, byte[] SecretHash);
