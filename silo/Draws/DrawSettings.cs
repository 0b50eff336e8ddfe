using Microsoft.Extensions.Configuration;
using Samples.Contracts.Draws;
using Samples.Draw;
using Samples.Silo.Hosting;

namespace Samples.Silo.Draws;

/// <summary>
/// How draws are made (section <c>Samples:Draws</c>). Teams: <see cref="TeamSize"/> inspectors, not all of one unit,
/// an inspector recused from an enterprise he inspected within <see cref="RecusalDays"/> days. Scheduled rounds: the commitment is made <see cref="CommitLead"/> before the
/// round time and outside entropy is accepted until the round time; a commitment made late (the silo was down) keeps
/// entropy open at least <see cref="MinimumEntropyWindow"/>, and so does every commitment a supervisor makes (nobody
/// can commit with a window too short for witnesses to contribute). A step that runs more than the scheduler's misfire threshold
/// (<c>Samples:Scheduling:MisfireThreshold</c>) after its time is recorded as late.
/// </summary>
/// <param name="AllowShortTeams">
/// Whether a scheduled round whose teams cannot all be staffed is committed anyway, its shortfall published in the
/// commitment (default: refused, the round not drawn, the pools named in the log); a supervisor's commit says it itself.
/// </param>
public sealed record DrawSettings(TimeSpan CommitLead, TimeSpan MinimumEntropyWindow, TimeSpan MisfireThreshold, int TeamSize = 2, int RecusalDays = 180, bool AllowShortTeams = false)
{
    /// <summary>
    /// The least <see cref="MinimumEntropyWindow"/> a deployment may configure. The setting is the operator's (the
    /// deployment's configuration), never a request's; the default is 10 minutes, and tests run with 1 second.
    /// </summary>
    public static readonly TimeSpan EntropyWindowFloor = TimeSpan.FromSeconds(1);

    /// <summary>How many skipped emissions per team seat and pool member before a target is left without a team (draw-spec §5's bound).</summary>
    public const int EmissionBound = 10;

    public static DrawSettings Read(IConfiguration configuration) => new(
        Duration(configuration, "Samples:Draws:CommitLead", TimeSpan.FromHours(24)),
        AtLeast(configuration, "Samples:Draws:MinimumEntropyWindow", TimeSpan.FromMinutes(10), EntropyWindowFloor),
        Duration(configuration, "Samples:Scheduling:MisfireThreshold", TimeSpan.FromMinutes(1)),
        Number(configuration, "Samples:Draws:TeamSize", 2, 2, 10),
        Number(configuration, "Samples:Draws:RecusalDays", 180, 0, 3650),
        Flag(configuration, "Samples:Draws:AllowShortTeams"));

    private static bool Flag(IConfiguration configuration, string key) => configuration[key] switch
    {
        null => false,
        var text when bool.TryParse(text, out var value) => value,
        var text => throw new SettingsException($"{key} '{text}' is not true or false."),
    };

    /// <summary>The team rules the commitment publishes.</summary>
    public TeamRules Teams => new(TeamSize, true, RecusalDays, EmissionBound);

    private static int Number(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = configuration[key];
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new SettingsException($"{key} '{text}' is not a whole number between {min} and {max}.");
    }

    private static TimeSpan AtLeast(IConfiguration configuration, string key, TimeSpan fallback, TimeSpan floor) =>
        Duration(configuration, key, fallback) is var value && value >= floor
            ? value
            : throw new SettingsException($"{key} '{configuration[key]}' is below the floor of {floor}.");

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
