using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Samples.Tests.Cluster;

/// <summary>
/// The cluster as ops/cluster.sh runs it is closed to strangers: the silo port speaks only mutual TLS with a certificate
/// of this cluster's CA, /health tells an anonymous caller nothing that finds the cluster, and the secrets are in files
/// only their owner reads, never in the logs.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterSecurityTests(ClusterUnderTest cluster)
{
    private string Secrets => Path.Combine(cluster.DataFolder, "cluster", "secrets");

    [Fact]
    public async Task The_silo_port_refuses_a_caller_without_a_certificate_of_the_cluster_CA_and_accepts_one_with_it()
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Secrets, "ca.pem"));
        var silo = X509CertificateLoader.LoadPkcs12FromFile(
            Path.Combine(Secrets, "silo-2.pfx"), (await File.ReadAllTextAsync(Path.Combine(Secrets, "silo-2.pfx.password"))).Trim());
        using var stranger = SelfSigned("CN=samples-silo-9");

        // The control: silo 2's own certificate is accepted, and the server shows one issued by the cluster CA.
        var accepted = await HandshakeAsync(silo, authority);
        accepted.Error.Should().BeNull("a peer with a certificate of the cluster CA is let in");
        accepted.ServerIssuer.Should().Be(authority.Subject);

        var none = await HandshakeAsync(null, authority);
        none.Error.Should().NotBeNull("a caller without a certificate is refused");
        var wrong = await HandshakeAsync(stranger, authority);
        wrong.Error.Should().NotBeNull("a certificate of another CA (here self-signed) is refused");
        (await PlainAsync()).Should().BeTrue("a caller that speaks no TLS gets nothing back and is disconnected");
    }

    [Fact]
    public async Task No_silo_opens_an_Orleans_gateway()
    {
        await using var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        // Each silo records its gateway port in the membership table, where Orleans clients look for gateways; 0 is none.
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*)::int, count(*) FILTER (WHERE proxyport <> 0)::int FROM orleansmembershiptable WHERE status = 3", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();

        reader.GetInt32(0).Should().Be(ClusterUnderTest.Silos, "both silos are active members");
        reader.GetInt32(1).Should().Be(0, "the CLI and the web app speak HTTP: no gateway unless Samples:Cluster:GatewayPort is set");
    }

    [Fact]
    public async Task Health_tells_strangers_the_status_only_and_the_admin_everything()
    {
        using var anonymous = cluster.Http(1);
        using var admin = cluster.Http(1, cluster.AdminToken);

        var open = await anonymous.GetFromJsonAsync<JsonElement>("/health");
        var detail = await admin.GetFromJsonAsync<JsonElement>("/health");

        open.EnumerateObject().Select(p => p.Name).Should().Equal(["status"], "the cluster id and silo addresses are what an Orleans client needs");
        detail.GetProperty("cluster").GetProperty("activeSilos").GetInt32().Should().Be(ClusterUnderTest.Silos);
        detail.GetProperty("messaging").GetProperty("transport").GetString().Should().Be("RabbitMq");
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Secrets_are_owner_only_and_the_logs_hold_no_token()
    {
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var folder = Path.Combine(cluster.DataFolder, "cluster");
        File.GetUnixFileMode(folder).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(cluster.DataFolder, "admin-token")).Should().Be(OwnerOnly);
        foreach (var file in Directory.EnumerateFiles(Secrets).Concat(Directory.EnumerateFiles(folder, "*.log")))
        {
            File.GetUnixFileMode(file).Should().Be(OwnerOnly, $"{file} holds a secret or names people");
        }

        for (var i = 1; i <= ClusterUnderTest.Silos; i++)
        {
            var log = await cluster.LogAsync(i);
            log.Should().NotContain(cluster.AdminToken).And.NotContain("smp_", "the admin credential is written to its own file, not the log");
        }

        (await cluster.LogAsync(1)).Should().Contain("admin-token (readable by its owner only)");
    }

    private sealed record Handshake(Exception? Error, string? ServerIssuer);

    /// <summary>
    /// A TLS handshake with silo 1's silo port presenting <paramref name="certificate"/>, then a read: under TLS 1.3 the
    /// server checks the client's certificate after the client's side of the handshake is done, so a refusal may only
    /// show on the first read (an alert, or the connection closed). A silo that accepted waits for Orleans' preamble,
    /// so the read times out instead.
    /// </summary>
    private static async Task<Handshake> HandshakeAsync(X509Certificate2? certificate, X509Certificate2 authority)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", ClusterUnderTest.SiloPort);
        await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        string? issuer = null;
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = certificate is null ? [] : [certificate],
                // The silo is checked as the silos check each other: by the cluster CA (it is addressed by IP, not by name).
                RemoteCertificateValidationCallback = (_, server, _, _) => server is X509Certificate2 presented && IssuedBy(presented, authority),
            });
            issuer = ssl.RemoteCertificate?.Issuer;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await ssl.ReadAsync(new byte[64], timeout.Token);
            return new Handshake(read == 0 ? new IOException("the silo closed the connection") : null, issuer);
        }
        catch (OperationCanceledException)
        {
            return new Handshake(null, issuer);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return new Handshake(ex, issuer);
        }
    }

    /// <summary>Bytes in the clear (as an Orleans peer without TLS sends): true when the silo answers nothing and hangs up.</summary>
    private static async Task<bool> PlainAsync()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", ClusterUnderTest.SiloPort);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(new byte[] { 0, 0, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return read == 0 || buffer[0] == 0x15; // closed, or a TLS alert record: nothing of Orleans
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Exported and loaded back: SslStream on Linux presents a client certificate whose key it can use from a PFX.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
