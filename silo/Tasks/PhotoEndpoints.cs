using System.Security.Claims;
using Samples.Contracts.Access;
using Samples.Contracts.Common;
using Samples.Contracts.Tasks;
using Samples.Domain.Tasks;
using Samples.Silo.Api;

namespace Samples.Silo.Tasks;

/// <summary>
/// A task's files: <c>PUT /api/tasks/{id}/photos/{sha256}?kind=label|sample|seals</c> with the image as the body (an
/// inspector of the task's team, before the sampling is recorded), or <c>kind=rectification</c> (the enterprise's
/// evidence, a photo or a PDF, once rectification was ordered). The path names the bytes' SHA-256, so a retry is
/// harmless and a changed byte is refused. <c>GET</c> of the same path for whoever may read the task.
/// </summary>
public static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/tasks/{taskId}/photos/{sha256}", UploadAsync).RequireAuthorization(Roles.TaskReaders)
            .WithDescription("The body is the file itself (Content-Type image/jpeg, image/png or image/webp, or application/pdf for rectification evidence; at most 2 MiB); the path names its SHA-256. Sampling photos (kind label, sample, seals): an inspector of the team before sampling is recorded. Rectification evidence (kind rectification): the enterprise, once rectification was ordered.")
            .Produces<PhotoRef>();
        app.MapGet("/api/tasks/{taskId}/photos/{sha256}", DownloadAsync).RequireAuthorization(Roles.TaskReaders)
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg");
    }

    private static async Task<IResult> UploadAsync(string taskId, string sha256, string? kind, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, TaskPhotos photos, TimeProvider clock)
    {
        if (kind is null || !PhotoRef.Kinds.Contains(kind))
        {
            return Problems.Validation("The photo was not stored.", new FieldProblem("kind", $"one of: {string.Join(", ", PhotoRef.Kinds)}"));
        }

        if (!Photos.IsSha256(sha256))
        {
            return Problems.Validation("The photo was not stored.", new FieldProblem("sha256", "64 hexadecimal characters: the SHA-256 of the photo's bytes"));
        }

        if (http.ContentLength > PhotoRef.MaxBytes)
        {
            return Problems.Validation("The photo was not stored.", new FieldProblem("body", $"a photo is at most {PhotoRef.MaxBytes} bytes"));
        }

        var task = await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync();
        var actor = TaskEndpoints.ActorOf(user);
        if (task is null || !TaskAccess.MayRead(task, actor.Role, actor.Subject))
        {
            return Problems.NotFound($"No task {taskId} of yours.");
        }

        if (WhyNot(task, actor, kind) is { } refusal)
        {
            return refusal;
        }

        var bytes = await ReadAsync(http, http.HttpContext.RequestAborted);
        var problem = bytes is null ? $"a photo is at most {PhotoRef.MaxBytes} bytes" : Photos.Problem(sha256, bytes, http.ContentType, kind);
        if (problem is not null)
        {
            return Problems.Validation("The photo was not stored.", new FieldProblem("body", problem));
        }

        var key = sha256.ToLowerInvariant();
        await photos.StoreAsync(taskId, key, kind, Photos.MediaType(http.ContentType)!, bytes!, Caller.Describe(user), clock.GetUtcNow(), http.HttpContext.RequestAborted);
        return Results.Ok(new PhotoRef(kind, key, bytes!.LongLength));
    }

    /// <summary>Sampling photos come from the team before sampling; rectification evidence from the enterprise once ordered.</summary>
    private static IResult? WhyNot(TaskView task, TaskActor actor, string kind)
    {
        if (kind == PhotoRef.Rectification)
        {
            if (actor.Role != Role.Enterprise || actor.Subject != task.Uscc)
            {
                return Results.Problem(detail: "Only the enterprise adds evidence of its rectification.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
            }

            return task.Disposal is { OrderedOn: not null, RectifiedOn: null }
                ? null
                : Problems.Conflict("Evidence of rectification is added once rectification was ordered, until it is recorded as done.");
        }

        if (actor.Role != Role.Inspector || !task.IsMember(actor.Subject))
        {
            return Results.Problem(detail: "Only an inspector of the task's team adds photos.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return task.Stage is TaskStage.Assigned or TaskStage.Accepted
            ? null
            : Problems.Conflict($"The task is {task.Stage}: photos are added before the sampling is recorded.");
    }

    private static async Task<IResult> DownloadAsync(string taskId, string sha256, ClaimsPrincipal user, IGrainFactory grains, TaskPhotos photos, CancellationToken ct)
    {
        var task = await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync();
        var actor = TaskEndpoints.ActorOf(user);
        if (task is null || !TaskAccess.MayRead(task, actor.Role, actor.Subject) || !Photos.IsSha256(sha256))
        {
            return Problems.NotFound($"No photo {sha256} of a task of yours.");
        }

        var photo = await photos.FindAsync(taskId, sha256.ToLowerInvariant(), ct);
        return photo is null ? Problems.NotFound($"No photo {sha256} on task {taskId}.") : Results.File(photo.Bytes, photo.ContentType);
    }

    /// <summary>The body, or null when it is longer than a photo may be (read no further than that).</summary>
    private static async Task<byte[]?> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > PhotoRef.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
