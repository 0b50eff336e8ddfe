using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Reference;
using Samples.Silo.Api;
using Samples.Silo.Catalogue;

namespace Samples.Silo.Plans;

/// <summary>
/// A department's sampling history, which the 6-month rule and inspector recusal read when frames are built. Supervisors
/// load the records from before this system; the sampling workflow adds its own.
/// </summary>
public static class SamplingEndpoints
{
    public static void MapSamplingEndpoints(this IEndpointRouteBuilder app)
    {
        var samplings = app.MapGroup("/api/samplings").RequireAuthorization(Roles.Supervisors);
        samplings.MapPost("/", RecordAsync).Produces<SamplingsRecorded>();
        samplings.MapGet("/", ListAsync).Produces<List<SamplingRecord>>();
    }

    private static async Task<IResult> RecordAsync(SamplingsRequest? request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Department))
        {
            return Problems.Validation("Nothing was recorded.", new FieldProblem("department", "is required: the department as its plans name it"));
        }

        var items = request.Records ?? [];
        var unknown = await CategoryCheck.UnknownAsync(grains, "records[].category", items.Select(r => r.Category));
        if (unknown.Count > 0)
        {
            return Problems.Validation("Nothing was recorded.", [.. unknown]);
        }

        var records = items.Select(r => new SamplingRecord(
            r.BatchId ?? string.Empty,
            r.EnterpriseUscc ?? string.Empty,
            r.Category ?? string.Empty,
            new SameProductKey(r.ProducerUscc ?? r.EnterpriseUscc ?? string.Empty, r.Standard ?? string.Empty, r.Trademark, r.SpecModel).Text,
            r.SampledOn ?? DateOnly.MaxValue,
            r.Inspectors ?? [],
            r.FollowUp ?? false)).ToArray();
        var result = await grains.GetGrain<ISamplingHistoryGrain>(request.Department.Trim())
            .RecordAsync(records, ChinaTime.DateOf(clock.GetUtcNow()), Caller.Describe(user));
        return result.Problems.Count > 0
            ? Problems.Validation("Nothing was recorded.", [.. result.Problems])
            : Results.Ok(new SamplingsRecorded(result.Added, result.AlreadyRecorded));
    }

    private static async Task<IResult> ListAsync(string? department, DateOnly? since, IGrainFactory grains, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(department)
            ? Problems.Validation("Nothing was listed.", new FieldProblem("department", "is required"))
            : Results.Ok(await grains.GetGrain<ISamplingHistoryGrain>(department.Trim()).SinceAsync(since ?? ChinaTime.DateOf(clock.GetUtcNow()).AddYears(-1)));
}

public sealed record SamplingsRequest(string? Department, IReadOnlyList<SamplingRequest>? Records);

/// <summary>One past sampling; the producer defaults to the enterprise (it made what it sold).</summary>
public sealed record SamplingRequest(
    string? BatchId,
    string? EnterpriseUscc,
    string? Category,
    string? ProducerUscc,
    string? Standard,
    string? Trademark,
    string? SpecModel,
    DateOnly? SampledOn,
    IReadOnlyList<string>? Inspectors,
    bool? FollowUp);

/// <summary>How many records a sampling-history upload added, and how many it already held.</summary>
public sealed record SamplingsRecorded(int Added, int AlreadyRecorded);
