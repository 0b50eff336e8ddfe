using Samples.Contracts.Reference;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Grains.Tasks;

namespace Samples.Grains.Reference;

public sealed class WorkingCalendarState
{
    /// <summary>Every version an admin added, oldest first; the shipped years are not copied here (they are the seed).</summary>
    public List<YearScheduleVersion> Added { get; set; } = [];

    public int AuditVersion { get; set; }

    public string AuditHead { get; set; } = TaskHistoryEntry.Genesis;

    /// <summary>Audit entries stored with the change and published after it.</summary>
    public List<CalendarChangeRecorded> Outbox { get; set; } = [];
}

/// <summary>
/// Hosts the working calendar's versions (<see cref="YearScheduleRules"/> decides): the shipped years are version 1 of
/// their year, each added schedule the next version of its year and the next revision of the calendar. Each stored
/// version is an entry of the calendar's hash chain, published to the audit trail through an outbox.
/// </summary>
[GrainType("working-calendar")]
public sealed class WorkingCalendarGrain(
    [PersistentState("calendar", StorageNames.Default)] IPersistentState<WorkingCalendarState> state,
    ITaskEventSink events,
    TimeProvider clock) : Grain, IWorkingCalendarGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            await FlushAsync();
        }
    }

    public async Task<CalendarChangeResult> AddAsync(YearSchedule schedule, string? reason, string addedBy)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var versions = Versions(schedule.Year);
        var decision = YearScheduleRules.Decide(schedule, reason, versions);
        if (decision.Problems.Count > 0 || decision.Conflict is not null || decision.Repeat)
        {
            return decision;
        }

        var normalised = YearScheduleRules.Normalised(schedule);
        var now = clock.GetUtcNow();
        var stored = new YearScheduleVersion(
            normalised, versions.Count + 1, state.State.Added.Count + 1, YearScheduleVersion.Added, now, addedBy,
            string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), YearScheduleRules.Sha256(normalised));
        state.State.Added.Add(stored);
        Audit(stored, versions.Count == 0 ? null : versions[^1], now);
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        return new CalendarChangeResult(stored, false, [], null);
    }

    public Task<CalendarSnapshot> CurrentAsync()
    {
        var years = WorkingCalendar.ShippedSchedules.Select(s => s.Year).Concat(state.State.Added.Select(a => a.Schedule.Year))
            .Distinct().Order().Select(y => Versions(y)[^1]).ToArray();
        return Task.FromResult(new CalendarSnapshot(state.State.Added.Count, years));
    }

    public Task<IReadOnlyList<YearScheduleVersion>> VersionsAsync(int year) => Task.FromResult(Versions(year));

    /// <summary>The shipped years as version 1 of each, made once (they never change while the process runs).</summary>
    private static readonly Lazy<YearScheduleVersion[]> Shipped = new(() => [.. WorkingCalendar.ShippedSchedules
        .Select(s => new YearScheduleVersion(s, 1, 0, YearScheduleVersion.Shipped, null, null, null, YearScheduleRules.Sha256(s)))]);

    private IReadOnlyList<YearScheduleVersion> Versions(int year) =>
        [.. Shipped.Value.Where(v => v.Schedule.Year == year), .. state.State.Added.Where(a => a.Schedule.Year == year)];

    /// <summary>Adds the change to the calendar's audit chain and to the outbox; stored by the caller's next write.</summary>
    private void Audit(YearScheduleVersion stored, YearScheduleVersion? replaces, DateTimeOffset at)
    {
        var s = state.State;
        var detail = $"{stored.Schedule.Year} version {stored.Version} (calendar revision {stored.Revision}) from {stored.Schedule.SourceTitle}, " +
            $"{stored.Schedule.SourceDate:yyyy-MM-dd}: {YearScheduleRules.Summary(stored.Schedule)}; sha256 {stored.Sha256}" +
            (replaces is null ? string.Empty : $"; corrects version {replaces.Version} (sha256 {replaces.Sha256}) because: {stored.Reason}");
        var entry = TaskHistory.Entry(s.AuditHead, s.AuditVersion + 1, at, stored.AddedBy ?? "-", replaces is null ? "calendar-year-added" : "calendar-year-corrected", detail);
        s.AuditVersion = entry.Version;
        s.AuditHead = entry.Sha256;
        s.Outbox.Add(new CalendarChangeRecorded($"{CalendarChangeRecorded.Stream}#{entry.Version}", entry));
    }

    /// <summary>Publishes the outbox; on failure the entries stay in it and go out with the next change or activation.</summary>
    private Task FlushAsync() => Outbox.DrainAsync(state.State.Outbox, pending => events.PublishAsync(pending, CancellationToken.None));
}
