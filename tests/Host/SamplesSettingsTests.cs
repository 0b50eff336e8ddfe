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
        settings.GatewayPort.Should().Be(30000);
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
}
