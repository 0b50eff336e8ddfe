using Samples.Domain.Draws;

namespace Samples.Domain.Tests.Draw;

public sealed class NonceKeyTests
{
    [Fact]
    public void A_nonce_comes_from_the_key_and_the_salt_so_the_stored_salt_alone_tells_nothing()
    {
        var key = new NonceKey(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var other = new NonceKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var salt = NonceKey.NewSalt();

        key.Derive("P:R1", salt).Should().MatchRegex("^[0-9a-f]{64}$").And.Be(key.Derive("P:R1", salt), "the reveal derives the same nonce");
        other.Derive("P:R1", salt).Should().NotBe(key.Derive("P:R1", salt), "without the key the salt gives another value");
        key.Derive("P:R2", salt).Should().NotBe(key.Derive("P:R1", salt));
    }

    [Fact]
    public void The_key_file_is_made_owner_only_on_first_use_and_read_back_after()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nonce-{Guid.NewGuid():N}", "draw-nonce.key");
        try
        {
            var first = NonceKey.Load(path);
            var again = NonceKey.Load(path);
            again.Derive("D", "s").Should().Be(first.Derive("D", "s"));
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.WriteAllText(path, "not a key");
            FluentActions.Invoking(() => NonceKey.Load(path)).Should().Throw<InvalidOperationException>().WithMessage("*does not hold a draw nonce key*");
        }
        finally
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
