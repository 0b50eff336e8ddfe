using Microsoft.Extensions.Configuration;
using Samples.Silo.Hosting;

namespace Samples.Tests.Host;

public sealed class SamplesSettingsTests
{
    private static SamplesSettings Read(params (string Key, string Value)[] values) =>
        SamplesSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    private const string Cs = "Host=127.0.0.1;Database=x";

    [Fact]
    public void Defaults_are_one_local_silo_on_the_in_memory_bus()
    {
        var settings = Read(("Samples:Postgres:ConnectionString", Cs));

        settings.ClusterId.Should().Be("samples-local");
        settings.SiloPort.Should().Be(11111);
        settings.GatewayPort.Should().BeNull("no Orleans client needs a gateway unless one is configured");
        settings.Tls.Should().BeNull("TLS is off for the one silo on loopback unless configured");
        settings.Transport.Should().Be(MessagingTransport.InMemory);
        settings.ClusteredScheduler.Should().BeFalse();
    }

    [Fact]
    public void RabbitMq_and_clustered_scheduling_are_chosen_by_configuration()
    {
        var settings = Read(
            ("Samples:Postgres:ConnectionString", Cs),
            ("Samples:Messaging:Transport", "rabbitmq"),
            ("Samples:Messaging:RabbitMq:Host", "10.0.0.5"),
            ("Samples:Messaging:RabbitMq:Port", "5673"),
            ("Samples:Messaging:RabbitMq:Password", "not-guest"),
            ("Samples:Scheduling:Clustered", "true"));

        settings.Transport.Should().Be(MessagingTransport.RabbitMq);
        settings.RabbitMq.Host.Should().Be("10.0.0.5");
        settings.RabbitMq.Port.Should().Be(5673);
        settings.ClusteredScheduler.Should().BeTrue();
    }

    [Fact]
    public void A_missing_connection_string_names_the_setting_and_its_environment_variable() =>
        FluentActions.Invoking(() => Read())
            .Should().Throw<SettingsException>().WithMessage("*Samples:Postgres:ConnectionString*Samples__Postgres__ConnectionString*");

    [Theory]
    [InlineData("Samples:Cluster:SiloPort", "70000", "Cluster:SiloPort '70000' is not a port number*")]
    [InlineData("Samples:Cluster:AdvertisedAddress", "here", "*AdvertisedAddress 'here' is not an IP address*")]
    [InlineData("Samples:Messaging:Transport", "Kafka", "*Transport 'Kafka' is not one of: InMemory, RabbitMq*")]
    public void A_wrong_value_names_the_setting_and_why(string key, string value, string message) =>
        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", Cs), (key, value)))
            .Should().Throw<SettingsException>().WithMessage(message);

    private const string Exposed = "Samples:Cluster:AdvertisedAddress";
    private const string DefaultCs = "Host=127.0.0.1;Database=x;Username=samples;Password=samples";

    [Fact]
    public void The_development_passwords_run_on_loopback()
    {
        var settings = Read(("Samples:Postgres:ConnectionString", DefaultCs), ("Samples:Messaging:Transport", "RabbitMq"), ("Urls", "http://127.0.0.1:5080"));

        settings.RabbitMq.Password.Should().Be("guest");
        settings.ConnectionString.Should().Contain("Password=samples");
    }

    [Theory]
    [InlineData(Exposed, "10.0.0.5", "*development password is refused because the advertised address 10.0.0.5 is not loopback*Samples:Postgres:PasswordFile*")]
    [InlineData("Urls", "http://0.0.0.0:5080", "*development password is refused because the HTTP listen address http://0.0.0.0:5080 is not loopback*")]
    [InlineData("Urls", "http://127.0.0.1:5080;http://+:5081", "*because the HTTP listen address http://+:5081 is not loopback*")]
    public void The_development_postgres_password_is_refused_where_others_reach_the_silo(string key, string value, string message) =>
        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", DefaultCs), (key, value), ("Samples:Cluster:Tls:CertificatePath", "")))
            .Should().Throw<SettingsException>().WithMessage(message);

    [Fact]
    public void The_development_postgres_password_is_refused_for_a_database_on_another_machine() =>
        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", "Host=db.example;Database=x;Username=samples;Password=samples")))
            .Should().Throw<SettingsException>().WithMessage("*because the PostgreSQL host db.example is not loopback*");

