using System.Security.Cryptography;
using System.Text;

namespace Samples.Domain.Draws;

/// <summary>
/// The key a draw's nonce is derived from: the draw stores only a random salt, and the nonce is HMAC-SHA256(key, draw id
/// and salt), so someone who can read the database (an operator, a backup) still cannot learn a nonce before its reveal
/// and so cannot foresee the draw. The key lives in a file outside the database (<c>Samples:Draws:NonceKeyFile</c>),
/// made on first start, owner-only; it must be kept (and backed up) with the same care as the database: without it a
/// committed draw cannot be revealed.
/// </summary>
public sealed class NonceKey
{
    private readonly byte[] key;

    public NonceKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("a nonce key is 32 bytes", nameof(key));
        }

        this.key = key;
    }

    /// <summary>The nonce of <paramref name="drawId"/> committed with <paramref name="salt"/> (64 hex characters, as the spec's nonces are).</summary>
    public string Derive(string drawId, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"samples-draw-nonce\n{drawId}\n{salt}")));

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>Reads the key file (64 hex characters), or makes one (owner-only) when there is none yet.</summary>
    /// <exception cref="InvalidOperationException">The file exists but holds no key.</exception>
    public static NonceKey Load(string path)
    {
        if (!File.Exists(path))
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new StreamWriter(new FileStream(path, options));
                file.Write(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo on this machine made it first: read theirs.
            }
        }

        var text = File.ReadAllText(path).Trim();
        try
        {
            return new NonceKey(Convert.FromHexString(text));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidOperationException($"{path} does not hold a draw nonce key (64 hexadecimal characters)", ex);
        }
    }
}
