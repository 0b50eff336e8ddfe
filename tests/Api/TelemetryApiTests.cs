using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Access;
using Samples.Silo.Telemetry;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Prometheus scrapes /metrics with an admin key: after a draw and a task taken to publication the project's meters show
/// them, beside ASP.NET Core's request metric and Orleans' own; nobody else may read the metrics or open the dashboard.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class TelemetryApiTests
{
    [Fact]
    public async Task An_admin_scrapes_the_workflow_the_requests_and_Orleans_others_are_refused()
    {
        var (silo, boss) = await ApiFixture.StartIsolatedAsync("telemetry");
        await using var _ = silo;
        using var http = silo.Http(boss);
        using var admin = silo.Http(silo.AdminToken());
        using var anonymous = silo.Http(null);
        using var witness = silo.Http(await TaskScenario.CredentialAsync(admin, "见证人", Role.Witness, null));
        using var supervisor = silo.Http(boss);
        var planId = "TEL-" + Guid.NewGuid().ToString("N")[..8];
        // The meters are the process's: other tests' silos in this process count too, so the test reads what its own work added.
        var before = Parse(await admin.GetStringAsync(TelemetryComposition.MetricsPath));

        await DrawScenario.SeedAsync(http, planId);
        await DrawScenario.CommitAndDrawAsync(http, planId, clock: silo.Clock);
        await TaskScenario.PublishOneAsync(silo, http, planId);
        var scraped = await admin.GetAsync(TelemetryComposition.MetricsPath);
        var text = await scraped.Content.ReadAsStringAsync();
        var after = Parse(text);

        scraped.StatusCode.Should().Be(HttpStatusCode.OK);
        double Added(string series) => after.GetValueOrDefault(series) - before.GetValueOrDefault(series);
        Added("samples_workflow_transitions_total{step=\"accept\"}").Should().BeGreaterThanOrEqualTo(2, "both inspectors accepted");
        Added("samples_workflow_transitions_total{step=\"publish\"}").Should().BeGreaterThanOrEqualTo(1, "the task was published");
        Added("samples_workflow_transitions_total{step=\"accept\"}").Should().BeLessThan(1000, "a plausible count, not a runaway");
        Added("samples_draws_steps_total{step=\"committed\"}").Should().BeGreaterThanOrEqualTo(1, "the round was committed");
        Added("samples_draws_steps_total{step=\"revealed\"}").Should().BeGreaterThanOrEqualTo(1, "and drawn");
        after.Keys.Should().Contain(k => k.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal), "ASP.NET Core's request metric");
        after.Where(k => k.Key.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal)).Sum(k => k.Value)
            .Should().BeGreaterThan(15, "every request above was one");
        after.Keys.Should().Contain(k => k.StartsWith("orleans_", StringComparison.Ordinal), "Orleans' meter");
        after.Keys.Should().Contain(k => k.StartsWith("samples_workflow_outbox_waiting", StringComparison.Ordinal), "the outbox gauge is reported");
        after.Keys.Should().Contain(k => k.StartsWith("npgsql_", StringComparison.Ordinal) || k.StartsWith("db_client_", StringComparison.Ordinal), "Npgsql's metrics");

        // The overdue gauge reads the board in the background (a scrape never waits for it): once read, it is reported.
        await silo.Services.GetRequiredService<OverdueGauge>().RefreshAsync(CancellationToken.None);
        var overdue = Parse(await admin.GetStringAsync(TelemetryComposition.MetricsPath));
        overdue.Should().ContainKey("samples_workflow_overdue").WhoseValue.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(100_000);

        (await anonymous.GetAsync(TelemetryComposition.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await witness.GetAsync(TelemetryComposition.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync(TelemetryComposition.MetricsPath)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only admins read the metrics");
        (await anonymous.GetAsync(TelemetryComposition.DashboardPath + "/")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await supervisor.GetAsync(TelemetryComposition.DashboardPath + "/")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the dashboard is for admins");
        (await admin.GetAsync(TelemetryComposition.DashboardPath + "/")).StatusCode.Should().Be(HttpStatusCode.OK, "an admin opens the dashboard");
    }

    /// <summary>Series (name with labels, the scope labels left out) to value, from Prometheus' text format.</summary>
    private static Dictionary<string, double> Parse(string text)
    {
        var series = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (Sample().Match(line) is not { Success: true } m)
            {
                continue;
            }

            var labels = string.Join(",", Label().Matches(m.Groups["labels"].Value).Select(l => l.Value).Where(l => !l.StartsWith("otel_scope", StringComparison.Ordinal)));
            var key = labels.Length == 0 ? m.Groups["name"].Value : $"{m.Groups["name"].Value}{{{labels}}}";
            series[key] = series.GetValueOrDefault(key) + double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return series;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[-+0-9.eE]+|NaN|\+Inf)( \d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""")]
    private static partial Regex Label();
}
