using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Contracts.Tasks;
using Samples.Domain.Documents;
using Samples.Domain.Tasks;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Documents;

/// <summary>
/// A task's official documents: <c>POST /api/tasks/{id}/documents/{kind}</c> issues one (or answers the version in force
/// when nothing changed), <c>GET</c> lists them and serves each version's PDF to whoever may read the task. The public
/// <c>/api/verify/{code}</c> shows what the system holds for a document's short code, and <c>/api/verify/files/{sha256}</c>
/// whether a file is exactly a document issued here.
/// </summary>
public static class DocumentEndpoints
{
    private const int MaxReason = 500;

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/tasks/{taskId}/documents").RequireAuthorization(Roles.TaskReaders);
        documents.MapGet(string.Empty, ListAsync).Produces<List<DocumentInfo>>();
        documents.MapPost("/{kind}", IssueAsync).RequireAuthorization(Roles.Anyone).Produces<DocumentInfo>().Produces<DocumentInfo>(StatusCodes.Status201Created)
            .WithDescription("Issues the document of this kind (sampling-record, test-report, result-notice, disposal-notice, result-sheet) from the task as it stands. The same facts again answer the version in force (200); changed facts issue a new version that replaces it (201) and need a reason. Supervisors issue every kind, the team's inspectors the sampling record, the task's lab its test report.");
        documents.MapGet("/{kind}/{version:int}/pdf", PdfAsync).Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        var verify = app.MapGroup("/api/verify").AllowAnonymous();
        verify.MapGet("/{code}", VerifyAsync).Produces<VerifiedDocument>()
            .WithDescription("What the system holds for the document whose QR code or short code this is: every figure it printed, the SHA-256 of its content and of its PDF, and whether a later version replaced it.");
        verify.MapGet("/{code}/pdf", VerifyPdfAsync).Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        verify.MapGet("/files/{sha256}", ByFileAsync).Produces<VerifiedDocument>()
            .WithDescription("Whether a file whose SHA-256 this is was issued here, byte for byte (a changed copy is not found).");

        // The address printed in every QR code: the web app's verify page.
        app.MapGet("/verify/{code}", (string code) => Results.Redirect($"/app/#/verify/{Uri.EscapeDataString(code)}")).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> ListAsync(string taskId, ClaimsPrincipal user, IGrainFactory grains, DocumentStore store, CancellationToken ct)
    {
        if (await ReadableAsync(taskId, user, grains) is null)
        {
            return Problems.NotFound($"No task {taskId} of yours.");
        }

        return Results.Ok((await store.ListAsync(taskId, ct)).Select(DocumentInfo.Of).ToList());
    }

