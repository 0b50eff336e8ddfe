
namespace Samples.Silo.Api;

/// <summary>
/// Headers that make every answer (pages, API, errors) safe to render: scripts, styles and calls only from the silo
/// itself (the web app and the Swagger UI have no inline script), no framing (clickjacking), no MIME sniffing, no
/// referrer leaving the page. Set as the response starts, so an error answer written after the exception handler
/// cleared the headers carries them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Images may be <c>blob:</c> URLs (the web app previews a photo before it is sent) and <c>data:</c> URIs: the Swagger UI's stylesheet draws its icons with them. The one inline style
    /// allowed, by its hash, is the colours of the Swagger UI's logo (an SVG with a <c>&lt;style&gt;</c> element in
    /// swagger-ui-bundle.js); a new Swashbuckle version that changes it shows in the browser test, hash included.
    /// Nothing else is allowed from anywhere but the silo.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' '" + SwaggerLogoStyle + "'; img-src 'self' data: blob:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>sha256 of <c>.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}</c>.</summary>
    private const string SwaggerLogoStyle = "sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w=";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<PagePolicy>()?.ContentSecurityPolicy ?? ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}

/// <summary>A page not ours (the Orleans Dashboard) that needs another Content-Security-Policy carries it on its endpoints.</summary>
public sealed record PagePolicy(string ContentSecurityPolicy);
