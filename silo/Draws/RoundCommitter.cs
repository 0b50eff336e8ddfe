using System.Text.Json;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Contracts.Draws;
using Samples.Contracts.Plans;
using Samples.Domain.Draws;
using Samples.Domain.Plans;
using Samples.Domain.Reference;
using Samples.Draw;
using Samples.Silo.Directory;
using Samples.Silo.Tasks;
using PastInspection = Samples.Draw.PastInspection;
using QuotaRules = Samples.Draw.QuotaRules;

namespace Samples.Silo.Draws;

/// <summary>
/// Commits a plan's round: builds its frames, rules and recusal facts and hands them to the round's draw grain. One path
/// for the supervisor's API call and the scheduler's trigger, so a scheduled draw and a manual one freeze the same things.
/// </summary>
public sealed class RoundCommitter(IGrainFactory grains, FrameSource frames, DrawSettings settings, TaskQueries tasks)
{
    public const int DefaultAlternates = 2;

    public static string DrawId(string planId, int round) => $"{planId}:R{round}";

    /// <summary>
    /// Commits the round unless it already is (then answers the existing commitment; frames are never rebuilt).
    /// </summary>
    /// <param name="schedule">When the scheduler meant the commitment to happen; null for a supervisor's request.</param>
    /// <param name="drawDate">The day the round is drawn (China time; the 6-month rule and recusal count back from it): a scheduled round's day, else today.</param>
    public async Task<RoundCommitOutcome> CommitAsync(
        string planId, int round, DateTimeOffset deadline, DateTimeOffset now, string requestedBy, StepSchedule? schedule, CancellationToken cancellationToken,
        DateOnly? drawDate = null, BeaconRequest? beacon = null, bool? allowShortTeams = null)
    {
        var draw = grains.GetGrain<IDrawGrain>(DrawId(planId, round));
        if (await draw.GetStatusAsync() is not null)
        {
            return RoundCommitOutcome.Answered(await draw.CommitAsync(Repeat(requestedBy, schedule)));
        }

        if (await grains.GetGrain<IPlanGrain>(planId).GetAsync() is not { } plan)
        {
            return RoundCommitOutcome.Missing($"No plan {planId}.");
        }

        // Plans saved before the one-plan-per-department-and-year rule are held to it here.
        var owner = await grains.GetGrain<IPlanClaimGrain>(IPlanClaimGrain.KeyOf(plan.Definition.Department, plan.Definition.Year, plan.Definition.Purpose)).ClaimAsync(planId);
        if (owner != planId)
        {
            return RoundCommitOutcome.Invalid(new FieldProblem("planId", $"{plan.Definition.Department}'s plan for {plan.Definition.Year} is {owner}; rounds are drawn under that plan only"));
        }

        if ((DrawSteps.RoundOfPlan(round, plan.Definition.Rounds) ?? DrawSteps.EntropyWindow(now, deadline, settings.MinimumEntropyWindow)) is { } invalid)
        {
            return RoundCommitOutcome.Invalid(new FieldProblem(invalid.Field!, invalid.Reason));
        }

        // A joint plan's teams need a seat for each department (the draw refuses more departments than seats).
        if (plan.Definition.JointDepartments is { Count: var joint } && joint > settings.TeamSize)
        {
            return RoundCommitOutcome.Invalid(new FieldProblem("jointDepartments", $"the plan has {joint} departments and teams have {settings.TeamSize} seats: each department needs a seat on every team"));
        }

        var day = drawDate ?? ChinaTime.DateOf(now);
        var built = await frames.BuildAsync(plan, round, day, cancellationToken);
        var inspectors = await InspectorsAsync();
        var inFrame = built.Inspectors.Select(i => i.Number).Where(inspectors.ContainsKey).Select(n => inspectors[n]).ToArray();
        var rules = await RulesAsync(planId, round, plan.Definition, built);
        DeclaredConflict[] conflicts = [.. inFrame.SelectMany(i => i.Conflicts.Select(c => new DeclaredConflict(DrawFrameMapping.InspectorId(i.Number), c.Uscc, c.Reason)))];
        // Recusal reads both what inspectors declared and what the department's records say they sampled.
        var sampled = new List<SamplingRecord>();
        foreach (var department in JointPlans.RecordKeepers(plan.Definition))
        {
            sampled.AddRange(await grains.GetGrain<ISamplingHistoryGrain>(department).SinceAsync(day.AddDays(-settings.RecusalDays)));
        }

        var numbers = inFrame.Select(i => i.Number).ToHashSet(StringComparer.Ordinal);
        PastInspection[] inspections = [.. inFrame.SelectMany(i => i.Inspections.Select(p => new PastInspection(DrawFrameMapping.InspectorId(i.Number), p.Uscc, p.Date)))
            .Concat(sampled.SelectMany(r => r.Inspectors.Where(numbers.Contains).Select(n => new PastInspection(DrawFrameMapping.InspectorId(n), r.EnterpriseUscc, r.SampledOn))))
            .Distinct()];
        string targets, inspectorFrame, exclusions;
        try
        {
            targets = DrawFrameMapping.Targets(built).Text;
            inspectorFrame = DrawFrameMapping.Inspectors(built, number => inspectors.TryGetValue(number, out var i) ? i.MaxOpenTasks : 0).Text;
            exclusions = DrawFrameMapping.Exclusions(built).Text;
        }
        catch (FrameException ex)
        {
            return RoundCommitOutcome.Invalid(new FieldProblem("frames", ex.Message));
        }

        var commit = new CommitDraw(
            targets,
            inspectorFrame,
            exclusions,
            JsonSerializer.Serialize(rules, DrawBundle.Json),
            JsonSerializer.Serialize(conflicts, DrawBundle.Json),
            JsonSerializer.Serialize(inspections, DrawBundle.Json),
            day,
            deadline,
            requestedBy,
            plan.Version,
            schedule,
            // The trail's head goes into the public draw index with the commitment: the trail is anchored at every draw.
            (await tasks.AuditHeadAsync(cancellationToken))?.Sha256,
            beacon?.Chain,
            beacon?.Round,
            allowShortTeams ?? settings.AllowShortTeams);
        return RoundCommitOutcome.Answered(await draw.CommitAsync(commit));
    }

