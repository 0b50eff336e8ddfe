using Samples.Contracts.Draws;
using Samples.Domain.Reference;
using Samples.Draw;

namespace Samples.Domain.Draws;

/// <summary>Which ceremony step is allowed when (draw/spec/draw-spec.md section 3): plain decisions, no grain, no clock of their own.</summary>
public static class DrawSteps
{
    public const int MaxSourceLength = 200;
    public const int MaxValueLength = 1000;

    /// <summary>Contributions a draw takes at most, and at most from one source (a witness, a beacon): the bundle stays small and nobody floods it.</summary>
    public const int MaxContributions = 100;
    public const int MaxContributionsPerSource = 3;

    /// <summary>True when the draw is already committed: a second commit answers the existing commitment.</summary>
    public static bool CommitIsRepeat(bool committed) => committed;

    /// <summary>Null when a contribution is accepted now; otherwise why not.</summary>
    /// <remarks>
    /// The bundle's verifier wants every contribution dated strictly after the commitment and not before the one ahead of
    /// it; a clock that has not moved on (a coarse or fake clock) is refused rather than a date being made up.
    /// </remarks>
    public static DrawRefusal? Contribute(
        bool committed, bool drawn, DateTimeOffset now, DateTimeOffset committedAt, DateTimeOffset? lastContribution, DateTimeOffset deadline,
        string? source, string? value, IReadOnlyList<string>? sourcesSoFar = null, BeaconRound? beacon = null)
    {
        if (!committed)
        {
            return new(DrawRefusal.NotCommitted, null, "the draw has not been committed");
        }

        if (drawn)
        {
            return new(DrawRefusal.WrongStep, null, "the nonce has been revealed and the draw made: no more contributions");
        }

        var sources = sourcesSoFar ?? [];
        var isBeacon = beacon is not null && source == beacon.Source;
        if (Beacons.ClaimsBeacon(source) && !isBeacon)
        {
            return new(DrawRefusal.Invalid, "source", beacon is null
                ? "the commitment names no beacon: a beacon's value is taken only for the round named when the draw was committed"
                : $"the commitment names {beacon.Source}: a beacon's value is taken for that round only (enter it as the draw's beacon, with its round)");
        }

        if (!isBeacon && now > deadline)
        {
            return new(DrawRefusal.WrongStep, null, $"contributions were accepted until {ChinaTime.Text(deadline)}");
        }

        if (now <= committedAt || now < lastContribution)
        {
            return new(DrawRefusal.WrongStep, null, "the clock has not moved past the commitment or the last contribution yet: retry");
        }

        if (isBeacon)
        {
            return Beacon(now, beacon!, value, sources);
        }

        if (sources.Count >= MaxContributions)
        {
            return new(DrawRefusal.WrongStep, null, $"the draw has its {MaxContributions} contributions, the most it takes");
        }

        if (source is not null && sources.Count(s => s == source.Trim()) >= MaxContributionsPerSource)
        {
            return new(DrawRefusal.WrongStep, "source", $"'{source.Trim()}' has contributed {MaxContributionsPerSource} times, the most one source may");
        }

        return Text(source, "source", MaxSourceLength) ?? Text(value, "value", MaxValueLength);
    }

    /// <summary>
    /// The committed beacon's value: once, only after the chain emitted the round (before, nobody can know it, so a value
    /// then is made up), and in drand's form. It is taken after the entropy deadline too, until the draw: the commitment
    /// fixed it, so a late entry chooses nothing, and the draw waits for it (<see cref="Draw"/>).
    /// </summary>
    private static DrawRefusal? Beacon(DateTimeOffset now, BeaconRound beacon, string? value, IReadOnlyList<string> sources)
    {
        if (sources.Contains(beacon.Source))
        {
            return new(DrawRefusal.WrongStep, "round", $"{beacon.Source} has been contributed already");
        }

        if (now < beacon.EmittedAt)
        {
            return new(DrawRefusal.WrongStep, "round", $"{beacon.Source} is emitted at {ChinaTime.Text(beacon.EmittedAt)}: its value cannot be known before");
        }

        return Beacons.IsRandomness(value?.Trim()) && value == value!.Trim()
            ? null
            : new(DrawRefusal.Invalid, "randomness", "the round's randomness: 64 lowercase hex characters, as the chain publishes it");
    }

    /// <summary>Null when the draw may be made now (a repeat is not a refusal: it answers the stored bundle).</summary>
    public static DrawRefusal? Draw(
        bool committed, DateTimeOffset now, DateTimeOffset committedAt, DateTimeOffset deadline, DateTimeOffset? lastContribution, BeaconRound? missingBeacon = null)
    {
        if (!committed)
        {
            return new(DrawRefusal.NotCommitted, null, "the draw has not been committed");
        }

        // Drawing without the committed beacon would let whoever draws choose between two outcomes: with it, or without.
        if (missingBeacon is not null && now > deadline)
        {
            return new(DrawRefusal.WrongStep, "beacon", $"the commitment names {missingBeacon.Source}: enter its randomness, then draw");
        }

        // Drawing before the deadline would shut out the witnesses and beacons the commitment promised to wait for.
        if (now <= deadline)
        {
            return new(DrawRefusal.WrongStep, null, $"outside entropy is accepted until {ChinaTime.Text(deadline)}: draw after it");
        }

        // The reveal is dated strictly after the commitment and every contribution (the verifier checks it).
        return now <= committedAt || now <= lastContribution
            ? new(DrawRefusal.WrongStep, null, "the clock has not moved past the commitment or the last contribution yet: retry")
            : null;
    }

