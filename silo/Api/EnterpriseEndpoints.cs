using System.Security.Claims;
using Samples.Contracts.Enterprises;
using Samples.Grains.Enterprises;

namespace Samples.Silo.Api;

public static class EnterpriseEndpoints
{
    public static void MapEnterpriseEndpoints(this IEndpointRouteBuilder app)
    {
        var enterprises = app.MapGroup("/api/enterprises");
        enterprises.MapPost("/", RegisterAsync).RequireAuthorization(Roles.Supervisors);
        enterprises.MapGet("/{uscc}", GetAsync).RequireAuthorization(Roles.Anyone);
    }

    private static async Task<IResult> RegisterAsync(RegisterEnterpriseRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request is null)
        {
            return Problems.Validation("The enterprise was not registered.", new FieldProblem("body", "a JSON object with uscc and name is required"));
        }

        // A code that is not even 18 allowed characters cannot name a grain: answer before activating one.
        var check = Uscc.Validate(request.Uscc);
        if (!check.IsValid && !check.Overridable)
        {
            return Problems.Validation("The enterprise was not registered.", new FieldProblem("uscc", check.Problem!));
        }

        var result = await grains.GetGrain<IEnterpriseGrain>(check.Code).RegisterAsync(new RegisterEnterprise(
            check.Code, request.Name ?? string.Empty, request.Address, request.RegionCode, request.UsccOverrideReason, Caller.Describe(user)));
        return result.Status switch
        {
            EnterpriseRegistrationStatus.Registered => Results.Created($"/api/enterprises/{check.Code}", result.Enterprise),
            EnterpriseRegistrationStatus.AlreadyRegistered => Results.Ok(result.Enterprise),
            EnterpriseRegistrationStatus.Conflict => Problems.Conflict($"Enterprise {check.Code} is already registered with different data; nothing was changed."),
            _ => Problems.Validation("The enterprise was not registered.", [.. result.Problems]),
        };
    }

    private static async Task<IResult> GetAsync(string uscc, IGrainFactory grains)
    {
        var check = Uscc.Validate(uscc);
        if (!check.IsValid && !check.Overridable)
        {
            return Problems.Validation("Not a Unified Social Credit Code.", new FieldProblem("uscc", check.Problem!));
        }

        var enterprise = await grains.GetGrain<IEnterpriseGrain>(check.Code).GetAsync();
        return enterprise is null
            ? Problems.NotFound($"No enterprise with USCC {check.Code} is registered.")
            : Results.Ok(enterprise);
    }
}

/// <summary>The JSON body of a registration; every field is optional here so that missing ones get a named error.</summary>
public sealed record RegisterEnterpriseRequest(
    string? Uscc,
    string? Name,
    string? Address,
    string? RegionCode,
    string? UsccOverrideReason);
