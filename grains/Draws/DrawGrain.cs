using System.Security.Cryptography;
using System.Text.Json;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Draws;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Draw;
using Samples.Grains.Tasks;

namespace Samples.Grains.Draws;

public sealed class DrawContributionState
{
    public string Source { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed class DrawState
{
    public bool Committed { get; set; }
    public int PlanVersion { get; set; }
    public string TargetsText { get; set; } = "";
    public string InspectorsText { get; set; } = "";
    public string ExclusionsText { get; set; } = "";
    public string RulesJson { get; set; } = "";
    public string ConflictsJson { get; set; } = "[]";
    public string InspectionsJson { get; set; } = "[]";
    public DateOnly DrawDate { get; set; }
    public DateTimeOffset CommittedAt { get; set; }
    public DateTimeOffset EntropyDeadline { get; set; }
    public string CommittedBy { get; set; } = "";

    /// <summary>The audit trail's head when the draw was committed, published in the draw index: an anchor anyone can keep.</summary>
    public string? AuditHeadSha256 { get; set; }

    /// <summary>The beacon round the commitment names (JSON of <see cref="BeaconRound"/>), or null when it names none.</summary>
    public string? BeaconJson { get; set; }

    /// <summary>The staffing shortfall the commitment publishes (JSON of <see cref="StaffingShortfall"/>), or null when every team could be staffed.</summary>
    public string? StaffingJson { get; set; }

    /// <summary>The nonce in plain text: only draws committed before nonces were derived (<see cref="NonceSalt"/>) have one.</summary>
    public string Nonce { get; set; } = "";

    /// <summary>The random salt the nonce is derived from with the silo's <see cref="NonceKey"/>; the nonce itself is not stored.</summary>
    public string NonceSalt { get; set; } = "";
    public string CommitmentJson { get; set; } = "";

    /// <summary>
    /// The bundle format fixed at commitment (it decides how the commitment is hashed); null for a draw committed before
    /// v2, which stays v1 so that the commitment hash it announced still verifies.
    /// </summary>
    public string? BundleFormat { get; set; }

    /// <summary>The hashes the public index shows, kept when they are made (not re-derived from a large bundle on every announcement).</summary>
    public string CommitmentSha256 { get; set; } = "";

    public string? BundleSha256 { get; set; }
    public List<DrawContributionState> Contributions { get; set; } = [];
    public DateTimeOffset? RevealedAt { get; set; }
    public string? BundleJson { get; set; }
    public string? DrawnBy { get; set; }

    /// <summary>Every commit and draw request in order, repeats included: the draw's own audit of who asked when.</summary>
    public List<DrawStepRecord> Steps { get; set; } = [];

    /// <summary>The draw's chain of audited steps: how many, and the hash at its head.</summary>
    public int AuditVersion { get; set; }

    public string AuditHead { get; set; } = TaskHistoryEntry.Genesis;

    /// <summary>Audited steps stored with the change and published after it (the same outbox as the task grains').</summary>
    public List<DrawStepRecorded> Outbox { get; set; } = [];

    /// <summary>
    /// Every audited step's entry, kept after it was published (a draw has a handful), so the reconciliation check can
    /// publish a step the audit trail lacks again. Draws audited before it was kept hold only their later steps.
    /// </summary>
    public List<TaskHistoryEntry> Chain { get; set; } = [];
}

[GrainType("draw")]
public sealed class DrawGrain(
    [PersistentState("draw", StorageNames.Default)] IPersistentState<DrawState> state,
    ITaskEventSink events,
    NonceKey nonceKey,
    TimeProvider clock) : Grain, IDrawGrain, IRemindable
{
    private const int MaxSteps = 200;

    /// <summary>Registered only while steps wait in the outbox, so a draw whose silo died publishes them on another.</summary>
    public const string OutboxReminder = "outbox";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LastRetry = TimeSpan.FromMinutes(5);
    private IGrainTimer? retry;
    private TimeSpan retryAfter = FirstRetry;
    private bool reminded;

    private string DrawId => this.GetPrimaryKeyString();

    public async Task<DrawAnswer> CommitAsync(CommitDraw request)
    {
        var now = clock.GetUtcNow();
        if (DrawSteps.CommitIsRepeat(state.State.Committed))
        {
            await Record(DrawStepRecord.Repeat, "commit", request.RequestedBy, now, request.Schedule);
            return new(Status(), null, false);
        }

        if (DrawSteps.Deadline(now, request.EntropyDeadline) is { } late)
        {
            return new(null, late, false);
        }

        BeaconRound? beacon = null;
        if (request.BeaconChain is { } chain)
        {
            var (round, problem) = Beacons.Choose(chain, request.BeaconRound, now, request.EntropyDeadline);
            if (problem is not null)
            {
                return new(null, new(DrawRefusal.Invalid, "beacon", problem), false);
            }

            beacon = round;
        }

        DrawCeremony ceremony;
        var salt = NonceKey.NewSalt();
        try
        {
            ceremony = Ceremony(request.TargetsText, request.InspectorsText, request.ExclusionsText, request.RulesJson,
                request.ConflictsJson, request.InspectionsJson, request.DrawDate, now, request.EntropyDeadline, [], nonceKey.Derive(DrawId, salt), now, beacon);
        }
        catch (Exception ex) when (ex is FrameException or JsonException or FormatException or ArgumentException)
        {
            return new(null, new(DrawRefusal.Invalid, "frames", ex.Message), false);
        }

        var staffing = Staffing.Of(ceremony.Inspectors.Rows, Bundles.Commit(ceremony).Quotas, ceremony.Rules.Teams);
        if (!staffing.CanStaffEveryTeam)
        {
            if (!request.AllowShortTeams)
            {
                return new(null, new(DrawRefusal.Invalid, "staffing",
                    $"the teams cannot all be staffed: {staffing.Describe()}. Add inspectors to these pools (regions, qualified categories, capacity), "
                    + "or commit allowing short teams, which publishes the shortfall in the commitment"), false);
            }

            ceremony = ceremony with { Staffing = new(StaffingShortfall.AllowShortTeams, staffing.ShortPools) };
        }

        var s = state.State;
        s.Committed = true;
        s.PlanVersion = request.PlanVersion;
        s.TargetsText = request.TargetsText;
        s.InspectorsText = request.InspectorsText;
        s.ExclusionsText = request.ExclusionsText;
        s.RulesJson = request.RulesJson;
        s.ConflictsJson = request.ConflictsJson;
        s.InspectionsJson = request.InspectionsJson;
        s.DrawDate = request.DrawDate;
        s.CommittedAt = now;
        s.EntropyDeadline = request.EntropyDeadline;
        s.CommittedBy = request.RequestedBy;
        s.AuditHeadSha256 = request.AuditHeadSha256;
        s.NonceSalt = salt;
        s.BeaconJson = beacon is null ? null : JsonSerializer.Serialize(beacon, DrawBundle.Json);
        s.StaffingJson = ceremony.Staffing is null ? null : JsonSerializer.Serialize(ceremony.Staffing, DrawBundle.Json);
        s.BundleFormat = DrawBundle.FormatId;
        var commitment = Bundles.Commit(ceremony);
        s.CommitmentJson = JsonSerializer.Serialize(commitment, DrawBundle.Json);
        s.CommitmentSha256 = Seals.CommitmentSha256(commitment, s.BundleFormat);
        s.Steps.Add(Step(DrawStepRecord.Done, "commit", request.RequestedBy, now, request.Schedule));
        Audit("commit", request.RequestedBy, now, $"frames frozen (plan version {request.PlanVersion}); commitment {s.CommitmentSha256}; outside entropy until {ChinaTime.Text(request.EntropyDeadline)}{(beacon is null ? string.Empty : $"; beacon {beacon.Source}")}{(ceremony.Staffing is null ? string.Empty : $"; short teams allowed: {staffing.Describe()}")}");
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        await Announce();
        return new(Status(), null, true);
    }

    public async Task<DrawAnswer> ContributeAsync(ContributeEntropy contribution)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var last = s.Contributions.Count == 0 ? (DateTimeOffset?)null : s.Contributions[^1].At;
        var beacon = Beacon();
        var source = contribution.BeaconRound is { } round
            ? Beacons.SourceOf(beacon?.Chain ?? "(none)", round)
            : contribution.Source;
        if (contribution.BeaconRound is not null && beacon is null && s.Committed)
        {
            return new(Status(), new(DrawRefusal.Invalid, "round", "the commitment names no beacon"), false);
        }

        if (contribution.BeaconRound is { } given && beacon is not null && given != beacon.Round)
        {
            return new(Status(), new(DrawRefusal.Invalid, "round", $"the commitment names {beacon.Source}, not round {given}"), false);
        }

        if (DrawSteps.Contribute(s.Committed, s.BundleJson is not null, now, s.CommittedAt, last, s.EntropyDeadline, source, contribution.Value,
                [.. s.Contributions.Select(c => c.Source.Trim())], beacon) is { } refusal)
        {
            return new(s.Committed ? Status() : null, refusal, false);
        }

        s.Contributions.Add(new DrawContributionState { Source = source, Value = contribution.Value, At = now });
        Audit("contribute", contribution.RequestedBy, now, $"{source}: {contribution.Value}");
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        return new(Status(), null, true);
    }

    public async Task<DrawAnswer> DrawAsync(RevealDraw request)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.BundleJson is not null)
        {
            await Record(DrawStepRecord.Repeat, "draw", request.RequestedBy, now, request.Schedule);
            return new(Status(), null, false);
        }

