using Samples.Domain.Audit;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Audit;

/// <summary>The audit trail (supervisors), each task's latest version, and the trail's head: now, and as kept outside the database (public).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", AuditAsync).RequireAuthorization(Roles.Supervisors).Produces<List<AuditRow>>();
        app.MapGet("/api/audit/streams", async (TaskQueries queries, CancellationToken ct) => Results.Ok(await queries.TaskVersionsAsync(ct)))
            .RequireAuthorization(Roles.Supervisors).Produces<List<StreamVersion>>()
            .WithDescription("Each task's latest version: samples audit verify checks that the trail holds every task's last change.");
        app.MapGet("/api/public/audit/head", async (TaskQueries queries, CancellationToken ct) =>
                await queries.AuditHeadAsync(ct) is { } head ? Results.Ok(head) : Problems.NotFound("The audit trail is empty."))
            .AllowAnonymous().Produces<AuditHead>()
            .WithDescription("The audit trail's head, public: anyone may keep it (daily, or with a draw) and later check with samples audit verify --expect-head that the trail before it was not rewritten.");
        app.MapGet("/api/public/audit/heads", async (int? limit, AuditHeadLog heads, CancellationToken ct) =>
                Results.Ok(await heads.RecentAsync(limit ?? AuditHeadLog.MostRecent, ct)))
            .AllowAnonymous().Produces<List<AuditHeadEntry>>()
            .WithDescription("The trail's heads as recorded outside the database, once a day and at every start (Samples:Audit:HeadLogFile), newest first, at most 400 (limit): each seq, sha256, the time of that entry (at) and when it was recorded (recordedAt). samples audit verify --expect-head SHA256 shows whether the trail still holds one.");
    }

    private static async Task<IResult> AuditAsync(long? after, int? limit, TaskQueries queries, CancellationToken ct) =>
        Results.Ok(await queries.AuditAsync(after ?? 0, Math.Clamp(limit ?? 1000, 1, 10000), ct));
}
