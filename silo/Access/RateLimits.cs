using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Samples.Silo.Hosting;

namespace Samples.Silo.Access;

/// <summary>
/// Abuse limits (section <c>Samples:RateLimits</c>): each credential, and each client address for callers without a
/// valid credential (the public pages, and anyone guessing tokens or draw ids), has a token bucket; past it the answer is
/// 429 with <c>Retry-After</c>, before any grain or database is touched. The defaults leave a person or a script far
/// below the limit; a burst from one address is cut short.
/// </summary>
public static class RateLimits
{
    public sealed record Settings(int CredentialBurst, int CredentialPerSecond, int AddressBurst, int AddressPerSecond);

    public static IHostApplicationBuilder AddSamplesRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = Read(builder.Configuration);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    detail: $"Too many requests from this {(rejected.HttpContext.User.Identity?.IsAuthenticated == true ? "credential" : "address")}; try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests").ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>One bucket per credential (its key id), or per client address when the caller has no valid credential.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, Settings settings)
    {
        var keyId = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim);
        return keyId is not null
            ? Bucket($"credential:{keyId}", settings.CredentialBurst, settings.CredentialPerSecond)
            : Bucket($"address:{context.Connection.RemoteIpAddress}", settings.AddressBurst, settings.AddressPerSecond);
    }

    private static RateLimitPartition<string> Bucket(string key, int burst, int perSecond) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    public static Settings Read(IConfiguration configuration) => new(
        Number(configuration, "Samples:RateLimits:CredentialBurst", 2000),
        Number(configuration, "Samples:RateLimits:CredentialPerSecond", 500),
        Number(configuration, "Samples:RateLimits:AddressBurst", 200),
        Number(configuration, "Samples:RateLimits:AddressPerSecond", 50));

    private static int Number(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is not { } text ? fallback
        : int.TryParse(text, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1_000_000 ? value
        : throw new SettingsException($"{key} '{text}' is not a whole number between 1 and 1000000.");
}
