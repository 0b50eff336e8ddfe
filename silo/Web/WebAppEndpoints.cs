using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;

namespace Samples.Silo.Web;

/// <summary>
/// The people's web application (web/, built by npm into web/dist and copied beside the program as <c>web</c>), served
/// at <c>/app/</c>: one page for every role, typed from this silo's OpenAPI document. Nothing comes from the internet.
/// The files are revalidated on every load (<c>no-cache</c>): a phone keeps them for offline use in its service
/// worker's cache, never an old script beside a new API.
/// </summary>
public static class WebAppEndpoints
{
    public const string Path = "/app";

    /// <summary>
    /// The app's files go compressed (Brotli or gzip) to a phone on a slow line. Only these: API answers carry secrets
    /// (a session's CSRF token) beside text a caller chooses, which compression would let an eavesdropper guess (BREACH).
    /// </summary>
    public static IHostApplicationBuilder AddSamplesWebApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml"];
        });

        // The providers' default (fastest) leaves a third more on the wire; the balanced level costs a few milliseconds.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        return builder;
    }

    public static WebApplication MapWebApp(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.UseResponseCompression());
        var root = System.IO.Path.Combine(AppContext.BaseDirectory, "web");
        if (!File.Exists(System.IO.Path.Combine(root, "index.html")))
        {
            // A build without npm (dotnet build alone): say how to get the app instead of a bare 404.
            app.MapGet(Path + "/{**rest}", () => Results.Problem(
                title: "The web application was not built.",
                detail: "网页应用未构建：运行 bash ops/run.sh（或在 web/ 中 npm ci && npm run build 后重新 dotnet build）/ The web app was not built: run bash ops/run.sh (or npm ci && npm run build in web/, then dotnet build).",
                statusCode: StatusCodes.Status503ServiceUnavailable)).AllowAnonymous().ExcludeFromDescription();
        }
        else
        {
            var files = new PhysicalFileProvider(root);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                RequestPath = Path,
                OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
            });
        }

        app.MapGet("/", () => Results.Redirect(Path + "/")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/public", () => Results.Redirect(Path + "/#/results")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
