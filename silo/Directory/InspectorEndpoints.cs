using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;

namespace Samples.Silo.Directory;

public static class InspectorEndpoints
{
    public static void MapInspectorEndpoints(this IEndpointRouteBuilder app)
    {
        var inspectors = app.MapGroup("/api/inspectors");
        inspectors.MapGet("/", ListAsync).RequireAuthorization(Roles.Supervisors).Produces<List<InspectorView>>();
        inspectors.MapGet("/{number}", GetAsync).RequireAuthorization(Roles.Anyone).Produces<InspectorView>();
        inspectors.MapPut("/{number}", DefineAsync).RequireAuthorization(Roles.Supervisors).Produces<InspectorView>().Produces<InspectorView>(StatusCodes.Status201Created);
        inspectors.MapPost("/{number}/conflicts", DeclareConflictAsync).RequireAuthorization(Roles.Supervisors).Produces<InspectorView>();
        inspectors.MapPost("/{number}/inspections", RecordInspectionAsync).RequireAuthorization(Roles.Supervisors).Produces<InspectorView>();
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync());

    private static async Task<IResult> GetAsync(string number, IGrainFactory grains) =>
        await grains.GetGrain<IInspectorGrain>(number.Trim()).GetAsync() is { } inspector
            ? Results.Ok(inspector)
            : Problems.NotFound($"No inspector numbered {number} is in the directory.");

    private static async Task<IResult> DefineAsync(string number, DefineInspectorRequest? request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        if (request is null)
        {
            return Problems.Validation("The inspector was not saved.", new FieldProblem("body", "a JSON object with name, unit, regionCode, qualifiedCategories is required"));
        }

        var unknown = await CategoryCheck.UnknownAsync(grains, "qualifiedCategories", request.QualifiedCategories);
        unknown.AddRange(RegionCheck.Problems(request.RegionCode, clock, provinceAllowed: true));
        if (unknown.Count > 0)
        {
            return Problems.Validation("The inspector was not saved.", [.. unknown]);
        }

        var grain = grains.GetGrain<IInspectorGrain>(number.Trim());
        var existed = await grain.GetAsync() is not null;
        var result = await grain.DefineAsync(new DefineInspector(
            number, request.Name ?? string.Empty, request.Unit ?? string.Empty, request.RegionCode ?? string.Empty,
            request.QualifiedCategories ?? [], request.OnLeave ?? false, request.MaxOpenTasks ?? 5, Caller.Describe(user)));
        if (result.Problems.Count > 0)
        {
            return Problems.Validation("The inspector was not saved.", [.. result.Problems]);
        }

        return existed ? Results.Ok(result.Inspector) : Results.Created($"/api/inspectors/{number.Trim()}", result.Inspector);
    }

    private static async Task<IResult> DeclareConflictAsync(string number, DeclareConflictRequest? request, ClaimsPrincipal user, IGrainFactory grains) =>
        Answer(await grains.GetGrain<IInspectorGrain>(number.Trim())
            .DeclareConflictAsync(new DeclareConflict(request?.Uscc ?? string.Empty, request?.Reason ?? string.Empty, Caller.Describe(user))), number);

    private static async Task<IResult> RecordInspectionAsync(string number, RecordInspectionRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request?.Date is not { } date)
        {
            return Problems.Validation("The inspection was not recorded.", new FieldProblem("date", "is required, as yyyy-MM-dd"));
        }

        return Answer(await grains.GetGrain<IInspectorGrain>(number.Trim())
            .RecordInspectionAsync(new RecordInspection(request.Uscc ?? string.Empty, date, Caller.Describe(user))), number);
    }

    private static IResult Answer(InspectorResult result, string number) => result switch
    {
        { Problems: [{ Field: "number" } only] } => Problems.NotFound(only.Message),
        { Problems.Count: > 0 } => Problems.Validation("Nothing was changed.", [.. result.Problems]),
        _ => Results.Ok(result.Inspector),
    };
}

public sealed record DefineInspectorRequest(
    string? Name, string? Unit, string? RegionCode, IReadOnlyList<string>? QualifiedCategories, bool? OnLeave, int? MaxOpenTasks);

public sealed record DeclareConflictRequest(string? Uscc, string? Reason);

public sealed record RecordInspectionRequest(string? Uscc, DateOnly? Date);
