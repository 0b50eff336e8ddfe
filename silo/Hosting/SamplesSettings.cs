using System.Net;
using Microsoft.Extensions.Configuration;

namespace Samples.Silo.Hosting;

/// <summary>
/// Everything the host reads from configuration (appsettings.json, then environment variables such as
/// <c>Samples__Postgres__ConnectionString</c>, then command-line arguments), checked once at start-up.
/// </summary>
public sealed record SamplesSettings(
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort,
    MessagingTransport Transport,
    RabbitMqSettings RabbitMq,
    bool ClusteredScheduler)
{
    public const string Section = "Samples";

    public static SamplesSettings Read(IConfiguration configuration)
    {
        var samples = configuration.GetSection(Section);
        var connectionString = samples["Postgres:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SettingsException("Samples:Postgres:ConnectionString is not set (environment variable Samples__Postgres__ConnectionString).");
        }

        var address = samples["Cluster:AdvertisedAddress"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(address, out var advertised))
        {
            throw new SettingsException($"Samples:Cluster:AdvertisedAddress '{address}' is not an IP address.");
        }

        var transportText = samples["Messaging:Transport"] ?? nameof(MessagingTransport.InMemory);
        if (!Enum.TryParse<MessagingTransport>(transportText, ignoreCase: true, out var transport))
        {
            throw new SettingsException($"Samples:Messaging:Transport '{transportText}' is not one of: {string.Join(", ", Enum.GetNames<MessagingTransport>())}.");
        }

        var rabbit = samples.GetSection("Messaging:RabbitMq");
        return new SamplesSettings(
            connectionString,
            samples["Cluster:ClusterId"] ?? "samples-local",
            samples["Cluster:ServiceId"] ?? "samples",
            advertised,
            Port(samples, "Cluster:SiloPort", 11111),
            Port(samples, "Cluster:GatewayPort", 30000),
            transport,
            new RabbitMqSettings(
                rabbit["Host"] ?? "127.0.0.1",
                Port(rabbit, "Port", 5672),
                rabbit["VirtualHost"] ?? "/",
                rabbit["Username"] ?? "guest",
                rabbit["Password"] ?? "guest"),
            bool.TryParse(samples["Scheduling:Clustered"], out var clustered) && clustered);
    }

    private static int Port(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new SettingsException($"{key} '{text}' is not a port number (1-65535).");
    }
}

public enum MessagingTransport
{
    InMemory,
    RabbitMq,
}

public sealed record RabbitMqSettings(string Host, int Port, string VirtualHost, string Username, string Password);

/// <summary>A configuration value is missing or wrong; the message says which and how to fix it.</summary>
public sealed class SettingsException(string message) : Exception(message);
