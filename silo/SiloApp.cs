using Samples.Silo.Access;
using Samples.Silo.Api;
using Samples.Silo.Database;
using Samples.Silo.Demo;
using Samples.Silo.Directory;
using Samples.Silo.Draws;
using Samples.Silo.Hosting;
using Samples.Silo.Tasks;

namespace Samples.Silo;

/// <summary>Builds the silo host: Orleans, messaging, scheduling and the HTTP API in one process.</summary>
public static class SiloApp
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var settings = SamplesSettings.Read(builder.Configuration);
        await SchemaGuard.EnsureCurrentAsync(settings.ConnectionString);

        builder.Services.AddSingleton(settings);
        builder.AddSamplesMessaging(settings);
        builder.AddSamplesOrleans(settings);
        builder.AddSamplesDirectory(settings);
        builder.AddSamplesScheduling(settings);
        builder.AddSamplesDraws();
        builder.AddSamplesTasks();
        builder.AddSamplesAccess();
        builder.AddSamplesDemo();
        builder.AddSamplesApi();

        var app = builder.Build();
        app.MapSamplesApi();
        return app;
    }
}
