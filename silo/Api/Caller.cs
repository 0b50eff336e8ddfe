using System.Security.Claims;
using Samples.Silo.Access;

namespace Samples.Silo.Api;

public static class Caller
{
    /// <summary>How a caller is recorded in histories: the credential's name and key id.</summary>
    public static string Describe(ClaimsPrincipal user) =>
        $"{user.FindFirstValue(ClaimTypes.Name)} ({user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)})";
}