    /// <summary>
    /// Whether a round's teams can all be staffed from its frames, pool by pool, as the commit will check it: the frames
    /// view shows it before anyone commits.
    /// </summary>
    public async Task<StaffingReport> StaffingAsync(string planId, int round, PlanVersion plan, Frames built)
    {
        var inspectors = await InspectorsAsync();
        var rules = await RulesAsync(planId, round, plan.Definition, built);
        var frame = DrawFrameMapping.Inspectors(built, number => inspectors.TryGetValue(number, out var i) ? i.MaxOpenTasks : 0);
        // The quotas need each stratum's size only: the target frame (every member's id, sorted and hashed) is the commit's.
        return Staffing.Of(frame.Rows, Bundles.QuotasOf(built.Strata.Select(st => (st.Key, st.Members.Count)), rules.Quotas), rules.Teams);
    }

    private async Task<Dictionary<string, InspectorView>> InspectorsAsync() =>
        (await grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync()).ToDictionary(i => i.Number, StringComparer.Ordinal);

    /// <summary>The rule set a round is drawn under: the plan's quotas (paced from its earlier rounds when it says so) and the deployment's team rules, a joint plan's departments frozen in.</summary>
    private async Task<DrawRules> RulesAsync(string planId, int round, PlanDefinition plan, Frames built)
    {
        var quotas = DrawFrameMapping.Quotas(plan.Quotas, built, DefaultAlternates);
        if (plan.Pacing is { } pacing)
        {
            quotas = await PaceAsync(planId, round, plan, pacing, quotas, built);
        }

        return new DrawRules(quotas, JointPlans.Teams(plan, settings.Teams));
    }

    /// <summary>
    /// Sizes a paced round from the plan's earlier rounds: every target they drew is in progress until its task has a
    /// test conclusion (then it is concluded) or the enterprise refused (then, like every alternate they had to use, it
    /// is a target that could not be sampled). Conclusions and refusals are read from the task board.
    /// </summary>
    private async Task<QuotaRules> PaceAsync(string planId, int round, PlanDefinition plan, PacingOptions options, QuotaRules quotas, Frames frames)
    {
        int inProgress = 0, attempted = 0, couldNot = 0;
        for (var earlier = 1; earlier < round; earlier++)
        {
            if (await grains.GetGrain<IDrawGrain>(DrawId(planId, earlier)).GetBundleAsync() is { } json)
            {
                var bundle = DrawBundle.FromJson(json);
                var noneLeft = bundle.AlternateUses.Count(u => u.Alternate is null);
                // A target given up with no alternate left is neither in progress nor a new attempt.
                inProgress += bundle.Picks.Count - noneLeft;
                attempted += bundle.Picks.Count + bundle.AlternateUses.Count - noneLeft;
                couldNot += bundle.AlternateUses.Count;
            }
        }

        var (concluded, refused) = await tasks.PlanOutcomesAsync(planId, CancellationToken.None);
        inProgress = Math.Max(0, inProgress - concluded - refused);
        couldNot += refused;
        var pacing = Pacer.Size(plan.GoalBatches, concluded, inProgress, plan.Rounds - round + 1, attempted, couldNot, options.MarginCap, quotas.Fixed);
        var strata = frames.Strata.Where(s => s.Members.Count > 0).ToDictionary(s => s.Key, s => s.Members.Count, StringComparer.Ordinal);
        return quotas with { Fixed = Pacer.Spread(pacing.RoundSize, strata, quotas), Pacing = pacing };
    }

    /// <summary>A commit request for a round already committed: only who asked and when matter (the grain records the repeat).</summary>
    private static CommitDraw Repeat(string requestedBy, StepSchedule? schedule) =>
        new(string.Empty, string.Empty, string.Empty, string.Empty, "[]", "[]", default, default, requestedBy, 0, schedule);
}

/// <summary>A beacon to name in the commitment: a drand chain, and its round (by default one in the entropy window's middle).</summary>
public sealed record BeaconRequest(string Chain, long? Round);

/// <summary>What came of a commit: the grain's answer, or why nothing was asked of it (no such plan, bad input).</summary>
public sealed record RoundCommitOutcome(DrawAnswer? Answer, string? MissingReason, FieldProblem? Problem)
{
    /// <summary>Why the round is not committed (for the log), or null when it is.</summary>
    public string? Reason => MissingReason ?? Problem?.Message ?? Answer?.Refusal?.Reason;

    public static RoundCommitOutcome Answered(DrawAnswer answer) => new(answer, null, null);

    public static RoundCommitOutcome Missing(string reason) => new(null, reason, null);

    public static RoundCommitOutcome Invalid(FieldProblem problem) => new(null, null, problem);
}
