using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Samples.Domain.Tests.Support;
using Samples.Tests.Cluster;

namespace Samples.Tests.Ops;

/// <summary>
/// Every port a project server listens on by default, in the ops scripts, the silo's settings and the tests' own servers, is
/// below Linux's ephemeral range (32768–60999). A port in that range can be held at any moment as the local end of an
/// outgoing connection: CI lost its cluster tests so, when RabbitMQ started mid-run on 55682 found it in use.
/// </summary>
public sealed partial class ListenPortsTests
{
    private const int EphemeralFrom = 32768;

    [Fact]
    public void The_ops_scripts_default_ports_are_below_the_ephemeral_range_and_the_silo_settings_use_the_scripts_PostgreSQL_port()
    {
        var defaults = System.IO.Directory.GetFiles(Path.Combine(RepoPaths.Root, "ops"), "*.sh", SearchOption.AllDirectories)
            .SelectMany(file => DefaultPort().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Name: m.Groups[1].Value, Port: Number(m.Groups[2].Value))))
            .ToList();

        defaults.Select(d => d.Name).Should().Contain(["SAMPLES_PG_PORT", "SAMPLES_RABBIT_PORT", "SAMPLES_HTTP_PORT", "SAMPLES_SILO_PORT"]);
        // RabbitMQ's Erlang distribution listens on the next port.
        defaults.Should().OnlyContain(d => d.Port + 1 < EphemeralFrom, "{0}", string.Join(", ", defaults.Where(d => d.Port + 1 >= EphemeralFrom)));

        var pg = defaults.Single(d => d.File == "common.sh" && d.Name == "SAMPLES_PG_PORT").Port;
        var settings = File.ReadAllText(Path.Combine(RepoPaths.Root, "silo", "appsettings.json"));
        Number(SettingsPort().Match(settings).Groups[1].Value).Should().Be(pg, "the silo connects where ops/run.sh starts PostgreSQL");
    }

    [Theory]
    [InlineData(typeof(ClusterUnderTest), "PostgresPort")]
    [InlineData(typeof(ClusterUnderTest), "RabbitPort")]
    [InlineData(typeof(BackupRestoreDrillTests), "Port")]
    public void The_tests_own_servers_listen_below_the_ephemeral_range(Type type, string field)
    {
        var port = (int)type.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

        (port + 1).Should().BeLessThan(EphemeralFrom, $"{type.Name}.{field} is started while the tests hold many connections");
    }

    private static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\b(SAMPLES_[A-Z_]*PORT)=""\$\{[A-Z_]+:-(\d+)\}""")]
    private static partial Regex DefaultPort();

    [GeneratedRegex(@"Port=(\d+);")]
    private static partial Regex SettingsPort();
}