    private static async Task<IResult> IssueAsync(string taskId, string kind, IssueDocument? body, HttpRequest http, ClaimsPrincipal user, IGrainFactory grains, DocumentIssuer issuer, CancellationToken ct)
    {
        if (DocumentKind.Find(kind) is not { } found)
        {
            return Problems.Validation("No document was issued.", new FieldProblem("kind", $"one of: {string.Join(", ", DocumentKind.All.Select(k => k.Code))}"));
        }

        if (body?.Reason is { Length: > MaxReason })
        {
            return Problems.Validation("No document was issued.", new FieldProblem("reason", $"at most {MaxReason} characters"));
        }

        var task = await ReadableAsync(taskId, user, grains);
        if (task is null)
        {
            return Problems.NotFound($"No task {taskId} of yours.");
        }

        var actor = TaskEndpoints.ActorOf(user);
        if (!found.MayIssue(task, actor.Role, actor.Subject))
        {
            return Results.Problem(detail: $"A {actor.Role} does not issue the {found.Code} of task {taskId}.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (found.NotYet(task) is { } notYet)
        {
            return Problems.Conflict($"No {found.Code} for task {taskId}: {notYet}.");
        }

        var outcome = await issuer.IssueAsync(task, found, body?.Reason, actor.Name, $"{http.Scheme}://{http.Host}", ct);
        if (outcome.ReasonMissing is { } missing)
        {
            return Problems.Validation("No document was issued.", new FieldProblem("reason", missing));
        }

        var info = DocumentInfo.Of(outcome.Document);
        return outcome.Issued ? Results.Created($"/api/tasks/{taskId}/documents/{found.Code}/{info.Version}/pdf", info) : Results.Ok(info);
    }

    private static async Task<IResult> PdfAsync(string taskId, string kind, int version, ClaimsPrincipal user, IGrainFactory grains, DocumentStore store, CancellationToken ct)
    {
        if (DocumentKind.Find(kind) is not { } found || await ReadableAsync(taskId, user, grains) is null)
        {
            return Problems.NotFound($"No such document of task {taskId} of yours.");
        }

        var pdf = await store.PdfAsync(found.Number(taskId, version), ct);
        return pdf is null ? Problems.NotFound($"Task {taskId} has no {kind} version {version}.") : Results.File(pdf, "application/pdf", $"{found.Number(taskId, version)}.pdf");
    }

    private static async Task<IResult> VerifyAsync(string code, DocumentStore store, CancellationToken ct)
    {
        var document = VerificationCode.Normalize(code) is { } normal ? await store.ByCodeAsync(normal, ct) : null;
        return document is null
            ? Problems.NotFound("No document issued here has this code (请核对验证码).")
            : Results.Ok(await VerifiedDocument.OfAsync(document, store, ct));
    }

    private static async Task<IResult> VerifyPdfAsync(string code, DocumentStore store, CancellationToken ct)
    {
        var document = VerificationCode.Normalize(code) is { } normal ? await store.ByCodeAsync(normal, ct) : null;
        var pdf = document is null ? null : await store.PdfAsync(document.Number, ct);
        return pdf is null ? Problems.NotFound("No document issued here has this code (请核对验证码).") : Results.File(pdf, "application/pdf", $"{document!.Number}.pdf");
    }

    private static async Task<IResult> ByFileAsync(string sha256, DocumentStore store, CancellationToken ct)
    {
        if (!Photos.IsSha256(sha256))
        {
            return Problems.Validation("Nothing to look up.", new FieldProblem("sha256", "64 hexadecimal characters: the SHA-256 of the file's bytes"));
        }

        var document = await store.ByPdfSha256Async(sha256.ToLowerInvariant(), ct);
        return document is null
            ? Problems.NotFound("No document issued here has exactly these bytes: the file was changed, or it was not issued by this system (文件已被改动或非本系统签发).")
            : Results.Ok(await VerifiedDocument.OfAsync(document, store, ct));
    }

    private static async Task<TaskView?> ReadableAsync(string taskId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var task = await grains.GetGrain<ISamplingTaskGrain>(taskId).GetAsync();
        var actor = TaskEndpoints.ActorOf(user);
        return task is not null && TaskAccess.MayRead(task, actor.Role, actor.Subject) ? task : null;
    }
}

/// <summary>Why a document is issued again with other facts (a correction); not needed for a first issue.</summary>
public sealed record IssueDocument(string? Reason);

/// <summary>An issued document as its task's readers see it, with the code its QR carries.</summary>
public sealed record DocumentInfo(
    string Number, string Kind, int Version, string Code, string? Replaces, string? Reason, string ContentSha256, string PdfSha256,
    DateTimeOffset IssuedAt, string IssuedBy, string PdfUrl)
{
    public static DocumentInfo Of(StoredDocument d) => new(d.Number, d.Kind, d.Version, d.Code, d.Replaces, d.Reason, d.ContentSha256,
        d.PdfSha256, d.IssuedAt, d.IssuedBy, $"/api/tasks/{Uri.EscapeDataString(d.Subject)}/documents/{d.Kind}/{d.Version}/pdf");
}

/// <summary>What anyone holding a document's code sees: everything it printed, its digests, and whether it was replaced.</summary>
public sealed record VerifiedDocument(
    string Number, string Kind, string TitleZh, string TitleEn, string Subject, int Version, DateOnly IssuedOn, DateTimeOffset IssuedAt,
    string? Replaces, string? Reason, string? ReplacedBy, string ContentSha256, string PdfSha256, bool ContentIntact, IReadOnlyList<DocumentBlock> Blocks)
{
    public static async Task<VerifiedDocument> OfAsync(StoredDocument d, DocumentStore store, CancellationToken ct)
    {
        var content = DocumentContent.FromJson(d.Content);
        return new(d.Number, d.Kind, content.TitleZh, content.TitleEn, d.Subject, d.Version, content.IssuedOn, d.IssuedAt, d.Replaces, d.Reason,
            await store.ReplacedByAsync(d.Number, ct), d.ContentSha256, d.PdfSha256,
            ContentIntact: content.Sha256() == d.ContentSha256, content.Blocks);
    }
}
