using Microsoft.Extensions.FileProviders;

namespace Samples.Silo.Dashboard;

/// <summary>
/// The supervisor dashboard and the public results page, served by the silo itself from the files in
/// <c>Dashboard/site</c> (copied beside the program): plain HTML, CSS and JavaScript, nothing from the internet.
/// The pages call the same HTTP API as the command line, with the credential the user pastes in.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var site = new PhysicalFileProvider(System.IO.Path.Combine(AppContext.BaseDirectory, "Dashboard", "site"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = site, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = site,
            RequestPath = Path,

            // Pages change with each release; a browser must not keep an old script next to a new API.
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
