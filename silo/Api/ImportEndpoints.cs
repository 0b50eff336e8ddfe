using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Samples.Silo.Directory;

namespace Samples.Silo.Api;

public static class ImportEndpoints
{
    /// <summary>A million-row directory is about 200 MB of CSV; anything far beyond is not a directory.</summary>
    public const long MaxImportBytes = 1L << 30;

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/enterprises/import", ImportAsync)
            .RequireAuthorization(Roles.Admins)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes));
        app.MapGet("/api/enterprises/export", ExportAsync).RequireAuthorization(Roles.Admins);
    }

    /// <summary>
    /// The body is the CSV file (text/csv). It is first spooled to a temporary file, so a slow upload holds
    /// no database transaction open, then checked and applied in one transaction, or not at all.
    /// </summary>
    private static async Task<IResult> ImportAsync(HttpRequest request, bool? dryRun, string? source, ClaimsPrincipal user, EnterpriseImporter importer, CancellationToken cancellationToken)
    {
        var spool = Path.Combine(Path.GetTempPath(), $"samples-import-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var file = File.Create(spool))
            {
                await request.Body.CopyToAsync(file, cancellationToken);
            }

            await using var csv = File.OpenRead(spool);
            var name = string.IsNullOrWhiteSpace(source) ? "an uploaded file" : source.Trim();
            var report = await importer.ImportAsync(csv, name, Caller.Describe(user), dryRun ?? false, cancellationToken);
            if (report.Problems.Count == 0)
            {
                return Results.Ok(report);
            }

            var first = string.Join("; ", report.Problems.Take(5).Select(p => $"row {p.Row}, {p.Field}: {p.Reason}"));
            return Results.Problem(
                title: "The file was not imported.",
                detail: $"{report.Problems.Count} problem(s), nothing was applied. {first}{(report.Problems.Count > 5 ? "; …" : string.Empty)}",
                statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["problems"] = report.Problems, ["rows"] = report.Rows });
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static async Task ExportAsync(HttpContext context, EnterpriseImporter importer, CancellationToken cancellationToken)
    {
        // The CSV writer is synchronous; the export streams rows straight from the database to the client.
        context.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=enterprises.csv";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16);
        await importer.ExportAsync(writer, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }
}
