using Samples.Domain.Access;

namespace Samples.Domain.Tests.Access;

public sealed class ApiTokensTests
{
    [Fact]
    public void A_new_token_parses_back_and_its_secret_matches_the_stored_hash()
    {
        var token = ApiTokens.Create();

        ApiTokens.TryParse(token.Token, out var keyId, out var secret).Should().BeTrue();
        keyId.Should().Be(token.KeyId);
        ApiTokens.Matches(token.Salt, token.SecretHash, secret).Should().BeTrue();
        token.Token.Should().NotContain(Convert.ToHexString(token.SecretHash), "only the hash is stored, never the token");
    }

    [Fact]
    public void A_different_secret_does_not_match()
    {
        var token = ApiTokens.Create();

        ApiTokens.Matches(token.Salt, token.SecretHash, "not-the-secret").Should().BeFalse();
    }

    [Fact]
    public void Two_tokens_never_share_key_id_salt_or_secret()
    {
        var a = ApiTokens.Create();
        var b = ApiTokens.Create();

        a.KeyId.Should().NotBe(b.KeyId);
        a.Salt.Should().NotEqual(b.Salt);
        a.Token.Should().NotBe(b.Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("smp_")]
    [InlineData("smp_abc")]
    [InlineData("smp_.secret")]
    [InlineData("smp_abc.")]
    [InlineData("xyz_abc.secret")]
    [InlineData("smp_ABC.secret")]
    public void Malformed_tokens_do_not_parse(string? token) =>
        ApiTokens.TryParse(token, out _, out _).Should().BeFalse();
}
