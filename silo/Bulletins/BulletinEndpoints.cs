using System.Security.Claims;
using Samples.Contracts.Common;
using Samples.Domain.Bulletins;
using Samples.Silo.Api;
using Samples.Silo.Documents;

namespace Samples.Silo.Bulletins;

/// <summary>
/// Quality bulletins (质量公告): supervisors draft one for a period and scope, review its figures, PDF and CSV, and
/// publish exactly what they reviewed; anyone reads the published bulletins, their PDF (verifiable by its QR code like
/// every document) and CSV.
/// </summary>
public static class BulletinEndpoints
{
    private const int MaxReason = 500;

    public static void MapBulletinEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/bulletins").AllowAnonymous();
        open.MapGet(string.Empty, PublishedAsync).Produces<List<BulletinView>>();
        open.MapGet("/{id}", GetAsync).Produces<BulletinView>();
        open.MapGet("/{id}/pdf", PdfAsync).Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        open.MapGet("/{id}/csv", CsvAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv");

        var staff = app.MapGroup("/api/bulletins").RequireAuthorization(Roles.Supervisors);
        staff.MapPost(string.Empty, CreateDraftAsync).Produces<BulletinView>()
            .WithDescription("Drafts (or computes again) the bulletin of a period (2026 or 2026-Q4) and scope (province, prefecture:CODE or category:CODE) from the published results.");
        staff.MapGet("/drafts", DraftsAsync).Produces<List<BulletinView>>();
        staff.MapGet("/{id}/draft", GetDraftAsync).Produces<BulletinView>();
        staff.MapGet("/{id}/draft/pdf", DraftPdfAsync).Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        staff.MapGet("/{id}/draft/csv", DraftCsvAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv");
        staff.MapPost("/{id}/publish", PublishAsync).Produces<BulletinView>()
            .WithDescription("Publishes the draft whose figures' SHA-256 the reviewer names (409 when it changed since). Publishing again after a new draft is a correction and needs a reason.");
    }

    private static async Task<IResult> PublishedAsync(BulletinStore store, DocumentStore documents, CancellationToken ct)
    {
        var list = new List<BulletinView>();
        foreach (var edition in await store.PublishedAsync(ct))
        {
            list.Add(BulletinView.Of(edition, await documents.LatestAsync(edition.Id, BulletinDocument.Kind, ct)));
        }

        return Results.Ok(list);
    }

    private static async Task<IResult> GetAsync(string id, BulletinStore store, DocumentStore documents, CancellationToken ct) =>
        await store.LatestPublishedAsync(id, ct) is { } edition
            ? Results.Ok(BulletinView.Of(edition, await documents.LatestAsync(id, BulletinDocument.Kind, ct)))
            : Problems.NotFound($"No bulletin {id} is published.");

    private static async Task<IResult> PdfAsync(string id, DocumentStore documents, CancellationToken ct)
    {
        var document = await documents.LatestAsync(id, BulletinDocument.Kind, ct);
        var pdf = document is null ? null : await documents.PdfAsync(document.Number, ct);
        return pdf is null ? Problems.NotFound($"No bulletin {id} is published.") : Results.File(pdf, "application/pdf", $"{document!.Number}.pdf");
    }

    private static async Task<IResult> CsvAsync(string id, BulletinStore store, CancellationToken ct) =>
        await store.LatestPublishedAsync(id, ct) is { } edition ? Csv(edition) : Problems.NotFound($"No bulletin {id} is published.");

    private static async Task<IResult> CreateDraftAsync(DraftBulletin body, ClaimsPrincipal user, BulletinService bulletins, CancellationToken ct)
    {
        if (BulletinPeriod.Parse(body.Period) is not { } period)
        {
            return Problems.Validation("No bulletin was drafted.", new FieldProblem("period", "is a year (2026) or a quarter (2026-Q4)"));
        }

        var (scope, problem) = await bulletins.ScopeAsync(body.Scope);
        if (scope is null)
        {
            return Problems.Validation("No bulletin was drafted.", new FieldProblem("scope", problem!));
        }

        return Results.Ok(BulletinView.Of(await bulletins.DraftAsync(period, scope, Caller.Describe(user), ct), null));
    }

    private static async Task<IResult> DraftsAsync(BulletinStore store, CancellationToken ct) =>
        Results.Ok((await store.DraftsAsync(ct)).Select(e => BulletinView.Of(e, null)).ToList());

    private static async Task<IResult> GetDraftAsync(string id, BulletinStore store, CancellationToken ct) =>
        await store.LatestAsync(id, ct) is { Published: false } draft ? Results.Ok(BulletinView.Of(draft, null)) : Problems.NotFound($"Bulletin {id} has no draft.");

    private static async Task<IResult> DraftPdfAsync(string id, HttpRequest http, BulletinStore store, BulletinService bulletins, CancellationToken ct) =>
        await store.LatestAsync(id, ct) is { Published: false } draft
            ? Results.File(bulletins.DraftPdf(draft, $"{http.Scheme}://{http.Host}"), "application/pdf", $"{id}-draft.pdf")
            : Problems.NotFound($"Bulletin {id} has no draft.");

    private static async Task<IResult> DraftCsvAsync(string id, BulletinStore store, CancellationToken ct) =>
        await store.LatestAsync(id, ct) is { Published: false } draft ? Csv(draft) : Problems.NotFound($"Bulletin {id} has no draft.");

    private static async Task<IResult> PublishAsync(string id, PublishBulletin body, HttpRequest http, ClaimsPrincipal user, BulletinService bulletins, DocumentStore documents, CancellationToken ct)
    {
        if (body.FiguresSha256 is not { Length: 64 } reviewed || !Domain.Tasks.Photos.IsSha256(reviewed))
        {
            return Problems.Validation("Nothing was published.", new FieldProblem("figuresSha256", "is the SHA-256 of the draft's figures you reviewed (64 hexadecimal characters)"));
        }

        if (body.Reason is { Length: > MaxReason })
        {
            return Problems.Validation("Nothing was published.", new FieldProblem("reason", $"at most {MaxReason} characters"));
        }

        var outcome = await bulletins.PublishAsync(id, reviewed.ToLowerInvariant(), body.Reason, Caller.Describe(user), $"{http.Scheme}://{http.Host}", ct);
        return outcome.Refusal switch
        {
            null => Results.Ok(BulletinView.Of(outcome.Edition!, outcome.Document)),
            PublishOutcome.NoDraft => Problems.NotFound($"Bulletin {id} has no draft: draft it first (POST /api/bulletins)."),
            PublishOutcome.NothingNew => Problems.Conflict($"Bulletin {id} is published as drafted; draft it again to publish a correction."),
            PublishOutcome.Changed => Problems.Conflict($"The draft of {id} changed since you reviewed it (its figures' SHA-256 differs): review it again."),
            _ => Problems.Validation("Nothing was published.", new FieldProblem("reason", "is required: the bulletin was published before, so this is a correction (更正), and a correction names its reason")),
        };
    }

    private static IResult Csv(BulletinEdition edition) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(BulletinCsv.Write(edition.Figures)), "text/csv; charset=utf-8", $"{edition.Id}.csv");
}

