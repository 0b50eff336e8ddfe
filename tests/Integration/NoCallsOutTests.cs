using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samples.Domain.Tests.Support;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>A regulator's deployment calls nothing outside the machine: no telemetry, no lookups, no connections.</summary>
[Collection(PostgresCollection.Name)]
public sealed class NoCallsOutTests
{
    [Fact]
    public async Task A_silo_looks_up_and_connects_to_nothing_beyond_the_machine_from_start_to_stop()
    {
        using var watch = new OutboundConnections();
        // A tripwire: should usage telemetry ever be on again, MassTransit would report it as the silo stops (not only
        // after its five-minute delay), and this test would see the lookup and the request.
        var silo = await RunningSilo.StartAsync(
            RunningSilo.NewServiceId("no-calls-out"),
            configure: b => b.Services.Configure<UsageTelemetryOptions>(o => o.ReportOnShutdown = true));
        try
        {
            using var admin = silo.Http(silo.AdminToken());
            await admin.GetAsync("/health");
            (await admin.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = "青海示例离线公司", regionCode = "632800" }))
                .StatusCode.Should().Be(HttpStatusCode.Created, "a write goes through the grains, PostgreSQL and the bus");
            silo.Services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.Should().BeFalse("MassTransit's usage telemetry is off");
        }
        finally
        {
            await silo.DisposeAsync();
        }

        watch.Seen.Should().Contain(s => s.StartsWith("connect ", StringComparison.Ordinal), "the watch sees the silo's own connections (PostgreSQL, HTTP)");
        watch.Outside.Should().BeEmpty($"nothing may call out of the machine; seen: {string.Join("; ", watch.Seen.Distinct())}");
    }

    [Theory]
    [InlineData("192.0.2.1", false)]
    [InlineData("2001:db8::1", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    public void The_watch_reads_the_address_of_a_socket_connect(string address, bool local)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(address), 443);

        var read = OutboundConnections.AddressOf(endpoint.Serialize().ToString());

        read.Should().Be(IPAddress.Parse(address));
        OutboundConnections.IsLocal(read!).Should().Be(local);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("usage-tracking.masstransit.io", false)]
    [InlineData("10.0.0.5", false)]
    public void The_watch_tells_local_hosts_from_others(string host, bool local) =>
        OutboundConnections.IsLocal(host).Should().Be(local);
}