        var last = s.Contributions.Count == 0 ? (DateTimeOffset?)null : s.Contributions[^1].At;
        var missing = Beacon() is { } named && s.Contributions.All(c => c.Source != named.Source) ? named : null;
        if (DrawSteps.Draw(s.Committed, now, s.CommittedAt, s.EntropyDeadline, last, missing) is { } refusal)
        {
            return new(s.Committed ? Status() : null, refusal, false);
        }

        // The frames are published as their own files (by the hashes the commitment holds), not inside the bundle.
        var bundle = Bundles.Create(Committed(s.Contributions.Select(c => new Contribution(c.Source, c.Value, c.At)).ToArray(), now), inlineFrames: false);
        s.RevealedAt = now;
        Keep(bundle);
        s.DrawnBy = request.RequestedBy;
        s.Steps.Add(Step(DrawStepRecord.Done, "draw", request.RequestedBy, now, request.Schedule));
        Audit("draw", request.RequestedBy, now, $"nonce revealed; bundle {s.BundleSha256}");
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        await Announce();
        return new(Status(), null, true);
    }

    public async Task<DrawAnswer> SupplementAsync(SupplementDraw request)
    {
        var s = state.State;
        if (s.BundleJson is null)
        {
            return new(s.Committed ? Status() : null, new(s.Committed ? DrawRefusal.WrongStep : DrawRefusal.NotCommitted, null, "the draw has not been made yet"), false);
        }

        if (DrawSteps.Supplement(request.TargetId, request.InspectorId, request.Reason) is { } invalid)
        {
            return new(Status(), invalid, false);
        }

        var now = clock.GetUtcNow();
        var drawn = DrawBundle.FromJson(s.BundleJson);
        if (request.CompleteTeam && request.InspectorId is not null)
        {
            return new(Status(), new(DrawRefusal.Invalid, "inspectorId", "a completion fills an empty seat: it names no inspector"), false);
        }

        if (DrawSteps.SupplementWithinBounds(drawn, request.TargetId.Trim(), request.InspectorId is not null || request.CompleteTeam) is { } bound)
        {
            return new(Status(), bound, false);
        }

        var ceremony = Committed(drawn.Contributions, drawn.RevealedAt);
        DrawBundle bundle;
        try
        {
            // The draw is replayed exactly (the same inputs give the same session), earlier supplements in their order, then this one.
            bundle = Bundles.Create(ceremony, inlineFrames: false, afterDraw: session =>
            {
                Supplements.Replay(session, drawn);
                if (request.CompleteTeam)
                {
                    session.Complete(request.TargetId.Trim(), request.Reason.Trim());
                }
                else if (request.InspectorId is { } inspector)
                {
                    session.Replace(request.TargetId.Trim(), inspector.Trim(), request.Reason.Trim());
                }
                else
                {
                    session.UseAlternate(request.TargetId.Trim(), request.Reason.Trim());
                }
            });
        }
        catch (ArgumentException ex)
        {
            return new(Status(), new(DrawRefusal.Invalid, request.InspectorId is null ? "targetId" : "inspectorId", ex.Message), false);
        }

        Keep(bundle);
        var kind = request.CompleteTeam ? "completion" : request.InspectorId is null ? "alternate" : "replacement";
        s.Steps.Add(Step(DrawStepRecord.Done, kind, request.RequestedBy, now, null));
        Audit(kind, request.RequestedBy, now, $"{request.TargetId.Trim()}{(request.InspectorId is null ? string.Empty : " " + request.InspectorId.Trim())}: {request.Reason.Trim()}; bundle {s.BundleSha256}");
        await state.WriteOrReloadAsync(this);
        await FlushAsync();
        await Announce();
        return new(Status(), null, true);
    }

    public Task<string?> GetBundleAsync() => Task.FromResult(state.State.BundleJson);

    public Task<string?> GetFrameAsync(DrawFrame frame)
    {
        var s = state.State;
        return Task.FromResult(!s.Committed ? null : frame switch
        {
            DrawFrame.Targets => s.TargetsText,
            DrawFrame.Inspectors => s.InspectorsText,
            _ => s.ExclusionsText,
        });
    }

    public Task<DrawStatus?> GetStatusAsync() => Task.FromResult(state.State.Committed ? Status() : null);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Outbox.Count > 0)
        {
            await FlushAsync();
        }
    }

    /// <summary>Adds the step to the draw's audit chain and to the outbox; stored by the caller's next write.</summary>
    private void Audit(string action, string by, DateTimeOffset at, string detail)
    {
        var s = state.State;
        var entry = TaskHistory.Entry(s.AuditHead, s.AuditVersion + 1, at, by, action, detail);
        s.AuditVersion = entry.Version;
        s.AuditHead = entry.Sha256;
        s.Chain.Add(entry);
        s.Outbox.Add(new DrawStepRecorded($"{DrawId}#{entry.Version}", DrawId, entry));
    }

    public Task<int> GetAuditVersionAsync() => Task.FromResult(state.State.AuditVersion);

    public async Task<int> RepublishAuditAsync()
    {
        // Consumers skip the event ids they have: publishing every kept step is as safe as publishing the missing ones.
        var chain = state.State.Chain.Select(e => new DrawStepRecorded($"{DrawId}#{e.Version}", DrawId, e)).ToArray();
        await events.PublishAsync(chain, CancellationToken.None);
        return chain.Length;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await FlushAsync();
        if (state.State.Outbox.Count == 0 && await this.GetReminder(OutboxReminder) is { } registered)
        {
            await this.UnregisterReminder(registered);
        }
    }

    /// <summary>
    /// Publishes the outbox. On failure the steps stay in it, and (like the task grains') a timer tries again with a
    /// growing wait while the grain is kept active, and a reminder brings the draw back should its silo die first: a
    /// draw whose steps stop arriving would otherwise keep them until someone next touched it.
    /// </summary>
    private async Task FlushAsync()
    {
        await Outbox.DrainAsync(state.State.Outbox, pending => events.PublishAsync(pending, CancellationToken.None));
        if (state.State.Outbox.Count == 0)
        {
            retryAfter = FirstRetry;
            return;
        }

        retry ??= this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions(retryAfter, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        if (!reminded)
        {
            try
            {
                await this.RegisterOrUpdateReminder(OutboxReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
                reminded = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store is down too (reminders live there): the timer still retries while this activation lives.
            }
        }
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        retry?.Dispose();
        retry = null;
        retryAfter = TimeSpan.FromTicks(Math.Min(retryAfter.Ticks * 2, LastRetry.Ticks));
        await FlushAsync();

        // Not the callback's token: disposing the timer above cancelled it.
        if (state.State.Outbox.Count == 0 && reminded && await this.GetReminder(OutboxReminder, CancellationToken.None) is { } registered)
        {
            await this.UnregisterReminder(registered, CancellationToken.None);
            reminded = false;
        }
    }

    private DrawStatus Status()
    {
        var s = state.State;
        return new(DrawId, s.BundleJson is null ? DrawStatus.Committed : DrawStatus.Drawn, s.CommitmentJson, s.CommittedAt, s.EntropyDeadline,
            s.Contributions.Count, s.RevealedAt, s.PlanVersion, s.Steps.ToArray(), s.CommitmentSha256);
    }

    private static DrawStepRecord Step(string outcome, string step, string by, DateTimeOffset now, StepSchedule? schedule) =>
        new(step, by, now, outcome, schedule?.At, DrawSteps.LateBy(now, schedule));

    /// <summary>
    /// A repeated request is kept in the step record too (two silos or a double-fired trigger show as one done and one
    /// repeat), and announced again: a registry write that failed after the draw's own write is completed by the repeat.
    /// </summary>
    private async Task Record(string outcome, string step, string by, DateTimeOffset now, StepSchedule? scheduledFor)
    {
        // Bounded so that a client retrying in a loop cannot grow the state without end.
        if (state.State.Steps.Count < MaxSteps)
        {
            state.State.Steps.Add(Step(outcome, step, by, now, scheduledFor));
            Audit(step, by, now, outcome);
            await state.WriteOrReloadAsync(this);
            await FlushAsync();
        }

        await Announce();
    }

    private Task Announce()
    {
        var status = Status();
        return GrainFactory.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key)
            .RecordAsync(new DrawIndexEntry(
                DrawId, status.Step, status.CommittedAt, status.RevealedAt, status.Late, state.State.Contributions.Count > 0,
                state.State.CommitmentSha256, state.State.BundleSha256, state.State.AuditHeadSha256));
    }

    /// <summary>The committed ceremony as the state holds it, with the contributions and reveal time to draw with.</summary>
    private DrawCeremony Committed(IReadOnlyList<Contribution> contributions, DateTimeOffset revealedAt)
    {
        var s = state.State;
        return Ceremony(s.TargetsText, s.InspectorsText, s.ExclusionsText, s.RulesJson, s.ConflictsJson, s.InspectionsJson,
            s.DrawDate, s.CommittedAt, s.EntropyDeadline, contributions, s.NonceSalt.Length > 0 ? nonceKey.Derive(DrawId, s.NonceSalt) : s.Nonce, revealedAt, Beacon()) with
        {
            Staffing = s.StaffingJson is { } staffing ? JsonSerializer.Deserialize<StaffingShortfall>(staffing, DrawBundle.Json) : null,
            Format = s.BundleFormat ?? DrawBundle.FormatV1,
        };
    }

    private BeaconRound? Beacon() =>
        state.State.BeaconJson is { } json ? JsonSerializer.Deserialize<BeaconRound>(json, DrawBundle.Json) : null;

    private void Keep(DrawBundle bundle)
    {
        state.State.BundleJson = bundle.ToJson();
        state.State.BundleSha256 = Seals.BundleSha256(bundle);
    }

    private DrawCeremony Ceremony(
        string targets, string inspectors, string exclusions, string rules, string conflicts, string inspections, DateOnly drawDate,
        DateTimeOffset committedAt, DateTimeOffset deadline, IReadOnlyList<Contribution> contributions, string nonce, DateTimeOffset revealedAt,
        BeaconRound? beacon) => new(
        DrawId,
        CanonicalFrames.ParseTargets(targets),
        CanonicalFrames.ParseInspectors(inspectors),
        CanonicalFrames.ParseExclusions(exclusions),
        JsonSerializer.Deserialize<DrawRules>(rules, DrawBundle.Json) ?? throw new FormatException("the rules are empty"),
        JsonSerializer.Deserialize<DeclaredConflict[]>(conflicts, DrawBundle.Json) ?? [],
        JsonSerializer.Deserialize<PastInspection[]>(inspections, DrawBundle.Json) ?? [],
        drawDate,
        committedAt,
        deadline,
        contributions,
        nonce,
        revealedAt,
        beacon);
}

public sealed class DrawRegistryState
{
    public Dictionary<string, DrawIndexEntry> Draws { get; set; } = [];
}

[GrainType("draw-registry")]
public sealed class DrawRegistryGrain(
    [PersistentState("draw-registry", StorageNames.Default)] IPersistentState<DrawRegistryState> state) : Grain, IDrawRegistryGrain
{
    public async Task RecordAsync(DrawIndexEntry entry)
    {
        if (state.State.Draws.TryGetValue(entry.DrawId, out var known) && known == entry)
        {
            return;
        }

        state.State.Draws[entry.DrawId] = entry;
        await state.WriteOrReloadAsync(this);
    }

    public Task<bool> ContainsAsync(string drawId) => Task.FromResult(state.State.Draws.ContainsKey(drawId));

    public Task<IReadOnlyList<DrawIndexEntry>> ListAsync() =>
        Task.FromResult<IReadOnlyList<DrawIndexEntry>>(state.State.Draws.Values.OrderBy(d => d.DrawId, StringComparer.Ordinal).ToArray());
}
