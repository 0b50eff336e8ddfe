using Quartz;
using Samples.Silo.Risk;

namespace Samples.Tests.Host.Risk;

public sealed class RunRiskModelJobTests
{
    [Theory]
    [InlineData("2026-12-05T00:00:00Z", "2027-01-01T02:00:00+08:00")]
    [InlineData("2027-01-15T00:00:00Z", "2027-02-01T02:00:00+08:00")]
    [InlineData("2027-02-20T00:00:00Z", "2027-03-01T02:00:00+08:00")]
    [InlineData("2028-02-20T00:00:00Z", "2028-03-01T02:00:00+08:00")]
    public void The_monthly_run_fires_at_two_in_the_morning_china_time_on_the_first(string after, string expected)
    {
        var trigger = TriggerBuilder.Create().WithCronSchedule(RunRiskModelJob.MonthlyCron, cron => cron.InTimeZone(TimeZoneInfo.Utc)).Build();
        trigger.GetFireTimeAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture))
            .Should().Be(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), "the last day of each month, leap years too, at 18:00 UTC");
    }
}