    /// <summary>
    /// How late a step ran against its schedule, or null when on time or not scheduled. On time means within the
    /// scheduler's misfire threshold: later than that, the trigger was missed (no silo ran) and fired on recovery.
    /// </summary>
    public static TimeSpan? LateBy(DateTimeOffset now, StepSchedule? schedule) =>
        schedule is { } due && now - due.At > due.LateAfter ? now - due.At : null;

    /// <summary>
    /// Null when outside entropy stays open at least <paramref name="minimum"/> after a commitment made at
    /// <paramref name="now"/>: a window too short for witnesses to see the commitment and contribute would leave the
    /// draw's randomness to the one who committed.
    /// </summary>
    public static DrawRefusal? EntropyWindow(DateTimeOffset now, DateTimeOffset deadline, TimeSpan minimum) =>
        deadline <= now ? new(DrawRefusal.Invalid, "entropyDeadline", "must be in the future")
        : deadline - now < minimum ? new(DrawRefusal.Invalid, "entropyDeadline",
            $"must leave outside entropy open at least {Minutes(minimum)} after the commitment (until {ChinaTime.Text(now + minimum)} or later), so witnesses can contribute")
        : deadline > now + MaxEntropyWindow ? new(DrawRefusal.Invalid, "entropyDeadline", $"must be within {MaxEntropyWindow.TotalDays:0} days of the commitment")
        : null;

    /// <summary>The longest a commitment may keep outside entropy open: a mistyped year would hold the draw (and its trigger) open for decades.</summary>
    public static readonly TimeSpan MaxEntropyWindow = TimeSpan.FromDays(30);

    /// <summary>Null when <paramref name="round"/> is one of the plan's rounds.</summary>
    public static DrawRefusal? RoundOfPlan(int round, int rounds) =>
        round < 1 || round > rounds ? new(DrawRefusal.Invalid, "round", $"must be between 1 and {rounds}") : null;

    private static string Minutes(TimeSpan span) => span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} minutes" : $"{span.TotalSeconds:0} seconds";

    /// <summary>Null when the deadline is acceptable for a commit at <paramref name="now"/>.</summary>
    public static DrawRefusal? Deadline(DateTimeOffset now, DateTimeOffset deadline) =>
        deadline <= now ? new(DrawRefusal.Invalid, "entropyDeadline", "the entropy deadline must be after the commitment") : null;

    /// <summary>Per team seat, how many times a seat may be filled again after the draw (a replacer may withdraw too, once).</summary>
    public const int ReplacementsPerSeat = 2;

    /// <summary>
    /// Null while a supplement stays within the draw's bounds: at most as many supplements as the draw has teams, and per
    /// target at most <see cref="ReplacementsPerSeat"/> replacements per seat of its team. Unbounded supplements would
    /// let someone walk a pool's stream until a chosen inspector comes up.
    /// </summary>
    public static DrawRefusal? SupplementWithinBounds(DrawBundle drawn, string targetId, bool replacement)
    {
        var made = drawn.Replacements.Count + drawn.AlternateUses.Count;
        if (made >= drawn.Teams.Count)
        {
            return new(DrawRefusal.WrongStep, "targetId", $"the draw already has {made} supplements, one per team ({drawn.Teams.Count}); no more are made");
        }

        var seats = drawn.Teams.FirstOrDefault(t => t.TargetId == targetId)?.Members.Count ?? 0;
        var replaced = drawn.Replacements.Count(r => r.TargetId == targetId);
        return replacement && replaced >= ReplacementsPerSeat * Math.Max(seats, 1)
            ? new(DrawRefusal.WrongStep, "inspectorId", $"{targetId}'s team has been replaced {replaced} times, the most for {seats} seats; no more are made")
            : null;
    }

    /// <summary>Null when a supplement names a target and gives a reason; which field is wrong otherwise.</summary>
    public static DrawRefusal? Supplement(string? targetId, string? inspectorId, string? reason)
    {
        if (string.IsNullOrWhiteSpace(targetId))
        {
            return new(DrawRefusal.Invalid, "targetId", "required: the drawn target (e.g. ENT|<USCC>|<category>)");
        }

        if (inspectorId is not null && string.IsNullOrWhiteSpace(inspectorId))
        {
            return new(DrawRefusal.Invalid, "inspectorId", "empty: give the withdrawing inspector (INS|<number>), or leave it out when the target cannot be sampled");
        }

        return Text(reason, "reason", MaxValueLength);
    }

    private static DrawRefusal? Text(string? text, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(DrawRefusal.Invalid, field, "required");
        }

        if (text.Length > max)
        {
            return new(DrawRefusal.Invalid, field, $"at most {max} characters");
        }

        // Contributions are joined with "|" into the entropy text; control characters would make the record unreadable.
        return text.Any(char.IsControl) ? new(DrawRefusal.Invalid, field, "no control characters (line breaks, tabs)") : null;
    }
}
