using System.Text.Encodings.Web;
using System.Text.Unicode;
using Npgsql;
using Orleans.Dashboard;
using Orleans.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Samples.Silo.Api;

namespace Samples.Silo.Telemetry;

/// <summary>
/// The system's own telemetry with the ecosystem's parts: OpenTelemetry metrics (ASP.NET Core, HttpClient, the runtime,
/// Npgsql, MassTransit, Orleans and every "Samples.*" meter) scraped by Prometheus from /metrics, traces and an OTLP
/// export when a collector is named, the Orleans Dashboard for admins, and JSON logs on request.
/// </summary>
public static class TelemetryComposition
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/ops/dashboard";

    /// <summary>The meters subscribed: the project's own by a wildcard, so a new "Samples.&lt;Area&gt;" meter needs no change here.</summary>
    public static readonly string[] Meters = ["Samples.*", "Microsoft.Orleans", "MassTransit"];

    /// <summary>Orleans 10's activity sources (grain calls from application code, and the runtime's own), MassTransit's.</summary>
    public static readonly string[] TraceSources =
        [ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, "MassTransit"];

    /// <summary>
    /// The dashboard is Orleans' page, not ours: it sets inline styles and embeds its icon font as a data: URI, so its
    /// policy allows those two; scripts, calls and everything else still come from the silo alone, and only admins see it.
    /// </summary>
    private static readonly PagePolicy DashboardPolicy = new(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");

    public static IHostApplicationBuilder AddSamplesTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = TelemetrySettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (settings.JsonLogs)
        {
            // One JSON object a line for a log collector; Chinese names stay readable (not \u escapes).
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
            });
        }

        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddSingleton<OverdueGauge>();
        builder.UseOrleans(silo =>
        {
            // Grain statistics for the dashboard: its profiler times every grain call (counted in the benchmark's overhead).
            silo.AddDashboard();
            if (settings.Traces)
            {
                silo.AddActivityPropagation();
            }
        });

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("samples-silo", serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddMeter(Meters)
                    .AddPrometheusExporter();
                if (settings.OtlpEndpoint is { } otlp)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        if (settings.Traces)
        {
            otel.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(TraceSources);
                if (settings.OtlpEndpoint is { } otlp)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// /metrics for Prometheus and the Orleans Dashboard, both admins only: an admin API key as a bearer token (Prometheus'
    /// <c>authorization</c> setting), or an admin's login session in the browser (the session cookie; the dashboard only reads).
    /// </summary>
    public static WebApplication MapTelemetryEndpoints(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<TelemetrySettings>().Enabled)
        {
            return app;
        }

        // Resolved now, so the gauge is registered before the first scrape asks for it.
        app.Services.GetRequiredService<OverdueGauge>();
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Roles.Admins).ExcludeFromDescription();
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(Roles.Admins).ExcludeFromDescription().WithMetadata(DashboardPolicy);
        return app;
    }
}
