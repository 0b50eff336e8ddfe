using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Silo.Hosting;
using Samples.Silo.Telemetry;

namespace Samples.Tests.Host.Telemetry;

/// <summary>What the telemetry settings mean, JSON logs on request, and what the workflow meter records.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void By_default_metrics_stay_in_the_silo_no_traces_no_export_and_text_logs()
    {
        var settings = TelemetrySettings.Read(Config());

        settings.Should().Be(new TelemetrySettings(Enabled: true, OtlpEndpoint: null, Traces: false, JsonLogs: false), "nothing leaves the machine unless a collector is named");
    }

    [Fact]
    public void A_collector_named_by_the_standard_variable_turns_export_and_traces_on()
    {
        var settings = TelemetrySettings.Read(Config(("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));

        settings.OtlpEndpoint.Should().Be(new Uri("http://collector:4317"));
        settings.Traces.Should().BeTrue("spans have somewhere to go");
    }

    [Theory]
    [InlineData("Samples:Telemetry:OtlpEndpoint", "collector:4317", "Samples:Telemetry:OtlpEndpoint")]
    [InlineData("Samples:Telemetry:OtlpEndpoint", "ftp://collector", "Samples:Telemetry:OtlpEndpoint")]
    [InlineData("Samples:Logging:Format", "xml", "Samples:Logging:Format")]
    [InlineData("Samples:Telemetry:Enabled", "yes", "Samples:Telemetry:Enabled")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value, string named)
    {
        var read = () => TelemetrySettings.Read(Config((key, value)));

        read.Should().Throw<SettingsException>().WithMessage($"*{named}*");
    }

    [Fact]
    public void Json_logs_on_request_switch_the_console_to_the_JSON_formatter()
    {
        var text = WebApplication.CreateBuilder();
        text.Configuration.AddInMemoryCollection([new("Samples:Telemetry:Enabled", "false")]);
        text.AddSamplesTelemetry();
        var json = WebApplication.CreateBuilder();
        json.Configuration.AddInMemoryCollection([new("Samples:Telemetry:Enabled", "false"), new("Samples:Logging:Format", "json")]);
        json.AddSamplesTelemetry();

        FormatterOf(json).Should().Be(ConsoleFormatterNames.Json);
        FormatterOf(text).Should().NotBe(ConsoleFormatterNames.Json, "the default stays as it was");
    }

    [Fact]
    public void The_workflow_meter_counts_steps_draws_once_and_lags_of_past_events_only()
    {
        var recorded = new List<(string Instrument, double Value, string? Tag)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkflowMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Add((i.Name, v, Tag(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Add((i.Name, v, Tag(tags))));
        listener.Start();
        var now = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
        var drawId = $"TEL-{Guid.NewGuid():N}:R1";

        WorkflowMetrics.Published([Step(drawId, 1, "commit", "frames frozen"), Step(drawId, 2, "contribute", "witness: 42"), Step(drawId, 3, "commit", DrawStepRecord.Repeat), Step(drawId, 4, "draw", "nonce revealed")]);
        WorkflowMetrics.Consumed("test-consumer", [now.AddSeconds(-2), now.AddDays(20)], now);

        // Other tests in this process may record at the same time: only this test's consumer tag and draw steps are read.
        recorded.Where(r => r.Instrument == "samples.workflow.consumer_lag" && r.Tag == "test-consumer").Select(r => r.Value)
            .Should().Equal([2.0], "an event dated in the future (a caller's clock) has no lag");
        recorded.Where(r => r.Instrument == "samples.draws.steps").Select(r => r.Tag).Should().Contain(["committed", "revealed"]);
        WorkflowMetrics.DrawStep(Step(drawId, 3, "commit", DrawStepRecord.Repeat)).Should().BeNull("a repeated commit drew nothing new");
        WorkflowMetrics.DrawStep(Step(drawId, 2, "contribute", "x")).Should().BeNull();
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? null : tags[0].Value?.ToString();

    private static DrawStepRecorded Step(string drawId, int version, string action, string detail) =>
        new($"{drawId}#{version}", drawId, new TaskHistoryEntry(version, DateTimeOffset.UnixEpoch, "tester", action, detail, TaskHistoryEntry.Genesis, TaskHistoryEntry.Genesis));

    private static string? FormatterOf(WebApplicationBuilder builder)
    {
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
