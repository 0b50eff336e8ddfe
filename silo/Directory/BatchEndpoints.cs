using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;

namespace Samples.Silo.Directory;

public static class BatchEndpoints
{
    public static void MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/batches");
        batches.MapPut("/{**batchId}", DefineAsync).RequireAuthorization(Roles.Anyone).Produces<BatchView>().Produces<BatchView>(StatusCodes.Status201Created);
        batches.MapGet("/{**batchId}", GetAsync).RequireAuthorization(Roles.Anyone).Produces<BatchView>();
    }

    private static async Task<IResult> GetAsync(string batchId, IGrainFactory grains) =>
        await grains.GetGrain<IProductBatchGrain>(batchId.Trim()).GetAsync() is { } batch
            ? Results.Ok(batch)
            : Problems.NotFound($"No batch {batchId} is recorded.");

    /// <summary>Records a batch (inspectors record what they sampled); the same data again is a 200, different data a 409.</summary>
    private static async Task<IResult> DefineAsync(string batchId, BatchRequest? request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request is null)
        {
            return Problems.Validation("The batch was not recorded.", new FieldProblem("body", "a JSON batch is required"));
        }

        var unknown = await CategoryCheck.UnknownAsync(grains, "category", request.Category is null ? [] : [request.Category]);
        if (unknown.Count > 0)
        {
            return Problems.Validation("The batch was not recorded.", [.. unknown]);
        }

        var result = await grains.GetGrain<IProductBatchGrain>(batchId.Trim()).DefineAsync(new DefineBatch(
            batchId, request.EnterpriseUscc ?? string.Empty, request.ProducerUscc ?? string.Empty, request.Category ?? string.Empty,
            request.ProductName ?? string.Empty, request.Trademark, request.SpecModel, request.Standard ?? string.Empty,
            request.BatchNumber ?? string.Empty, request.ProductionDate, Caller.Describe(user)));
        return result switch
        {
            { Problems: [{ Field: "batchId" } conflict], Batch: not null } => Problems.Conflict(conflict.Message),
            { Problems.Count: > 0 } => Problems.Validation("The batch was not recorded.", [.. result.Problems]),
            { Changed: true } => Results.Created($"/api/batches/{batchId.Trim()}", result.Batch),
            _ => Results.Ok(result.Batch),
        };
    }
}

public sealed record BatchRequest(
    string? EnterpriseUscc,
    string? ProducerUscc,
    string? Category,
    string? ProductName,
    string? Trademark,
    string? SpecModel,
    string? Standard,
    string? BatchNumber,
    DateOnly? ProductionDate);
