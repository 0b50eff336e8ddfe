using Microsoft.Extensions.Configuration;
using Samples.Domain.Tasks;
using Samples.Silo.Hosting;
using Samples.Silo.Tasks;

namespace Samples.Tests.Host.Tasks;

public sealed class DeadlineCheckScheduleTests
{
    [Fact]
    public void By_default_a_task_checks_daily_and_first_within_the_hour()
    {
        var schedule = TasksComposition.DeadlineChecks(Settings(null));
        schedule.Should().Be(DeadlineCheckSchedule.Daily);
        schedule.FirstDue.Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_shorter_period_is_also_the_first_due_time()
    {
        var schedule = TasksComposition.DeadlineChecks(Settings("00:02:00"));
        schedule.Every.Should().Be(TimeSpan.FromMinutes(2));
        schedule.FirstDue.Should().Be(TimeSpan.FromMinutes(2), "the first check need not wait longer than the period");
    }

    [Theory]
    [InlineData("00:00:30", "between 00:01:00 and 1.00:00:00")]
    [InlineData("2.00:00:00", "between 00:01:00 and 1.00:00:00")]
    [InlineData("daily", "is not a duration")]
    public void A_period_Orleans_cannot_keep_or_that_is_not_a_duration_is_refused_naming_the_setting(string text, string why)
    {
        var act = () => TasksComposition.DeadlineChecks(Settings(text));
        act.Should().Throw<SettingsException>().WithMessage($"Samples:Workflow:DeadlineCheckEvery '{text}' *{why}*");
    }

    private static IConfiguration Settings(string? every) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Samples:Workflow:DeadlineCheckEvery"] = every }).Build();
}
