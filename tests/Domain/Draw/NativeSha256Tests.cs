using System.Security.Cryptography;
using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>libcrypto's low-level SHA-256 (the tickets' hash where it loads) gives .NET's digests, from a copied prefix state too.</summary>
public sealed class NativeSha256Tests
{
    [Fact]
    public void Loads_on_linux()
    {
        // The project runs on Debian, where .NET itself uses libcrypto.so.3: the fast path must not silently fall back there.
        Assert.Equal(OperatingSystem.IsLinux(), NativeSha256.Available);
    }

    [Fact]
    public void Every_length_hashes_as_dotnet_does()
    {
        var random = new Random(22);
        foreach (var length in Enumerable.Range(0, 300).Concat([1000, 4095, 4096, 4097, 10_000]))
        {
            var data = new byte[length];
            random.NextBytes(data);
            var expected = SHA256.HashData(data);
            var viaHashing = new byte[32];
            var viaManaged = new byte[32];
            Hashing.Bytes(data, viaHashing);
            Hashing.Managed(data, viaManaged);
            Assert.Equal(expected, viaHashing);
            Assert.Equal(expected, viaManaged);
        }
    }

    [Theory]
    [InlineData("ENT|91630100000000000A|c")]
    [InlineData("")]
    [InlineData("企业|统一社会信用代码|名称很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长")]
    public void Tickets_from_the_prefix_state_are_the_hash_of_prefix_and_id(string id)
    {
        // A seed's hex (one whole block), and a prefix that ends inside a block.
        foreach (var prefix in new[] { Tickets.Sha256Hex("seed"), "short-prefix" })
        {
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(prefix + id));
            using var hasher = new TicketHasher(prefix);
            var fromText = new byte[32];
            var fromBytes = new byte[32];
            hasher.Hash(id, fromText);
            hasher.Hash(Encoding.UTF8.GetBytes(id), fromBytes);
            Assert.Equal(expected, fromText);
            Assert.Equal(expected, fromBytes);

            // The same hasher again: the prefix state is copied, never advanced.
            hasher.Hash(id, fromText);
            Assert.Equal(expected, fromText);
        }
    }
}
