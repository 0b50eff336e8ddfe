using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Samples.Domain.Directory;
using Samples.Silo.Api;

namespace Samples.Silo.Directory;

/// <summary>CSV import and export of the directories (admin): the body of an import is the file itself.</summary>
public static class ImportEndpoints
{
    /// <summary>A national directory of 10,000,000 enterprises is about 1.6 GB of CSV (issue 22); anything far beyond is not a directory.</summary>
    public const long MaxImportBytes = 4L << 30;

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        Map(app, "enterprises",
            async (csv, by, source, dryRun, services, token) =>
            {
                var report = await services.GetRequiredService<EnterpriseImporter>().ImportAsync(csv, source, by, dryRun, token);
                return (report.Problems, report, false);
            },
            (output, services, token) => services.GetRequiredService<EnterpriseImporter>().ExportAsync(output, token));
        Map(app, "inspectors",
            (csv, by, _, dryRun, services, _) => Report(services.GetRequiredService<DirectoryFileService>().ImportInspectorsAsync(csv, by, dryRun)),
            (output, services, _) => services.GetRequiredService<DirectoryFileService>().ExportInspectorsAsync(output));
        Map(app, "labs",
            (csv, by, _, dryRun, services, _) => Report(services.GetRequiredService<DirectoryFileService>().ImportLabsAsync(csv, by, dryRun)),
            (output, services, _) => services.GetRequiredService<DirectoryFileService>().ExportLabsAsync(output));
        Map(app, "batches",
            (csv, by, _, dryRun, services, _) => Report(services.GetRequiredService<DirectoryFileService>().ImportBatchesAsync(csv, by, dryRun)),
            (output, services, _) => services.GetRequiredService<DirectoryFileService>().ExportBatchesAsync(output));
    }

    /// <summary>An import: its problems, its report, and whether rows were applied although problems came up (grain-by-grain imports).</summary>
    private delegate Task<(IReadOnlyList<ImportProblem> Problems, object Report, bool PartlyApplied)> Importer(Stream csv, string by, string source, bool dryRun, IServiceProvider services, CancellationToken token);

    private delegate Task Exporter(TextWriter output, IServiceProvider services, CancellationToken token);

    private static async Task<(IReadOnlyList<ImportProblem> Problems, object Report, bool PartlyApplied)> Report(Task<DirectoryImportReport> import)
    {
        var report = await import;
        return (report.Problems, report, report.Changed + report.Unchanged > 0);
    }

    private static void Map(IEndpointRouteBuilder app, string directory, Importer import, Exporter export)
    {
        app.MapPost($"/api/{directory}/import", (HttpRequest request, bool? dryRun, string? source, ClaimsPrincipal user, CancellationToken token) =>
                ImportAsync(request, dryRun ?? false, source, user, import, token))
            .RequireAuthorization(Roles.Admins)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithDescription($"The body is the {directory} CSV (samples {directory} export writes it); ?dryRun=true checks and counts without applying. The answer counts added, changed and unchanged rows; a 400 lists every bad row.");
        app.MapGet($"/api/{directory}/export", (HttpContext context, CancellationToken token) => ExportAsync(context, directory, export, token))
            .RequireAuthorization(Roles.Admins)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
    }

    /// <summary>
    /// The file is first spooled (<see cref="UploadSpool"/>), then checked and applied, or, when any row is wrong, not
    /// applied at all.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, bool dryRun, string? source, ClaimsPrincipal user, Importer import, CancellationToken token)
    {
        using var spool = await UploadSpool.CopyAsync(request.Body, token);
        await using var csv = spool.OpenRead();
        var name = string.IsNullOrWhiteSpace(source) ? "an uploaded file" : source.Trim();
        var (problems, report, partlyApplied) = await import(csv, Caller.Describe(user), name, dryRun, request.HttpContext.RequestServices, token);
        if (problems.Count == 0)
        {
            return Results.Ok(report);
        }

        var first = string.Join("; ", problems.Take(5).Select(p => $"row {p.Row}, {p.Field}: {p.Reason}"));
        return Results.Problem(
            title: "The file was not imported.",
            detail: $"{problems.Count} problem(s), {(partlyApplied ? "the rows before them were applied; correct the file and import it again" : "nothing was applied")}. {first}{(problems.Count > 5 ? "; …" : string.Empty)}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["problems"] = problems });
    }

    private static async Task ExportAsync(HttpContext context, string directory, Exporter export, CancellationToken token)
    {
        // The CSV writers are synchronous; rows stream straight to the client.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename={directory}.csv";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16);
        await export(writer, context.RequestServices, token);
        await writer.FlushAsync(token);
    }
}
