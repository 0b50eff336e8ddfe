using Samples.Silo.Access;
using Samples.Silo.Api;
using Samples.Silo.Audit;
using Samples.Silo.Web;
using Samples.Silo.Database;
using Samples.Silo.Demo;
using Samples.Silo.Directory;
using Samples.Silo.Documents;
using Samples.Silo.Draws;
using Samples.Silo.Hosting;
using Samples.Silo.Risk;
using Samples.Silo.Operations;
using Samples.Silo.Tasks;
using Samples.Silo.Telemetry;

namespace Samples.Silo;

/// <summary>Builds the silo host: Orleans, messaging, scheduling and the HTTP API in one process.</summary>
public static class SiloApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The content root is the program's own folder (appsettings.json sits beside it), never the working directory:
        // configuration reloading watches the content root recursively, and a working directory holding the database's
        // files (the repository's .data) would make the silo read a file event for every write PostgreSQL makes.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddSamplesSecretFiles();
        var settings = SamplesSettings.Read(builder.Configuration);
        await SchemaGuard.EnsureCurrentAsync(settings.ConnectionString);

        builder.Services.AddSingleton(settings);
        builder.AddSamplesMessaging(settings);
        builder.AddSamplesOrleans(settings);
        builder.AddSamplesKubernetes();
        builder.AddSamplesDirectory(settings);
        builder.AddSamplesScheduling(settings);
        builder.AddSamplesDraws();
        builder.AddSamplesTasks();
        builder.AddSamplesReconciliation();
        builder.AddSamplesDocuments();
        builder.AddSamplesRisk();
        builder.AddSamplesAudit(settings);
        builder.AddSamplesAccess();
        builder.AddSamplesRateLimits();
        builder.AddSamplesDemo();
        builder.AddSamplesApi();
        builder.AddSamplesOpenApi();
        builder.AddSamplesWebApp();
        builder.AddSamplesTelemetry();

        var app = builder.Build();
        app.UseSecurityHeaders();
        // The pages (the web app, the API reference) are static files served before authentication: they hold no data and
        // call the API with the user's credential. Everything after MapSamplesApi's authorization is denied by default.
        app.MapWebApp();
        app.MapSamplesOpenApi();
        app.MapSamplesApi();
        return app;
    }
}
