using Samples.Domain.Audit;
using Samples.Domain.Progress;

namespace Samples.Domain.Tasks;

/// <summary>
/// How often an open task's reminder checks its deadlines and re-publishes events left in its outbox (setting
/// <c>Samples:Workflow:DeadlineCheckEvery</c>). Deadlines are whole days, so once a day is enough; the first check after
/// registering comes within the hour (or sooner, for a shorter period), and a task re-registers after a failed publish,
/// so that an event stranded by a silo that then died is published within the hour, not the next day. Orleans fires
/// reminders at most once a minute.
/// </summary>
public sealed record DeadlineCheckSchedule(TimeSpan Every)
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    public static DeadlineCheckSchedule Daily { get; } = new(TimeSpan.FromDays(1));

    public TimeSpan FirstDue => Every < TimeSpan.FromHours(1) ? Every : TimeSpan.FromHours(1);

    /// <summary>The schedule for <paramref name="every"/>, or why it cannot be one.</summary>
    public static DeadlineCheckSchedule? TryCreate(TimeSpan every, out string? problem)
    {
        problem = every < Shortest || every > TimeSpan.FromDays(1)
            ? $"must be between {Shortest:c} and 1.00:00:00 (Orleans fires reminders at most once a minute; deadlines are days)"
            : null;
        return problem is null ? new DeadlineCheckSchedule(every) : null;
    }
}
