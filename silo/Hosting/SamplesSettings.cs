using System.Net;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Samples.Silo.Hosting;

/// <summary>
/// Everything the host reads from configuration (appsettings.json, then environment variables such as
/// <c>Samples__Postgres__ConnectionString</c>, then command-line arguments), checked once at start-up. Secrets come from
/// files (<c>…PasswordFile</c>) or the environment; the committed development passwords are refused off loopback.
/// </summary>
public sealed record SamplesSettings(
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int? GatewayPort,
    MessagingTransport Transport,
    RabbitMqSettings RabbitMq,
    bool ClusteredScheduler,
    ClusterTlsSettings? Tls = null)
{
    public const string Section = "Samples";

    /// <summary>The development passwords committed in this repository (ops/lib/common.sh) and RabbitMQ's own default.</summary>
    public const string DefaultPostgresPassword = "samples";

    public const string DefaultRabbitPassword = "guest";

    public static SamplesSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var samples = configuration.GetSection(Section);
        var connectionString = samples["Postgres:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new SettingsException("Samples:Postgres:ConnectionString is not set (environment variable Samples__Postgres__ConnectionString).");
        }

        connectionString = WithPostgresPassword(connectionString, samples.GetSection("Postgres"));

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
        var settings = new SamplesSettings(
            connectionString,
            samples["Cluster:ClusterId"] ?? "samples-local",
            samples["Cluster:ServiceId"] ?? "samples",
            advertised,
            Port(samples, "Cluster:SiloPort", 11111),
            // No gateway unless asked for: the CLI and the web app speak HTTP; only an Orleans client (a benchmark) needs one.
            samples["Cluster:GatewayPort"] is null ? null : Port(samples, "Cluster:GatewayPort", 0),
            transport,
            new RabbitMqSettings(
                rabbit["Host"] ?? "127.0.0.1",
                Port(rabbit, "Port", 5672),
                rabbit["VirtualHost"] ?? "/",
                rabbit["Username"] ?? "guest",
                Secret(rabbit, "Messaging:RabbitMq:", "Password") ?? DefaultRabbitPassword),
            bool.TryParse(samples["Scheduling:Clustered"], out var clustered) && clustered,
            ReadTls(samples.GetSection("Cluster:Tls")));
        // HTTP_PORTS (set by .NET's container images) listens on every address, as a Urls of http://+:PORT would.
        var urls = configuration["Urls"] ?? (configuration["HTTP_PORTS"] is { Length: > 0 } ports ? string.Join(';', ports.Split(';').Select(p => $"http://+:{p.Trim()}")) : null);
        RefuseExposedDefaults(settings, urls);
        return settings;
    }

    /// <summary>
    /// The rule: a silo reachable from other machines (its advertised address or an HTTP listen address is not loopback)
    /// or using a store or bus elsewhere must not run with a password everyone can read in this repository, and must not
    /// carry cluster traffic in the clear.
    /// </summary>
    private static void RefuseExposedDefaults(SamplesSettings settings, string? urls)
    {
        var exposedBy = !IPAddress.IsLoopback(settings.AdvertisedAddress) ? $"the advertised address {settings.AdvertisedAddress}"
            : ExposedUrl(urls) is { } url ? $"the HTTP listen address {url}"
            : null;
        var postgres = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var postgresAway = postgres.Host?.Split(',').Select(h => h.Trim()).FirstOrDefault(h => !IsLocalHost(h));
        if (postgres.Password == DefaultPostgresPassword && (exposedBy ?? (postgresAway is null ? null : $"the PostgreSQL host {postgresAway}")) is { } why)
        {
            throw new SettingsException($"Samples:Postgres: the development password is refused because {why} is not loopback; set Samples:Postgres:PasswordFile (or Samples__Postgres__Password).");
        }

        if (settings.Transport == MessagingTransport.RabbitMq && settings.RabbitMq.Password == DefaultRabbitPassword
            && (exposedBy ?? (IsLocalHost(settings.RabbitMq.Host) ? null : $"the RabbitMQ host {settings.RabbitMq.Host}")) is { } rabbitWhy)
        {
            throw new SettingsException($"Samples:Messaging:RabbitMq: the password 'guest' is refused because {rabbitWhy} is not loopback; set Samples:Messaging:RabbitMq:PasswordFile (and Username).");
        }

        if (settings.Tls is null && !IPAddress.IsLoopback(settings.AdvertisedAddress))
        {
            throw new SettingsException($"Samples:Cluster:Tls:CertificatePath is required: the advertised address {settings.AdvertisedAddress} is not loopback, and silo-to-silo traffic is encrypted and authenticated there.");
        }
    }

    /// <summary>Loopback or a local socket (a path): nothing another machine reaches.</summary>
    public static bool IsLocalHost(string host) =>
        host.StartsWith('/')
        || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string? ExposedUrl(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => !Uri.TryCreate(u.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || !IsLocalHost(uri.Host));

    /// <summary>The connection string with the password from Samples:Postgres:PasswordFile or Samples:Postgres:Password, when set.</summary>
    private static string WithPostgresPassword(string connectionString, IConfiguration postgres)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new SettingsException($"Samples:Postgres:ConnectionString is not a PostgreSQL connection string: {ex.Message}");
        }

        if (Secret(postgres, "Postgres:", "Password") is not { } password)
        {
            return connectionString;
        }

        builder.Password = password;
        return builder.ConnectionString;
    }

    /// <summary>KEY from KEYFile (the file's first line) or from KEY itself (the environment); null when neither is set.</summary>
    private static string? Secret(IConfiguration section, string prefix, string key)
    {
        if (section[$"{key}File"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new SettingsException($"Samples:{prefix}{key}File '{path}' does not exist.");
            }

            var secret = File.ReadLines(path).FirstOrDefault()?.Trim();
            return string.IsNullOrEmpty(secret) ? throw new SettingsException($"Samples:{prefix}{key}File '{path}' is empty.") : secret;
        }

        return section[key] is { Length: > 0 } value ? value : null;
    }

    private static ClusterTlsSettings? ReadTls(IConfiguration tls)
    {
        if (tls["CertificatePath"] is not { Length: > 0 } certificate)
        {
            return null;
        }

        var ca = tls["CaPath"] is { Length: > 0 } caPath
            ? caPath
            : throw new SettingsException("Samples:Cluster:Tls:CaPath is not set: with TLS on, peers are trusted only with a certificate of this cluster's CA.");
        foreach (var (name, path) in new[] { ("CertificatePath", certificate), ("CaPath", ca), ("KeyPath", tls["KeyPath"]), ("PasswordFile", tls["PasswordFile"]) })
        {
            if (!string.IsNullOrEmpty(path) && !File.Exists(path))
            {
                throw new SettingsException($"Samples:Cluster:Tls:{name} '{path}' does not exist.");
            }
        }

        return new ClusterTlsSettings(certificate, NullIfEmpty(tls["KeyPath"]), NullIfEmpty(tls["PasswordFile"]), ca);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

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

public sealed record RabbitMqSettings(string Host, int Port, string VirtualHost, string Username, string Password)
{
    // Never the password in a log line or an exception message that prints the settings.
    public override string ToString() => $"RabbitMqSettings {{ Host = {Host}, Port = {Port}, VirtualHost = {VirtualHost}, Username = {Username} }}";
}

/// <summary>
/// The silo's certificate for silo-to-silo and gateway TLS: a PFX (password in <see cref="PasswordFile"/>), or a PEM
/// certificate with its key in <see cref="KeyPath"/>; peers must present a certificate issued by the CA in <see cref="CaPath"/>.
/// </summary>
public sealed record ClusterTlsSettings(string CertificatePath, string? KeyPath, string? PasswordFile, string CaPath);

/// <summary>A configuration value is missing or wrong; the message says which and how to fix it.</summary>
public sealed class SettingsException(string message) : Exception(message);
