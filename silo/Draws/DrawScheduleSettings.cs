using Microsoft.Extensions.Configuration;
using Samples.Contracts.Draws;
using Samples.Silo.Hosting;

namespace Samples.Silo.Draws;

/// <summary>
/// How scheduled rounds run (section <c>Samples:Draws</c>): the commitment is made <see cref="CommitLead"/> before the
/// round time and outside entropy is accepted until the round time; a commitment made late (the silo was down) keeps
/// entropy open at least <see cref="MinimumEntropyWindow"/>. A step that runs more than the scheduler's misfire threshold
/// (<c>Samples:Scheduling:MisfireThreshold</c>) after its time is recorded as late.
/// </summary>
public sealed record DrawScheduleSettings(TimeSpan CommitLead, TimeSpan MinimumEntropyWindow, TimeSpan MisfireThreshold)
{
    public static DrawScheduleSettings Read(IConfiguration configuration) => new(
        Duration(configuration, "Samples:Draws:CommitLead", TimeSpan.FromHours(24)),
        Duration(configuration, "Samples:Draws:MinimumEntropyWindow", TimeSpan.FromMinutes(10)),
        Duration(configuration, "Samples:Scheduling:MisfireThreshold", TimeSpan.FromMinutes(1)));

    /// <summary>A step the scheduler means to run at <paramref name="at"/>.</summary>
    public StepSchedule Step(DateTimeOffset at) => new(at, MisfireThreshold);

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback)
    {
        var text = configuration[key];
        if (text is null)
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new SettingsException($"{key} '{text}' is not a positive duration (d.hh:mm:ss, e.g. 1.00:00:00 for a day).");
    }
}
