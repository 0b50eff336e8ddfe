using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Samples.Silo.Hosting;

/// <summary>
/// Mutual TLS between silos (and between a gateway and its clients): each side presents a certificate, and a peer is
/// accepted only when its certificate chains to this cluster's own CA. Any certificate from a public CA is refused, so
/// a machine on the network with a certificate of its own still cannot join or call grains.
/// </summary>
public sealed class ClusterTls
{
    private ClusterTls(X509Certificate2 certificate, X509Certificate2 authority)
    {
        Certificate = certificate;
        Authority = authority;
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 Authority { get; }

    /// <summary>Reads the silo's certificate (PFX, or PEM with its key) and the CA; a file that cannot be read is a SettingsException.</summary>
    public static ClusterTls Load(ClusterTlsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            var password = settings.PasswordFile is null ? null : File.ReadLines(settings.PasswordFile).FirstOrDefault()?.Trim();
            var certificate = settings.KeyPath is not null
                ? (password is null
                    ? X509Certificate2.CreateFromPemFile(settings.CertificatePath, settings.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(settings.CertificatePath, password, settings.KeyPath))
                : LoadPkcs12OrPem(settings.CertificatePath, password);
            if (!certificate.HasPrivateKey)
            {
                throw new SettingsException($"Samples:Cluster:Tls:CertificatePath '{settings.CertificatePath}' holds no private key (a PEM certificate needs Samples:Cluster:Tls:KeyPath).");
            }

            var authority = X509CertificateLoader.LoadCertificateFromFile(settings.CaPath);
            var tls = new ClusterTls(certificate, authority);
            if (!tls.Trusts(certificate))
            {
                throw new SettingsException($"Samples:Cluster:Tls:CertificatePath '{settings.CertificatePath}' is not issued by the CA in Samples:Cluster:Tls:CaPath '{settings.CaPath}' (or has expired).");
            }

            return tls;
        }
        catch (CryptographicException ex)
        {
            throw new SettingsException($"Samples:Cluster:Tls: the certificate '{settings.CertificatePath}' or CA '{settings.CaPath}' cannot be read ({ex.Message}); a wrong Samples:Cluster:Tls:PasswordFile?");
        }
    }

    /// <summary>True when <paramref name="peer"/> chains to this cluster's CA (and to nothing else), and is in its validity period.</summary>
    public bool Trusts(X509Certificate2? peer)
    {
        if (peer is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        // A cluster CA made by ops/cluster.sh publishes no revocation list; a compromised silo key means a new CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer) && chain.ChainElements[^1].Certificate.Thumbprint == Authority.Thumbprint;
    }

    /// <summary>Both ends present a certificate and check the other's against the cluster CA.</summary>
    public void Configure(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.LocalCertificate = Certificate;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        // The silos address each other by IP, so the host name is not what identifies a peer: its issuer is.
        options.RemoteCertificateValidation = (certificate, _, _) => Trusts(certificate);
        options.HandshakeTimeout = TimeSpan.FromSeconds(10);
    }

    private static X509Certificate2 LoadPkcs12OrPem(string path, string? password)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0 || bytes[0] != (byte)'-')
        {
            return X509CertificateLoader.LoadPkcs12(bytes, password);
        }

        // A PEM holding the certificate and its key together; one without a key needs Samples:Cluster:Tls:KeyPath.
        return System.Text.Encoding.ASCII.GetString(bytes).Contains("PRIVATE KEY-----", StringComparison.Ordinal)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadCertificate(bytes);
    }
}
