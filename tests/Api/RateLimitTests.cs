using System.Net;
using Samples.Silo.Access;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>Abuse limits on a silo with small buckets: a burst from one address or one credential is cut short with 429 and Retry-After; others go on.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_burst_is_answered_429_with_retry_after_per_address_and_per_credential_and_nobody_else_is_slowed()
    {
        var (silo, supervisor) = await ApiFixture.StartIsolatedAsync("limits", new Dictionary<string, string?>
        {
            ["Samples:RateLimits:AddressBurst"] = "20", ["Samples:RateLimits:AddressPerSecond"] = "1",
            ["Samples:RateLimits:CredentialBurst"] = "30", ["Samples:RateLimits:CredentialPerSecond"] = "1",
        });
        await using var _ = silo;
        using var anonymous = silo.Http();
        using var boss = silo.Http(supervisor);
        using var guesser = silo.Http("smp_aaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 60; i++)
        {
            var response = await anonymous.GetAsync("/api/results");
            statuses.Add(response.StatusCode);
            limited ??= response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().BeGreaterThan(30, "20 in the bucket, about one more a second");
        limited!.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.Zero);
        (await guesser.GetAsync("/api/whoami")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a caller without a valid credential shares its address's bucket");

        var own = new List<HttpStatusCode>();
        for (var i = 0; i < 60; i++)
        {
            own.Add((await boss.GetAsync("/api/whoami")).StatusCode);
        }

        own.Take(25).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK), "a credential has a bucket of its own, not its address's");
        own.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Concat(own).Should().NotContain(s => (int)s >= 500);
    }
}
