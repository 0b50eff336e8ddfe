using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Samples.Silo.Hosting;

namespace Samples.Tests.Host;

/// <summary>The silo's TLS material: read from a PFX or a PEM pair, and trusted peers are exactly those of the cluster CA.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly DirectoryInfo folder = System.IO.Directory.CreateTempSubdirectory("samples-tls-");

    [Fact]
    public void A_pfx_with_its_password_file_loads_and_trusts_silos_of_its_CA_only()
    {
        using var ca = Authority("CN=Samples test CA");
        using var otherCa = Authority("CN=Another CA");
        using var silo = Issue(ca, "CN=samples-silo-1");
        using var peer = Issue(ca, "CN=samples-silo-2");
        using var stranger = Issue(otherCa, "CN=samples-silo-1");
        var settings = new ClusterTlsSettings(Write("silo.pfx", silo.Export(X509ContentType.Pfx, "pfx-pass")), null, Write("silo.pass", "pfx-pass\n"), WritePem("ca.pem", ca));

        var tls = ClusterTls.Load(settings);

        tls.Certificate.HasPrivateKey.Should().BeTrue();
        tls.Trusts(peer).Should().BeTrue("a certificate of the cluster CA is a silo of this cluster");
        tls.Trusts(stranger).Should().BeFalse("the same name from another CA is a stranger");
        tls.Trusts(otherCa).Should().BeFalse("a CA's own self-signed certificate is not issued by ours");
        tls.Trusts(null).Should().BeFalse("no certificate, no entry");
    }

    [Fact]
    public void A_pem_certificate_with_its_key_loads()
    {
        using var ca = Authority("CN=Samples test CA");
        using var silo = Issue(ca, "CN=samples-silo-1");
        var key = Write("silo.key", silo.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        ClusterTls.Load(new ClusterTlsSettings(WritePem("silo.pem", silo), key, null, WritePem("ca.pem", ca))).Certificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public void A_certificate_of_another_CA_a_wrong_password_or_no_key_stop_the_start_with_the_setting_named()
    {
        using var ca = Authority("CN=Samples test CA");
        using var otherCa = Authority("CN=Another CA");
        using var silo = Issue(ca, "CN=samples-silo-1");
        var pfx = Write("silo.pfx", silo.Export(X509ContentType.Pfx, "pfx-pass"));

        FluentActions.Invoking(() => ClusterTls.Load(new ClusterTlsSettings(pfx, null, Write("right.pass", "pfx-pass"), WritePem("other.pem", otherCa))))
            .Should().Throw<SettingsException>().WithMessage("*is not issued by the CA in Samples:Cluster:Tls:CaPath*");
        FluentActions.Invoking(() => ClusterTls.Load(new ClusterTlsSettings(pfx, null, Write("wrong.pass", "nope"), WritePem("ca.pem", ca))))
            .Should().Throw<SettingsException>().WithMessage("Samples:Cluster:Tls: the certificate*cannot be read*PasswordFile?");
        FluentActions.Invoking(() => ClusterTls.Load(new ClusterTlsSettings(WritePem("bare.pem", silo), null, null, WritePem("ca2.pem", ca))))
            .Should().Throw<SettingsException>().WithMessage("*holds no private key*KeyPath*");
    }

    public void Dispose() => folder.Delete(recursive: true);

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string Write(string name, string content) => Write(name, System.Text.Encoding.ASCII.GetBytes(content));

    private string WritePem(string name, X509Certificate2 certificate) => Write(name, certificate.ExportCertificatePem());

    private static X509Certificate2 Authority(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string subject)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