/// <summary>The bulletin to draft: its period (2026 or 2026-Q4) and scope (province, prefecture:CODE, category:CODE; province when absent).</summary>
public sealed record DraftBulletin(string? Period, string? Scope);

/// <summary>What the reviewer publishes: the SHA-256 of the figures they reviewed, and for a correction, why.</summary>
public sealed record PublishBulletin(string? FiguresSha256, string? Reason);

/// <summary>A bulletin edition: its figures, their SHA-256, and once published its document (number, code, PDF and CSV).</summary>
public sealed record BulletinView(
    string Id, int Edition, string Status, string Period, string Scope, string Title, string FiguresSha256, BulletinFigures Figures, DateTimeOffset DraftedAt,
    string? Number, string? Code, DateTimeOffset? PublishedAt, string? Replaces, string? Reason, string PdfUrl, string CsvUrl)
{
    public static BulletinView Of(BulletinEdition e, StoredDocument? document)
    {
        var id = Uri.EscapeDataString(e.Id);
        var published = e.Published;
        return new(e.Id, e.Edition, published ? "published" : "draft", e.Period, e.Scope, BulletinDocument.Title(e.Figures), e.FiguresSha256, e.Figures, e.DraftedAt,
            e.PublishedNumber, published ? document?.Code : null, e.PublishedAt, published ? document?.Replaces : null, published ? document?.Reason : null,
            published ? $"/api/bulletins/{id}/pdf" : $"/api/bulletins/{id}/draft/pdf", published ? $"/api/bulletins/{id}/csv" : $"/api/bulletins/{id}/draft/csv");
    }
}
