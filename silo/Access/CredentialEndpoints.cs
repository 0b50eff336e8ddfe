using System.Security.Claims;
using Samples.Contracts.Access;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Access;
using Samples.Silo.Api;

namespace Samples.Silo.Access;

public static class CredentialEndpoints
{
    public static void MapCredentialEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/credentials", CreateAsync).RequireAuthorization(Roles.Admins).Produces<IssuedCredential>(StatusCodes.Status201Created);
        app.MapGet("/api/whoami", WhoAmI).RequireAuthorization(Roles.AnyCredential).Produces<ApiPrincipal>();
        app.MapDelete("/api/credentials/{keyId}", RevokeAsync).RequireAuthorization(Roles.Admins).Produces(StatusCodes.Status204NoContent);
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

        var subject = request?.Subject?.Trim();
        if (problems.Count == 0)
        {
            problems.AddRange(await SubjectProblemsAsync(request!.Role!, subject, grains));
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("No credential was created.", [.. problems]);
        }

        var token = ApiTokens.Create();
        await grains.GetGrain<IApiKeyGrain>(token.KeyId).CreateAsync(
            new ApiKeyDefinition(request!.Name!.Trim(), request.Role!, token.Salt, token.SecretHash, Caller.Describe(user), subject));
        var issued = new IssuedCredential(token.KeyId, request.Name.Trim(), request.Role!, token.Token, subject);
        return Results.Created($"/api/credentials/{token.KeyId}", issued);
    }

    /// <summary>
    /// An inspector, lab or enterprise credential names the directory entry it acts as (<c>subject</c>: inspector number,
    /// lab id or USCC),
    /// which must exist: object-level rules (whose task, whose sample) compare it, so a credential without one would be
    /// nobody's. The other roles act for nobody in particular and may not name one.
    /// </summary>
    public static async Task<IReadOnlyList<FieldProblem>> SubjectProblemsAsync(string role, string? subject, IGrainFactory grains)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return role switch
            {
                Role.Inspector => [new("subject", "is required for an inspector credential: the inspector number it acts as")],
                Role.Lab => [new("subject", "is required for a lab credential: the lab id it acts as")],
                Role.Enterprise => [new("subject", "is required for an enterprise credential: the USCC it acts for")],
                _ => [],
            };
        }

        return role switch
        {
            Role.Inspector when await grains.GetGrain<IInspectorGrain>(subject).GetAsync() is null =>
                [new("subject", $"no inspector {subject} in the inspector directory")],
            Role.Lab when await grains.GetGrain<ILabGrain>(subject).GetAsync() is null =>
                [new("subject", $"no lab {subject} in the lab directory")],
            Role.Enterprise when await grains.GetGrain<IEnterpriseGrain>(subject).GetAsync() is null =>
                [new("subject", $"no enterprise {subject} in the enterprise directory")],
            Role.Inspector or Role.Lab or Role.Enterprise => [],
            _ => [new("subject", $"only inspector, lab and enterprise credentials act as a directory entry, not {role}")],
        };
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
        user.FindFirstValue(ClaimTypes.Role) ?? string.Empty,
        user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim)));
}

/// <summary>A credential to issue; <see cref="Subject"/> is the inspector number or lab id an inspector or lab credential acts as.</summary>
public sealed record CreateCredentialRequest(string? Name, string? Role, string? Subject);
