using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;

namespace Samples.Silo.Directory;

public static class LabEndpoints
{
    public static void MapLabEndpoints(this IEndpointRouteBuilder app)
    {
        var labs = app.MapGroup("/api/labs");
        labs.MapGet("/", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key).ListAsync()))
            .RequireAuthorization(Roles.Anyone).Produces<List<LabView>>();
        labs.MapGet("/{id}", GetAsync).RequireAuthorization(Roles.Anyone).Produces<LabView>();
        labs.MapPut("/{id}", DefineAsync).RequireAuthorization(Roles.Supervisors).Produces<LabView>().Produces<LabView>(StatusCodes.Status201Created);
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<ILabGrain>(id.Trim()).GetAsync() is { } lab
            ? Results.Ok(lab)
            : Problems.NotFound($"No lab with id {id} is in the directory.");

    private static async Task<IResult> DefineAsync(string id, DefineLabRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request is null)
        {
            return Problems.Validation("The lab was not saved.", new FieldProblem("body", "a JSON object with name and accreditedCategories is required"));
        }

        if (await CategoryCheck.UnknownAsync(grains, "accreditedCategories", request.AccreditedCategories) is { Count: > 0 } unknown)
        {
            return Problems.Validation("The lab was not saved.", [.. unknown]);
        }

        var grain = grains.GetGrain<ILabGrain>(id.Trim());
        var existed = await grain.GetAsync() is not null;
        var result = await grain.DefineAsync(new DefineLab(
            id, request.Name ?? string.Empty, request.AccreditedCategories ?? [], request.AccreditedItems ?? [], request.MayRetest ?? false, Caller.Describe(user)));
        if (result.Problems.Count > 0)
        {
            return Problems.Validation("The lab was not saved.", [.. result.Problems]);
        }

        return existed ? Results.Ok(result.Lab) : Results.Created($"/api/labs/{id.Trim()}", result.Lab);
    }
}

public sealed record DefineLabRequest(string? Name, IReadOnlyList<string>? AccreditedCategories, IReadOnlyList<string>? AccreditedItems, bool? MayRetest);
