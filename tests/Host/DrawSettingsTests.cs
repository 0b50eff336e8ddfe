using Microsoft.Extensions.Configuration;
using Samples.Domain.Draws;
using Samples.Silo.Draws;
using Samples.Silo.Hosting;

namespace Samples.Tests.Host;

public sealed class DrawSettingsTests
{
    private static DrawSettings Read(params (string Key, string Value)[] values) => DrawSettings.Read(
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    [Fact]
    public void Defaults_are_a_days_lead_ten_minutes_of_late_entropy_teams_of_two_and_180_days_of_recusal()
    {
        var settings = Read();

        settings.CommitLead.Should().Be(TimeSpan.FromDays(1));
        settings.MinimumEntropyWindow.Should().Be(TimeSpan.FromMinutes(10));
        settings.MisfireThreshold.Should().Be(TimeSpan.FromMinutes(1));
        settings.Teams.Should().Be(new Samples.Draw.TeamRules(2, true, 180, DrawSettings.EmissionBound));
    }

    [Theory]
    [InlineData("Samples:Draws:CommitLead", "-01:00:00")]
    [InlineData("Samples:Draws:CommitLead", "tomorrow")]
    [InlineData("Samples:Draws:TeamSize", "1")]
    [InlineData("Samples:Draws:RecusalDays", "-3")]
    [InlineData("Samples:Draws:MinimumEntropyWindow", "00:00:00.500")]
    public void A_bad_value_names_its_key(string key, string value) =>
        FluentActions.Invoking(() => Read((key, value))).Should().Throw<SettingsException>().WithMessage($"{key} '{value}'*");

    [Fact]
    public void A_commitment_leaves_outside_entropy_open_at_least_the_minimum_window()
    {
        var now = new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
        var minimum = TimeSpan.FromMinutes(10);
        Samples.Domain.Draws.DrawSteps.EntropyWindow(now, now.AddSeconds(40), minimum)!.Reason
            .Should().Be("must leave outside entropy open at least 10 minutes after the commitment (until 2026-12-05 10:10:00 (UTC+8) or later), so witnesses can contribute");
        Samples.Domain.Draws.DrawSteps.EntropyWindow(now, now, minimum)!.Reason.Should().Be("must be in the future");
        Samples.Domain.Draws.DrawSteps.EntropyWindow(now, now + minimum, minimum).Should().BeNull();
    }

    [Fact]
    public void A_failed_round_step_is_retried_after_a_pause_that_doubles_up_to_ten_minutes_and_never_gives_up()
    {
        Enumerable.Range(0, 8).Select(RoundScheduler.Backoff).Select(t => t.TotalSeconds).Should().Equal(15, 30, 60, 120, 240, 480, 600, 600);
        RoundScheduler.Backoff(1000).Should().Be(TimeSpan.FromMinutes(10));
    }
}
