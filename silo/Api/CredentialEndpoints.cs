using System.Security.Claims;
using Samples.Contracts.Access;
using Samples.Contracts.Enterprises;
using Samples.Grains.Access;
using Samples.Silo.Access;

namespace Samples.Silo.Api;

public static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/credentials", CreateAsync).RequireAuthorization(Roles.Admins);
        app.MapGet("/api/whoami", WhoAmI).RequireAuthorization(Roles.AnyCredential);
        app.MapDelete("/api/credentials/{keyId}", RevokeAsync).RequireAuthorization(Roles.Admins);
    }

    private static async Task<IResult> CreateAsync(CreateCredentialRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(request?.Name))
        {
            problems.Add(new("name", "is required: the person or system the credential is for"));
        }

        if (!Role.IsKnown(request?.Role))
        {
            problems.Add(new("role", $"must be one of: {string.Join(", ", Role.All)}"));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("No credential was created.", [.. problems]);
        }

        var token = ApiTokens.Create();
        await grains.GetGrain<IApiKeyGrain>(token.KeyId).CreateAsync(
            new ApiKeyDefinition(request!.Name!.Trim(), request.Role!, token.Salt, token.SecretHash, Caller.Describe(user)));
        var issued = new IssuedCredential(token.KeyId, request.Name.Trim(), request.Role!, token.Token);
        return Results.Created($"/api/credentials/{token.KeyId}", issued);
    }

    /// <summary>Revokes a credential at once (a lost or leaked token); an admin cannot revoke the credential they are using.</summary>
    private static async Task<IResult> RevokeAsync(string keyId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (string.Equals(keyId, user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), StringComparison.Ordinal))
        {
            return Problems.Conflict("This is the credential you are using; revoke it with another admin credential.");
        }

        if (!await grains.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(Caller.Describe(user)))
        {
            return Problems.NotFound($"No credential {keyId}.");
        }

        return Results.NoContent();
    }

    private static IResult WhoAmI(ClaimsPrincipal user) => Results.Ok(new ApiPrincipal(
        user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Name) ?? string.Empty,
        user.FindFirstValue(ClaimTypes.Role) ?? string.Empty));
}

public sealed record CreateCredentialRequest(string? Name, string? Role);
