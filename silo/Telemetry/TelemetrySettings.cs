using Samples.Silo.Hosting;

namespace Samples.Silo.Telemetry;

/// <summary>
/// <c>Samples:Telemetry</c>: metrics are kept in the silo and scraped from <c>/metrics</c> (admins only); traces and an OTLP
/// export only when an endpoint is named, so by default nothing leaves the machine.
/// </summary>
public sealed record TelemetrySettings(bool Enabled, Uri? OtlpEndpoint, bool Traces, bool JsonLogs)
{
    public static TelemetrySettings Read(IConfiguration configuration)
    {
        var otlpText = configuration["Samples:Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(otlpText) && (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlp) || otlp.Scheme is not ("http" or "https")))
        {
            throw new SettingsException($"Samples:Telemetry:OtlpEndpoint '{otlpText}' is not an http(s) URL (e.g. http://collector:4317).");
        }

        var format = configuration["Samples:Logging:Format"] ?? "text";
        if (format is not ("text" or "json"))
        {
            throw new SettingsException($"Samples:Logging:Format '{format}' is not one of: text, json.");
        }

        return new TelemetrySettings(
            Flag(configuration, "Samples:Telemetry:Enabled", true),
            otlp,
            // Recording spans nobody receives costs CPU for nothing: on with an OTLP endpoint, or when asked (the benchmark).
            Flag(configuration, "Samples:Telemetry:Traces", otlp is not null),
            format == "json");
    }

    public static bool Flag(IConfiguration configuration, string key, bool fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new SettingsException($"{key} '{text}' is not true or false.");
    }
}
