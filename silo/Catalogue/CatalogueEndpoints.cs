using System.Security.Claims;
using System.Text.Json;
using Samples.Contracts.Catalogue;
using Samples.Contracts.Common;
using Samples.Domain.Catalogue;
using Samples.Silo.Api;

namespace Samples.Silo.Catalogue;

public static class CatalogueEndpoints
{
    public static void MapCatalogueEndpoints(this IEndpointRouteBuilder app)
    {
        var catalogue = app.MapGroup("/api/catalogue");
        catalogue.MapGet("/", GetAsync).RequireAuthorization(Roles.Anyone)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").WithDescription("The catalogue version as JSON, in the format catalogue upload reads.");
        catalogue.MapGet("/versions", async (IGrainFactory grains) => Results.Ok(await Grain(grains).VersionsAsync())).RequireAuthorization(Roles.Anyone)
            .Produces<List<CatalogueVersionInfo>>();
        catalogue.MapPost("/", UploadAsync).RequireAuthorization(Roles.Admins).Produces(StatusCodes.Status201Created, contentType: "application/json");
        catalogue.MapPost("/verdicts", VerdictAsync).RequireAuthorization(Roles.Anyone).Accepts<VerdictRequest>("application/json").Produces<BatchVerdict>()
            .Produces(StatusCodes.Status200OK, contentType: "application/json").WithDescription("The verdict of a set of measurements against the catalogue in force: per item, with the limit and the reason.");
    }

    private static ICatalogueGrain Grain(IGrainFactory grains) => grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key);

    private static async Task<IResult> GetAsync(int? version, IGrainFactory grains) =>
        await Grain(grains).GetJsonAsync(version) is { } json
            ? Results.Text(json, "application/json")
            : Problems.NotFound($"There is no catalogue version {version}.");

    /// <summary>A new catalogue version, as the JSON document itself (format: domain/Catalogue/README.md).</summary>
    private static async Task<IResult> UploadAsync(HttpRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync();
        var result = await Grain(grains).UploadAsync(json, Caller.Describe(user));
        return result.Version is { } version
            ? Results.Created($"/api/catalogue?version={version}", new { version })
            : Problems.Validation("The catalogue was not stored.", [.. result.Problems.Select(p => new FieldProblem("catalogue", p))]);
    }

    /// <summary>Checks results against the catalogue in force: the verdict per item and for the batch, with reasons.</summary>
    private static async Task<IResult> VerdictAsync(HttpRequest request, IGrainFactory grains)
    {
        VerdictRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<VerdictRequest>(request.Body, CatalogueJson.Options);
        }
        catch (JsonException e)
        {
            return Problems.Validation("No verdict.", new FieldProblem(e.Path ?? "body", e.Message));
        }

        if (body?.Category is null)
        {
            return Problems.Validation("No verdict.", new FieldProblem("category", "is required"));
        }

        var catalogue = CatalogueLoader.Parse((await Grain(grains).GetJsonAsync(null))!).Catalogue!;
        var sample = new SampleDescription
        {
            Variants = body.Variants ?? new Dictionary<string, string>(),
            Properties = body.Properties ?? new Dictionary<string, decimal>(),
        };
        var verdict = VerdictEngine.Evaluate(catalogue, body.Category, sample, body.Results ?? new Dictionary<string, Measurement>());
        return Results.Text(JsonSerializer.Serialize(verdict, CatalogueJson.Options), "application/json");
    }
}

public sealed record VerdictRequest(
    string? Category,
    Dictionary<string, string>? Variants,
    Dictionary<string, decimal>? Properties,
    Dictionary<string, Measurement>? Results);