    [Fact]
    public void The_guest_password_is_refused_for_a_broker_on_another_machine() =>
        FluentActions.Invoking(() => Read(
                ("Samples:Postgres:ConnectionString", Cs),
                ("Samples:Messaging:Transport", "RabbitMq"),
                ("Samples:Messaging:RabbitMq:Host", "10.0.0.7")))
            .Should().Throw<SettingsException>().WithMessage("Samples:Messaging:RabbitMq: the password 'guest' is refused because the RabbitMQ host 10.0.0.7 is not loopback*PasswordFile*");

    [Fact]
    public void Passwords_from_files_replace_the_defaults_and_let_a_silo_run_off_loopback()
    {
        using var postgres = new SecretFile("pg-secret-1\n");
        using var rabbit = new SecretFile("rabbit-secret-2");
        using var certificate = new SecretFile("not read here");
        using var ca = new SecretFile("not read here");

        var settings = Read(
            ("Samples:Postgres:ConnectionString", "Host=db.example;Database=x;Username=samples;Password=samples"),
            ("Samples:Postgres:PasswordFile", postgres.Path),
            ("Samples:Messaging:Transport", "RabbitMq"),
            ("Samples:Messaging:RabbitMq:Host", "10.0.0.7"),
            ("Samples:Messaging:RabbitMq:Username", "samples-qh"),
            ("Samples:Messaging:RabbitMq:PasswordFile", rabbit.Path),
            (Exposed, "10.0.0.5"),
            ("Samples:Cluster:Tls:CertificatePath", certificate.Path),
            ("Samples:Cluster:Tls:CaPath", ca.Path));

        settings.ConnectionString.Should().Contain("Password=pg-secret-1").And.NotContain("Password=samples");
        settings.RabbitMq.Password.Should().Be("rabbit-secret-2");
        settings.RabbitMq.ToString().Should().NotContain("rabbit-secret-2", "settings printed in a log carry no password");
        settings.Tls.Should().Be(new ClusterTlsSettings(certificate.Path, null, null, ca.Path));
    }

    [Fact]
    public void A_password_from_the_environment_replaces_the_default() =>
        Read(("Samples:Postgres:ConnectionString", DefaultCs), ("Samples:Postgres:Password", "from-env"), (Exposed, "10.0.0.5"),
                ("Samples:Cluster:Tls:CertificatePath", typeof(SamplesSettingsTests).Assembly.Location), ("Samples:Cluster:Tls:CaPath", typeof(SamplesSettingsTests).Assembly.Location))
            .ConnectionString.Should().Contain("Password=from-env");

    [Fact]
    public void A_silo_advertised_off_loopback_needs_tls() =>
        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", "Host=127.0.0.1;Database=x;Password=strong"), (Exposed, "10.0.0.5")))
            .Should().Throw<SettingsException>().WithMessage("Samples:Cluster:Tls:CertificatePath is required: the advertised address 10.0.0.5 is not loopback*");

    [Theory]
    [InlineData("Samples:Postgres:PasswordFile", "/nonexistent/pg", "Samples:Postgres:PasswordFile '/nonexistent/pg' does not exist.")]
    [InlineData("Samples:Messaging:RabbitMq:PasswordFile", "/nonexistent/mq", "Samples:Messaging:RabbitMq:PasswordFile '/nonexistent/mq' does not exist.")]
    [InlineData("Samples:Cluster:Tls:CertificatePath", "/nonexistent/silo.pfx", "Samples:Cluster:Tls:CaPath is not set*")]
    [InlineData("Samples:Cluster:GatewayPort", "0", "Cluster:GatewayPort '0' is not a port number*")]
    public void A_missing_secret_file_or_setting_is_named(string key, string value, string message) =>
        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", Cs), (key, value)))
            .Should().Throw<SettingsException>().WithMessage(message);

    [Fact]
    public void An_empty_password_file_is_refused()
    {
        using var empty = new SecretFile("");

        FluentActions.Invoking(() => Read(("Samples:Postgres:ConnectionString", Cs), ("Samples:Postgres:PasswordFile", empty.Path)))
            .Should().Throw<SettingsException>().WithMessage($"Samples:Postgres:PasswordFile '{empty.Path}' is empty.");
    }

    private sealed class SecretFile : IDisposable
    {
        public SecretFile(string content)
        {
            Path = System.IO.Path.GetTempFileName();
            File.WriteAllText(Path, content);
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
