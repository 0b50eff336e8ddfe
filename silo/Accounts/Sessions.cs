using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Samples.Silo.Accounts;

/// <summary>
/// A login session's cookie and secrets. The cookie holds the user name and a random secret; the account keeps only the
/// secret's SHA-256, so reading the database gives no session. Passwords are hashed by ASP.NET Core Identity's hasher
/// (PBKDF2, salted, versioned), never by hand.
/// </summary>
public static class Sessions
{
    public const string Cookie = "samples_session";

    /// <summary>The header a session sends its CSRF token in, on every request that changes something.</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    public const string CsrfClaim = "samples:csrf";
    public const string SessionClaim = "samples:session";
    public const string MustChangeClaim = "samples:must-change-password";

    private static readonly PasswordHasher<object> Hasher = new();

    /// <summary>A hash made of a password nobody has, checked when the user name is unknown so both answers take as long.</summary>
    private static readonly string Decoy = Hasher.HashPassword(new object(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public static string Hash(string password) => Hasher.HashPassword(new object(), password);

    public static bool Verify(string? hash, string password) =>
        Hasher.VerifyHashedPassword(new object(), hash ?? Decoy, password) != PasswordVerificationResult.Failed && hash is not null;

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string SecretHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    /// <summary>The user name and secret of a cookie value <c>user:secret</c>, or null.</summary>
    public static (string User, string Secret)? Read(string? cookie) =>
        cookie?.Split(':', 2) is [var user, var secret] && user.Length > 0 && secret.Length >= 32 ? (user, secret) : null;

    public static void Set(HttpResponse response, string user, string secret) =>
        response.Cookies.Append(Cookie, $"{user}:{secret}", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            Path = "/",
            MaxAge = Samples.Domain.Accounts.AccountRules.SessionLifetime,
        });

    public static void Clear(HttpResponse response) => response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
}
