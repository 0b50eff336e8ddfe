using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Samples.Contracts.Access;
using Samples.Contracts.Accounts;
using Samples.Domain.Accounts;
using Samples.Silo.Accounts;
using Samples.Domain.Access;
using Samples.Silo.Api;

namespace Samples.Silo.Access;

/// <summary>
/// Turns <c>Authorization: Bearer smp_KEYID.SECRET</c> (or <c>X-Api-Key</c>) into a principal with one
/// role, checked against the credential's grain. 401 and 403 answer with a JSON problem body that says
/// what was wrong.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IGrainFactory grains,
    UnknownKeyIds unknown) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "samples:key-id";

    /// <summary>The inspector number or lab id an inspector or lab credential acts as.</summary>
    public const string SubjectClaim = "samples:subject";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, refusal) = ReadToken();
        if (refusal is not null)
        {
            return AuthenticateResult.Fail(refusal);
        }

        if (token is null)
        {
            return Request.Cookies.TryGetValue(Sessions.Cookie, out var cookie) ? await SessionAsync(cookie) : AuthenticateResult.NoResult();
        }

        if (!ApiTokens.TryParse(token, out var keyId, out var secret))
        {
            return AuthenticateResult.Fail("The credential is not a Samples API token (expected smp_KEYID.SECRET).");
        }

        if (unknown.Contains(keyId))
        {
            return AuthenticateResult.Fail("The credential is unknown or revoked.");
        }

        var key = grains.GetGrain<IApiKeyGrain>(keyId);
        var principal = await key.AuthenticateAsync(secret);
        if (principal is null)
        {
            // A key id never issued is remembered for a while, so guessing costs no grain and no database read; a wrong
            // secret for a real key is not (that would lock its owner out).
            if (!await key.ExistsAsync())
            {
                unknown.Add(keyId);
            }

            return AuthenticateResult.Fail("The credential is unknown or revoked.");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, principal.KeyId),
            new Claim(KeyIdClaim, principal.KeyId),
            new Claim(ClaimTypes.Name, principal.Name),
            new Claim(ClaimTypes.Role, principal.Role),
        ];
        if (principal.Subject is { } subject)
        {
            claims.Add(new Claim(SubjectClaim, subject));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// A person's login session (the cookie). A request that changes something must also send the session's CSRF token
    /// in <see cref="Sessions.CsrfHeader"/>: another site can make a browser send the cookie, never the header.
    /// </summary>
    private async Task<AuthenticateResult> SessionAsync(string cookie)
    {
        if (Sessions.Read(cookie) is not { } read || AccountRules.Key(read.User) is not { } user)
        {
            return AuthenticateResult.Fail("The session cookie is not a Samples session: log in again.");
        }

        var hash = Sessions.SecretHash(read.Secret);
        if (await grains.GetGrain<IUserAccountGrain>(user).SessionAsync(hash) is not { } session)
        {
            return AuthenticateResult.Fail("The session has ended: log in again.");
        }

        if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method) && !HttpMethods.IsOptions(Request.Method)
            && !string.Equals(Request.Headers[Sessions.CsrfHeader], session.CsrfToken, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail($"A change made with a login session needs the session's CSRF token in the {Sessions.CsrfHeader} header.");
        }

        List<Claim> claims =
        [
            new Claim(ClaimTypes.NameIdentifier, $"user:{user}"),
            new Claim(KeyIdClaim, $"user:{user}"),
            new Claim(ClaimTypes.Name, session.Name),
            new Claim(ClaimTypes.Role, session.Role),
            new Claim(Sessions.CsrfClaim, session.CsrfToken),
            new Claim(Sessions.SessionClaim, hash),
        ];
        if (session.Subject is { } subject)
        {
            claims.Add(new Claim(SubjectClaim, subject));
        }

        if (session.MustChangePassword)
        {
            claims.Add(new Claim(Sessions.MustChangeClaim, "true"));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            failure ?? "This call needs a credential: send 'Authorization: Bearer smp_KEYID.SECRET'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        var allowed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Roles).Where(r => !string.IsNullOrEmpty(r)).LastOrDefault();
        var detail = allowed is null
            ? $"Role '{role}' may not do this."
            : $"Role '{role}' may not do this; it needs one of: {allowed.Replace(",", ", ", StringComparison.Ordinal)}.";
        return WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", detail);
    }

    /// <summary>
    /// The token of <c>Authorization: Bearer …</c> or <c>X-Api-Key</c>. Any other scheme (<c>Basic</c>, a bare token) is
    /// refused rather than read as a token: a client that sends it has a mistake worth hearing about, and a proxy or
    /// browser treats those schemes differently (Basic credentials are cached and replayed).
    /// </summary>
    private (string? Token, string? Refusal) ReadToken()
    {
        string? header = Request.Headers.Authorization;
        if (!string.IsNullOrWhiteSpace(header))
        {
            var value = header.Trim();
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var scheme = space < 0 ? null : value[..space];
            if (string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                return (value[(space + 1)..].Trim(), null);
            }

            // Name the scheme only when it looks like one: a bare token must not be echoed (failures are logged).
            var named = scheme is { Length: <= 20 } && scheme.All(char.IsAsciiLetter) ? $"The '{scheme}' scheme" : "An Authorization header without the Bearer scheme";
            return (null, $"{named} carries no Samples token: send 'Authorization: Bearer smp_KEYID.SECRET' (or the header 'X-Api-Key: smp_KEYID.SECRET').");
        }

        string? apiKey = Request.Headers["X-Api-Key"];
        return (string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim(), null);
    }

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Instance = Request.Path };
        return Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }
}
