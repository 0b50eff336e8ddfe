using Samples.Silo.Tasks;

namespace Samples.Silo.Publication;

/// <summary>The public results list (一公开), without a credential, read from the task board.</summary>
public static class PublicationEndpoints
{
    public static void MapPublicationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/results", (int? limit, TaskQueries queries, CancellationToken ct) => PublishedAsync(limit, queries, ct)).AllowAnonymous().Produces<List<PublishedResult>>();

    /// <summary>Published results: enterprise, product category, batch, outcome, when concluded and published, and whether publication was late.</summary>
    private static async Task<IResult> PublishedAsync(int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok((await queries.PublishedAsync(Math.Clamp(limit ?? 500, 1, 5000), ct)).Select(r =>
            new PublishedResult(r.TaskId, r.Uscc, r.Category, r.Region, r.BatchId, r.Outcome, r.ConcludedOn, r.PublishedOn, r.PublicationDue, r.PublishedLate)));
}

/// <summary>One line of the public results list (一公开).</summary>
public sealed record PublishedResult(
    string TaskId, string Enterprise, string Category, string Region, string? BatchId, string? Outcome, DateOnly? ConcludedOn, DateOnly? PublishedOn,
    DateOnly? PublicationDue, bool Late);
