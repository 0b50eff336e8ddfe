using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Batches;
using Samples.Contracts.Labs;
using Samples.Contracts.Tasks;
using Samples.Draw;
using Samples.Grains.Catalogue;
using Samples.Grains.Labs;
using Samples.Grains.Reference;

namespace Samples.Grains.Workflow;

/// <summary>What a decision needs besides the task and the request; the grain looks these up before deciding.</summary>
public sealed record WorkflowContext(
    WorkingCalendar Calendar,
    ProductCategory? Category,
    int CatalogueVersion,
    BatchView? Batch = null,
    LabView? Lab = null,
    IReadOnlyList<LabView>? RetestLabs = null);

/// <summary>The task after a request (with one more history entry when <see cref="Changed"/>), or why nothing changed.</summary>
public sealed record WorkflowOutcome(TaskView? Task, TaskRefusal? Refusal, bool Changed)
{
    public static WorkflowOutcome Refused(string kind, string? field, string reason) => new(null, new TaskRefusal(kind, field, reason), false);
}

/// <summary>
/// The sampling task's life (domain.md sections 2 and 3) as one decision per action: who may act in which stage, what
/// must be given, what changes, and the deadline that then runs. Plain C#, no Orleans: the grain stores and publishes
/// what this decides. A refusal never changes the task.
/// </summary>
public static class TaskWorkflow
{
    public static WorkflowOutcome Apply(TaskView? task, TaskCommand request, WorkflowContext context)
    {
        if (request.Action is AssignTask assign)
        {
            return WithDue(Assign(task, assign, request, context), context.Calendar);
        }

        if (task is null)
        {
            return WorkflowOutcome.Refused(TaskRefusal.NotFound, null, "no such task: tasks are made by draws");
        }

        var today = ChinaTime.DateOf(request.At);
        var outcome = request.Action switch
        {
            AcceptTask => Accept(task, request),
            DeclineTask d => Decline(task, d, request),
            ReplaceMember r => Replace(task, r, request),
            CompleteTeam c => Complete(task, c, request),
            RecordSampling s => Sample(task, s, request, context, today),
            CannotSample c => CannotSampleTarget(task, c, request),
            EnterpriseRefused e => Refused(task, e, request),
            HandOver h => Hand(task, h, request, context),
            ReceiveSample r => Receive(task, r, request),
            PostResults p => Post(task, p, request, context, today),
            IssueReport i => Report(task, i, request, today),
            NotifyEnterprise n => Notify(task, n, request, context, today),
            FileObjection o => Object(task, o, request, today),
            AssignRetest a => Retest(task, a, request, context, today),
            ConcludeTask => Conclude(task, request, context, today),
            PublishResult => Publish(task, request, context, today),
            RecordDisposal d => Dispose(task, d, request, context, today),
            _ => WorkflowOutcome.Refused(TaskRefusal.Invalid, "action", $"unknown action {request.Action.GetType().Name}"),
        };
        return WithDue(outcome, context.Calendar);
    }

    /// <summary>After a change the deadline of the new stage runs.</summary>
    private static WorkflowOutcome WithDue(WorkflowOutcome outcome, WorkingCalendar calendar) =>
        outcome is { Changed: true, Task: { } t } ? outcome with { Task = t with { Due = TaskDeadlines.For(t, calendar) } } : outcome;

    /// <summary>Marks the running deadline overdue once when <paramref name="today"/> is past it; otherwise nothing changes.</summary>
    public static WorkflowOutcome CheckDeadlines(TaskView task, DateOnly today, DateTimeOffset now)
    {
        if (task.Due?.On is not { } due || today <= due)
        {
            return new(task, null, false);
        }

        var mark = $"{task.Due.What} by {Day(due)} ({task.Due.Owner})";
        if (task.Overdue.Contains(mark))
        {
            return new(task, null, false);
        }

        var changed = task with { Overdue = [.. task.Overdue, mark] };
        return new(Record(changed, now, "system: deadline check", "overdue", mark), null, true);
    }

    private static WorkflowOutcome Assign(TaskView? task, AssignTask a, TaskCommand request, WorkflowContext context)
    {
        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("tasks are assigned by draws only");
        }

        var team = a.Team.Distinct(StringComparer.Ordinal).ToArray();
        if (task is not null)
        {
            var same = task.DrawId == a.DrawId && task.Uscc == a.Uscc && task.Category == a.Category;
            return same
                ? new(task, null, false)
                : WorkflowOutcome.Refused(TaskRefusal.Conflict, null, $"the task exists for {task.DrawId} {task.Uscc} {task.Category}");
        }

        if (context.Category is null)
        {
            return Invalid("category", $"'{a.Category}' is not a category of the catalogue in force");
        }

        var id = TaskIds.Of(a.DrawId, a.Uscc, a.Category);
        var created = new TaskView(
            id, a.DrawId, a.PlanId, a.Uscc, a.Category, a.Region, context.Category.Regime.ToString(), TaskStage.Assigned, 0,
            team.Select(m => new TeamMember(m, TeamMember.Assigned)).ToArray(),
            ChinaTime.DateOf(request.At), null, [], null, [], null, null, null, null, null, null, null, null, null, null, false,
            null, null, [], team.Length < 2 ? ShortTeam : "each member accepts or declines",
            [], a.Replaces);
        var detail = $"target {a.Uscc} ({a.Category}, {a.Region}) from {a.DrawId}; team {string.Join(", ", team)}"
            + (a.Replaces is null ? string.Empty : $"; replaces {a.Replaces}");
        return Changed(created, request, detail);
    }

    private static WorkflowOutcome Accept(TaskView t, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Assigned)
        {
            return WrongStage(t, "accepted");
        }

        var me = t.Team.First(m => m.InspectorId == request.Actor.Subject);
        if (me.Status == TeamMember.Accepted)
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, $"{me.InspectorId} has already accepted this task");
        }

        var team = t.Team.Select(m => m.InspectorId == me.InspectorId ? m with { Status = TeamMember.Accepted } : m).ToArray();
        var active = team.Where(Active).ToArray();
        var ready = active.Length >= 2 && active.All(m => m.Status == TeamMember.Accepted);
        var next = t with
        {
            Team = team,
            Stage = ready ? TaskStage.Accepted : TaskStage.Assigned,
            NextStep = ready ? "sample at the enterprise, or record why not" : "waiting for the other members to accept",
        };
        return Changed(next, request, $"{me.InspectorId} accepted" + (ready ? "; the team is complete" : string.Empty));
    }

    private static WorkflowOutcome Decline(TaskView t, DeclineTask d, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage is not (TaskStage.Assigned or TaskStage.Accepted))
        {
            return WrongStage(t, "declined (only before sampling)");
        }

        if (string.IsNullOrWhiteSpace(d.Reason))
        {
            return Invalid("reason", "is required: why the inspector declines (recusal, illness)");
        }

        var who = request.Actor.Subject!;
        var next = t with
        {
            Team = t.Team.Select(m => m.InspectorId == who ? m with { Status = TeamMember.Declined, Reason = d.Reason.Trim() } : m).ToArray(),
            Stage = TaskStage.Assigned,
            NextStep = $"the draw supplies a replacement for {who}",
        };
        return Changed(next, request, $"{who} declined: {d.Reason.Trim()}");
    }

    private static WorkflowOutcome Replace(TaskView t, ReplaceMember r, TaskCommand request)
    {
        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("members are replaced by the draw's supplement only");
        }

        var withdrawn = t.Team.FirstOrDefault(m => m.InspectorId == r.Withdrawn);
        if (withdrawn is null || withdrawn.Status == TeamMember.Withdrawn)
        {
            // Already applied (a repeated supplement event): nothing to do.
            return new(t, null, false);
        }

        var team = t.Team.Select(m => m.InspectorId == r.Withdrawn ? m with { Status = TeamMember.Withdrawn } : m).ToList();
        if (r.Replacer is not null && team.All(m => m.InspectorId != r.Replacer))
        {
            team.Add(new TeamMember(r.Replacer, TeamMember.Assigned));
        }

        var next = t with
        {
            Team = team,
            Stage = TaskStage.Assigned,
            NextStep = r.Replacer is null
                ? $"no eligible inspector is left in the pool to replace {r.Withdrawn}: the supervisor must widen the pool"
                : "each member accepts or declines",
        };
        return Changed(next, request, r.Replacer is null ? $"{r.Withdrawn} withdrawn; no replacement left" : $"{r.Withdrawn} replaced by {r.Replacer}");
    }

    /// <summary>A short team's empty seat filled by the draw; repeating it changes nothing.</summary>
    private static WorkflowOutcome Complete(TaskView t, CompleteTeam c, TaskCommand request)
    {
        if (request.Actor.Role != TaskActor.SystemRole)
        {
            return Forbidden("a short team is completed by the draw's supplement only");
        }

        if (t.Team.Any(m => m.InspectorId == c.Inspector))
        {
            return new(t, null, false);
        }

        if (t.Stage != TaskStage.Assigned)
        {
            return WrongStage(t, "completed (only while its team is being formed)");
        }

        var team = t.Team.Append(new TeamMember(c.Inspector, TeamMember.Assigned)).ToArray();
        var next = t with
        {
            Team = team,
            NextStep = team.Count(Active) < 2 ? ShortTeam : "each member accepts or declines",
        };
        return Changed(next, request, $"{c.Inspector} joins the team, drawn to complete it");
    }

    private const string ShortTeam = "the team has fewer than two inspectors: a supervisor completes it from the draw (samples draw complete DRAW --target TARGET)";

    private static WorkflowOutcome Sample(TaskView t, RecordSampling s, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Accepted)
        {
            return WrongStage(t, "sampled (the whole team must have accepted)");
        }

        var problem = SamplingProblem(t, s, context, today);
        if (problem is not null)
        {
            return problem;
        }

        var facts = new SamplingFacts(
            s.BatchId.Trim(), s.TestQuantity, s.ReserveQuantity, s.Unit.Trim(), s.Seals.Select(x => x.Trim()).ToArray(), s.SignedByEnterprise,
            s.SignedByEnterprise ? null : s.RefusedToSignNote!.Trim(), s.SampledOn,
            t.Team.Where(m => m.Status == TeamMember.Accepted).Select(m => m.InspectorId).ToArray(),
            s.Variants ?? new Dictionary<string, string>(), s.Properties ?? new Dictionary<string, decimal>(), context.Batch!.SameProduct);
        var next = t with { Stage = TaskStage.Sampled, Sampling = facts, NextStep = "hand the samples to the lab" };
        var detail = $"batch {facts.BatchId} on {Day(facts.SampledOn)}: test {facts.TestQuantity} {facts.Unit}, reserve {facts.ReserveQuantity} {facts.Unit}, "
            + $"seals {string.Join(", ", facts.Seals)}, " + (facts.SignedByEnterprise ? "record signed by the enterprise" : $"enterprise refused to sign ({facts.RefusedToSignNote})");
        return Changed(next, request, detail);
    }

    private static WorkflowOutcome? SamplingProblem(TaskView t, RecordSampling s, WorkflowContext context, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(s.BatchId))
        {
            return Invalid("batchId", "is required: the sampled batch as recorded in the batch directory");
        }

        if (context.Batch is not { } batch)
        {
            return Invalid("batchId", $"'{s.BatchId}' is not in the batch directory: record the batch first (POST /api/batches)");
        }

        if (batch.Batch.Category != t.Category)
        {
            return Invalid("batchId", $"batch {s.BatchId} is of category {batch.Batch.Category}, the task samples {t.Category}");
        }

        if (batch.Batch.EnterpriseUscc != t.Uscc)
        {
            return Invalid("batchId", $"batch {s.BatchId} was recorded at {batch.Batch.EnterpriseUscc}, the task's target is {t.Uscc}");
        }

        if (s.TestQuantity <= 0)
        {
            return Invalid("testQuantity", "must be above 0");
        }

        if (s.ReserveQuantity <= 0)
        {
            return Invalid("reserveQuantity", "must be above 0: a reserve sample is kept for a re-test");
        }

        if (string.IsNullOrWhiteSpace(s.Unit))
        {
            return Invalid("unit", "is required (e.g. kg, pieces)");
        }

        if (s.Seals is not { Count: > 0 } || s.Seals.Any(string.IsNullOrWhiteSpace))
        {
            return Invalid("seals", "at least one seal number, none empty");
        }

        if (s.Seals.Select(x => x.Trim()).Distinct(StringComparer.Ordinal).Count() != s.Seals.Count)
        {
            return Invalid("seals", "a seal number is given twice");
        }

        if (!s.SignedByEnterprise && string.IsNullOrWhiteSpace(s.RefusedToSignNote))
        {
            return Invalid("refusedToSignNote", "is required when the enterprise did not sign the sampling record");
        }

        if (s.SampledOn > today)
        {
            return Invalid("sampledOn", $"{Day(s.SampledOn)} is in the future (today is {Day(today)})");
        }

        if (s.SampledOn < t.AssignedOn)
        {
            return Invalid("sampledOn", $"{Day(s.SampledOn)} is before the task was assigned ({Day(t.AssignedOn)})");
        }

        var description = new SampleDescription
        {
            Variants = s.Variants ?? new Dictionary<string, string>(),
            Properties = s.Properties ?? new Dictionary<string, decimal>(),
        };
        var problems = VerdictEngine.CheckSample(context.Category!, description);
        return problems.Count > 0 ? Invalid("variants", string.Join("; ", problems)) : null;
    }

    private static WorkflowOutcome CannotSampleTarget(TaskView t, CannotSample c, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage is not (TaskStage.Assigned or TaskStage.Accepted))
        {
            return WrongStage(t, "marked as not sampleable (only before sampling)");
        }

        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            return Invalid("reason", "is required: why the target cannot be sampled (no such product, not for sale, lot too small)");
        }

        var next = t with { Stage = TaskStage.CannotSample, Outcome = "cannot-sample", NextStep = "the stratum's next alternate is drawn in its place" };
        return Changed(next, request, $"cannot sample: {c.Reason.Trim()}");
    }

    private static WorkflowOutcome Refused(TaskView t, EnterpriseRefused e, TaskCommand request)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Accepted)
        {
            return WrongStage(t, "recorded as refused (the team records a refusal at the enterprise)");
        }

        if (string.IsNullOrWhiteSpace(e.Reason))
        {
            return Invalid("reason", "is required: what the enterprise did");
        }

        const string Consequence = "refusing a lawful check: warning, order to correct, suspension (产品质量法 Art 16, 56); the case goes to enforcement";
        var next = t with { Stage = TaskStage.Refused, Outcome = "refused", NextStep = Consequence };
        return Changed(next, request, $"enterprise refused: {e.Reason.Trim()}; consequence: {Consequence}");
    }

    private static WorkflowOutcome Hand(TaskView t, HandOver h, TaskCommand request, WorkflowContext context)
    {
        if (Member(t, request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Sampled)
        {
            return WrongStage(t, "handed over");
        }

        if (context.Lab is not { } lab)
        {
            return Invalid("labId", $"'{h.LabId}' is not in the lab directory");
        }

        if (LabAccreditation.Gap(lab, t.Category, TestedItems(context)) is { } gap)
        {
            return Invalid("labId", gap);
        }

        var from = string.Join(", ", t.Sampling!.SampledBy);
        var next = t with
        {
            Stage = TaskStage.HandedOver,
            LabId = lab.Id,
            Custody = [.. t.Custody, new CustodyStep("test and reserve", from, lab.Id, request.At, "handed-over")],
            NextStep = $"lab {lab.Id} receives the samples and checks the seals",
        };
        return Changed(next, request, $"test and reserve samples handed by {request.Actor.Subject} to lab {lab.Id}");
    }

    private static WorkflowOutcome Receive(TaskView t, ReceiveSample r, TaskCommand request)
    {
        var retest = t.Stage == TaskStage.RetestAssigned;
        if (t.Stage != TaskStage.HandedOver && !retest)
        {
            return WrongStage(t, "received");
        }

        var lab = retest ? t.Retest!.LabId : t.LabId!;
        if (request.Actor.Role != Role.Lab || request.Actor.Subject != lab)
        {
            return Forbidden($"only lab {lab}, to which the sample was handed, receives it");
        }

        var recorded = t.Sampling!.Seals.ToHashSet(StringComparer.Ordinal);
        var seen = (r.SealsSeen ?? []).Select(s => s.Trim()).ToArray();
        var unknown = seen.Where(s => !recorded.Contains(s)).ToArray();
        var missing = retest ? [] : recorded.Where(s => !seen.Contains(s)).ToArray();
        var problem = !r.SealsIntact ? "a seal is broken"
            : seen.Length == 0 ? "no seal number was checked"
            : unknown.Length > 0 ? $"seal {string.Join(", ", unknown)} is not on the sampling record"
            : missing.Length > 0 ? $"seal {string.Join(", ", missing)} of the sampling record is missing"
            : null;
        var note = string.IsNullOrWhiteSpace(r.Note) ? problem : $"{problem ?? "seals intact"}; {r.Note.Trim()}";
        if (problem is null)
        {
            var received = t with
            {
                Stage = retest ? TaskStage.RetestReceived : TaskStage.Received,
                Custody = [.. t.Custody, new CustodyStep(retest ? "reserve" : "test and reserve", retest ? "reserve store" : string.Join(", ", t.Sampling.SampledBy), lab, request.At, "received", note)],
                NextStep = retest ? $"lab {lab} re-tests the disputed items: {string.Join(", ", t.Objection!.Items)}" : $"lab {lab} posts the results item by item",
            };
            return Changed(received, request, $"received by lab {lab}; seals {string.Join(", ", seen)} intact");
        }

        var rejected = new CustodyStep(retest ? "reserve" : "test and reserve", retest ? "reserve store" : string.Join(", ", t.Sampling.SampledBy), lab, request.At, "rejected", note);
        if (retest)
        {
            var invalidReserve = t with
            {
                Stage = TaskStage.Objected,
                Custody = [.. t.Custody, rejected],
                Retest = t.Retest! with { ReserveInvalid = true },
                NextStep = "the reserve sample is invalid, so the re-test cannot be done: the supervisor concludes on the first result",
            };
            return Changed(invalidReserve, request, $"reserve sample invalid at lab {lab}: {problem}");
        }

        var resample = t with
        {
            Stage = TaskStage.Accepted,
            Custody = [.. t.Custody, rejected],
            Sampling = null,
            LabId = null,
            Resamples = t.Resamples + 1,
            NextStep = $"the sample is invalid ({problem}): the team samples the target again",
        };
        return Changed(resample, request, $"sample invalid at lab {lab}: {problem}; to be sampled again");
    }

    private static WorkflowOutcome Post(TaskView t, PostResults p, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        var retest = t.Stage == TaskStage.RetestReceived;
        if (t.Stage is not (TaskStage.Received or TaskStage.Testing) && !retest)
        {
            return WrongStage(t, "given results (the lab must have received the sample)");
        }

        var lab = retest ? t.Retest!.LabId : t.LabId!;
        if (request.Actor.Role != Role.Lab || request.Actor.Subject != lab)
        {
            return Forbidden($"only lab {lab}, which holds the sample, posts its results");
        }

        if (context.Category is not { } category)
        {
            return Invalid("category", $"'{t.Category}' is not a category of the catalogue in force");
        }

        if (p.Items is not { Count: > 0 })
        {
            return Invalid("items", "at least one item result");
        }

        var posted = (retest ? t.Retest!.Results : t.Results).ToDictionary(r => r.Item, StringComparer.Ordinal);
        var fresh = new List<ItemResult>();
        var description = Description(t);
        for (var i = 0; i < p.Items.Count; i++)
        {
            var r = p.Items[i];
            var field = $"items[{i}]";
            var item = category.FindItem(r.Item ?? string.Empty);
            if (item is null)
            {
                return Invalid($"{field}.item", $"'{r.Item}' is not a test item of {category.Code} (one of: {string.Join(", ", category.Items.Select(x => x.Code))})");
            }

            if (retest && !t.Objection!.Items.Contains(r.Item!))
            {
                return Invalid($"{field}.item", $"'{r.Item}' is not disputed: the re-test covers only {string.Join(", ", t.Objection.Items)}");
            }

            if (p.Items.Take(i).Any(x => x.Item == r.Item))
            {
                return Invalid($"{field}.item", $"'{r.Item}' is given twice");
            }

            var (measurement, problem) = ItemResults.ToMeasurement(r);
            if (problem is not null)
            {
                return Invalid($"{field}.kind", problem);
            }

            var verdict = VerdictEngine.EvaluateItem(category, item, description, measurement);
            if (verdict.Outcome == ItemOutcome.InvalidInput)
            {
                return Invalid(field, verdict.Reason);
            }

            if (posted.TryGetValue(r.Item!, out var earlier))
            {
                if (earlier != r)
                {
                    return WorkflowOutcome.Refused(TaskRefusal.Conflict, $"{field}.item", $"'{r.Item}' was already posted with another result; a posted result is not changed");
                }

                continue;
            }

            fresh.Add(r);
        }

        if (fresh.Count == 0)
        {
            return new(t, null, false);
        }

        var detail = $"lab {lab} posted " + string.Join("; ", fresh.Select(Describe));
        if (retest)
        {
            var retestResults = t.Retest!.Results.Concat(fresh).ToArray();
            var retested = t with { Retest = t.Retest with { Results = retestResults } };
            if (!t.Objection!.Items.All(i => retestResults.Any(r => r.Item == i)))
            {
                return Changed(retested with { NextStep = "more disputed items to re-test" }, request, detail);
            }

            // The re-test is final: its items replace the first results.
            var combined = t.Results.Where(r => !t.Objection.Items.Contains(r.Item)).Concat(retestResults);
            var final = ItemResults.View(VerdictEngine.Evaluate(category, description, ItemResults.Measurements(combined), context.CatalogueVersion));
            return Changed(Concluded(retested, final, today, context), request, $"{detail}; re-test final: {final.Outcome}");
        }

        var results = t.Results.Concat(fresh).ToArray();
        var batch = VerdictEngine.Evaluate(category, description, ItemResults.Measurements(results), context.CatalogueVersion);
        var next = batch.Outcome == BatchOutcome.Incomplete
            ? t with { Stage = TaskStage.Testing, Results = results, NextStep = "more required items to post: " + string.Join(", ", batch.Items.Where(i => i.Outcome == ItemOutcome.NotTested && i.Required).Select(i => i.ItemCode)) }
            : t with { Stage = TaskStage.Tested, Results = results, Verdict = ItemResults.View(batch), NextStep = $"lab {lab} issues the report" };
        return Changed(next, request, next.Stage == TaskStage.Tested ? $"{detail}; verdict {next.Verdict!.Outcome}" : detail);
    }

    private static WorkflowOutcome Report(TaskView t, IssueReport i, TaskCommand request, DateOnly today)
    {
        if (t.Stage != TaskStage.Tested)
        {
            return WrongStage(t, "reported (every required result must be in)");
        }

        if (request.Actor.Role != Role.Lab || request.Actor.Subject != t.LabId)
        {
            return Forbidden($"only lab {t.LabId} issues this report");
        }

        if (string.IsNullOrWhiteSpace(i.ReportNumber))
        {
            return Invalid("reportNumber", "is required");
        }

        var next = t with { Stage = TaskStage.Reported, Report = new ReportFacts(i.ReportNumber.Trim(), today, t.LabId!), NextStep = "notify the enterprise in writing, with its rights" };
        return Changed(next, request, $"report {i.ReportNumber.Trim()} issued: {t.Verdict!.Outcome}");
    }

    private static WorkflowOutcome Notify(TaskView t, NotifyEnterprise n, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Reported)
        {
            return WrongStage(t, "notified (the report must be issued)");
        }

        if (n.ReceivedOn > today || n.ReceivedOn < t.Report!.IssuedOn)
        {
            return Invalid("receivedOn", $"must be between the report's issue ({Day(t.Report!.IssuedOn)}) and today ({Day(today)})");
        }

        var rules = RegimeRules.For(Enum.Parse<Regime>(t.Regime));
        var deadline = rules.ObjectionDeadline(n.ReceivedOn, context.Calendar);
        var due = new DueDate(deadline.Due, "enterprise", $"object within {rules.Objection}", rules.Source, deadline.Flag);
        var next = t with
        {
            Stage = TaskStage.Notified,
            NotifiedOn = n.ReceivedOn,
            ObjectionDeadline = due,
            NextStep = deadline.Due is { } d ? $"the enterprise may object until {Day(d)}" : $"the objection window's end is unknown: {deadline.Flag}",
        };
        return Changed(next, request, $"enterprise received the result on {Day(n.ReceivedOn)}; objection window {rules.Objection}, until {(deadline.Due is { } dd ? Day(dd) : deadline.Flag)}");
    }

    private static WorkflowOutcome Object(TaskView t, FileObjection o, TaskCommand request, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Notified)
        {
            return WrongStage(t, "objected to (the enterprise must have been notified)");
        }

        if (o.FiledOn > today || o.FiledOn < t.NotifiedOn)
        {
            return Invalid("filedOn", $"must be between the notification ({Day(t.NotifiedOn!.Value)}) and today ({Day(today)})");
        }

        if (t.ObjectionDeadline?.On is { } closes && o.FiledOn > closes)
        {
            return Invalid("filedOn", $"the objection window closed on {Day(closes)} ({t.ObjectionDeadline.What}); a late objection is not accepted");
        }

        if (o.Items is not { Count: > 0 })
        {
            return Invalid("items", "at least one disputed item");
        }

        foreach (var (item, i) in o.Items.Select((x, i) => (x, i)))
        {
            if (t.Results.All(r => r.Item != item))
            {
                return Invalid($"items[{i}]", $"'{item}' is not an item of the result (one of: {string.Join(", ", t.Results.Select(r => r.Item))})");
            }
        }

        if (string.IsNullOrWhiteSpace(o.Reason))
        {
            return Invalid("reason", "is required: the enterprise's grounds");
        }

        var items = o.Items.Distinct(StringComparer.Ordinal).ToArray();
        var next = t with { Stage = TaskStage.Objected, Objection = new ObjectionFacts(o.FiledOn, items, o.Reason.Trim()), NextStep = "decide the objection and assign the re-test lab" };
        return Changed(next, request, $"objection filed on {Day(o.FiledOn)} to {string.Join(", ", items)}: {o.Reason.Trim()}");
    }

    private static WorkflowOutcome Retest(TaskView t, AssignRetest a, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Objected || t.Retest is not null)
        {
            return WrongStage(t, "given a re-test lab (only once, after an objection)");
        }

        var rules = RegimeRules.For(Enum.Parse<Regime>(t.Regime));
        RetestFacts facts;
        if (rules.RetestLabDrawnAtRandom)
        {
            if (a.LabId is not null)
            {
                return Invalid("labId", $"under {t.Regime} the re-test lab is drawn at random from the re-test list; leave labId out");
            }

            var candidates = (context.RetestLabs ?? [])
                .Where(l => l.MayRetest && LabAccreditation.Gap(l, t.Category, t.Objection?.Items ?? []) is null && l.Id != t.LabId)
                .Select(l => l.Id)
                .ToArray();
            if (candidates.Length == 0)
            {
                return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, $"no lab on the re-test list is accredited for {t.Category} other than {t.LabId}");
            }

            // Seed: the head of the task's history, fixed once the objection is recorded and unknown before it.
            var order = Tickets.Order(candidates, t.HeadSha256).Select(x => x.Id).ToArray();
            facts = new RetestFacts(order[0], true, t.HeadSha256, order, today, []);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(a.LabId))
            {
                return Invalid("labId", "is required: the lab that re-tests the reserve sample");
            }

            if (context.Lab is not { } lab)
            {
                return Invalid("labId", $"'{a.LabId}' is not in the lab directory");
            }

            if (LabAccreditation.Gap(lab, t.Category, t.Objection?.Items ?? []) is { } gap)
            {
                return Invalid("labId", gap);
            }

            if (rules.Regime == Regime.Order18Industrial && lab.Id == t.LabId)
            {
                return Invalid("labId", $"the re-test is done by a different lab from the first ({t.LabId})");
            }

            facts = new RetestFacts(lab.Id, false, null, [], today, []);
        }

        var next = t with
        {
            Stage = TaskStage.RetestAssigned,
            Retest = facts,
            Custody = [.. t.Custody, new CustodyStep("reserve", t.LabId!, facts.LabId, request.At, "sent for re-test")],
            NextStep = $"lab {facts.LabId} receives the reserve sample and checks its seals",
        };
        var how = facts.Drawn ? $"drawn at random (seed {facts.Seed}; ticket order {string.Join(", ", facts.CandidatesInTicketOrder)})" : "named by the supervisor";
        return Changed(next, request, $"re-test lab {facts.LabId}, {how}");
    }

    private static WorkflowOutcome Conclude(TaskView t, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage == TaskStage.Objected && t.Retest?.ReserveInvalid == true)
        {
            return Changed(Concluded(t, t.Verdict!, today, context), request, $"concluded on the first result ({t.Verdict!.Outcome}): the reserve sample was invalid");
        }

        if (t.Stage != TaskStage.Notified)
        {
            return WrongStage(t, "concluded here (an objection ends with the re-test)");
        }

        if (t.ObjectionDeadline?.On is not { } closes)
        {
            return WorkflowOutcome.Refused(TaskRefusal.WrongStage, null, $"the objection window's end is unknown ({t.ObjectionDeadline?.Flag}); add the calendar year first");
        }

        if (today <= closes)
        {
            return WorkflowOutcome.Refused(TaskRefusal.WrongStage, null, $"the objection window is open until {Day(closes)}");
        }

        return Changed(Concluded(t, t.Verdict!, today, context), request, $"concluded without objection: {t.Verdict!.Outcome}");
    }

    private static TaskView Concluded(TaskView t, VerdictView final, DateOnly today, WorkflowContext context)
    {
        var publication = RegimeRules.PublicationDeadline(today, context.Calendar);
        var failed = final.Outcome == "fail";
        return t with
        {
            Stage = TaskStage.Concluded,

            // Kept only when a re-test changed the verdict's basis; otherwise the first verdict is the final one.
            FinalVerdict = t.Retest is { Results.Count: > 0 } ? final : null,
            Outcome = final.Outcome,
            ConcludedOn = today,
            PublicationDeadline = new DueDate(publication.Due, Role.Supervisor, "publish the result (20 working days of its forming)", "企业信息公示暂行条例 Art 6", publication.Flag),
            Disposal = failed ? new DisposalCase(today, null, null, null, null, null, null, null, DisposalCase.Open, []) : null,
            NextStep = failed ? "publish; the failed product's disposal case is open" : "publish the result",
        };
    }

    private static WorkflowOutcome Publish(TaskView t, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Stage != TaskStage.Concluded)
        {
            return WrongStage(t, "published (only a concluded result)");
        }

        var late = t.PublicationDeadline?.On is { } due && today > due;
        var next = t with
        {
            Stage = TaskStage.Published,
            PublishedOn = today,
            PublishedLate = late,
            NextStep = t.Disposal is null ? null : "the disposal case continues",
        };
        return Changed(next, request, late ? $"published late: due {Day(t.PublicationDeadline!.On!.Value)}" : "published");
    }

    private static WorkflowOutcome Dispose(TaskView t, RecordDisposal r, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (t.Disposal is not { } d || t.Stage is not (TaskStage.Concluded or TaskStage.Published))
        {
            return WrongStage(t, "given a disposal step (only a concluded failed product has a disposal case)");
        }

        if (r.On > today || r.On < d.OpenedOn)
        {
            return Invalid("on", $"must be between the case's opening ({Day(d.OpenedOn)}) and today ({Day(today)})");
        }

        var due = TaskDeadlines.DisposalDue(d, context.Calendar);
        var late = due?.On is { } by && r.On > by ? $"{r.Step} on {Day(r.On)}, due {Day(by)}" : null;
        DisposalCase? next = r.Step switch
        {
            "rectification-ordered" when d.OrderedOn is null => d with { OrderedOn = r.On, Status = "ordered: rectify within 60 days, re-inspection within 75; no sales until it passes" },
            "rectified" when d.OrderedOn is not null && d.RectifiedOn is null => d with { RectifiedOn = r.On, Status = "rectified: re-inspection due" },
            "reinspected" when d.OrderedOn is not null && d.ReinspectedOn is null && r.Passed is not null => d with
            {
                ReinspectedOn = r.On,
                ReinspectionPassed = r.Passed,
                Status = r.Passed.Value ? "closed: the re-inspection passed; sales may resume" : "failed again: provincial public notice due",
            },
            "provincial-notice" when d.ReinspectionPassed == false && d.NoticeOn is null => d with { NoticeOn = r.On, Status = "notice published: second re-inspection between day 60 and day 90" },
            "second-reinspection" when d.NoticeOn is not null && d.SecondReinspectedOn is null && r.Passed is not null => d with
            {
                SecondReinspectedOn = r.On,
                SecondPassed = r.Passed,
                Status = r.Passed.Value ? "closed: the second re-inspection passed" : "failed a third time: suspension, then revocation of the licence (产品质量法 Art 17)",
            },
            _ => null,
        };
        if (next is null)
        {
            return !RecordDisposal.Steps.Contains(r.Step)
                ? Invalid("step", $"'{r.Step}' is not one of: {string.Join(", ", RecordDisposal.Steps)}")
                : r.Step is "reinspected" or "second-reinspection" && r.Passed is null
                    ? Invalid("passed", "is required: whether the re-inspection passed")
                    : WorkflowOutcome.Refused(TaskRefusal.WrongStage, "step", $"'{r.Step}' does not follow where the case stands: {d.Status}");
        }

        if (r.Step == "second-reinspection" && d.NoticeOn!.Value.AddDays(TaskDeadlines.SecondReinspectFromDay) is var earliest && r.On < earliest)
        {
            return Invalid("on", $"the second re-inspection is not before day 60 after the notice ({Day(earliest)})");
        }

        next = late is null ? next : next with { Late = [.. d.Late, late] };
        var changed = t with { Disposal = next };
        return Changed(changed, request, $"disposal: {r.Step} on {Day(r.On)}" + (r.Passed is null ? string.Empty : r.Passed.Value ? ", passed" : ", failed")
            + (late is null ? string.Empty : " (late)") + (string.IsNullOrWhiteSpace(r.Note) ? string.Empty : $"; {r.Note.Trim()}"));
    }

    /// <summary>The items a first test covers: every item of the category in the catalogue in force.</summary>
    private static IEnumerable<string> TestedItems(WorkflowContext context) => context.Category?.Items.Select(i => i.Code) ?? [];

    private static SampleDescription Description(TaskView t) => new()
    {
        Variants = t.Sampling?.Variants ?? new Dictionary<string, string>(),
        Properties = t.Sampling?.Properties ?? new Dictionary<string, decimal>(),
    };

    private static string Describe(ItemResult r) => r.Kind == "value"
        ? $"{r.Item} = {r.Value?.ToString(CultureInfo.InvariantCulture)}"
        : $"{r.Item} {r.Kind}";

    private static bool Active(TeamMember m) => m.Status is TeamMember.Assigned or TeamMember.Accepted;

    private static WorkflowOutcome? Member(TaskView t, TaskCommand request)
    {
        if (request.Actor.Role != Role.Inspector)
        {
            return Forbidden("only an inspector of the task's team does this");
        }

        return t.Team.Any(m => m.InspectorId == request.Actor.Subject && Active(m))
            ? null
            : Forbidden($"inspector {request.Actor.Subject ?? "(credential without an inspector number)"} is not in this task's team");
    }

    private static WorkflowOutcome? Supervisor(TaskCommand request) =>
        request.Actor.Role is Role.Supervisor or Role.Admin ? null : Forbidden("only a supervisor does this");

    private static WorkflowOutcome Forbidden(string reason) => WorkflowOutcome.Refused(TaskRefusal.Forbidden, null, reason);

    private static WorkflowOutcome Invalid(string field, string reason) => WorkflowOutcome.Refused(TaskRefusal.Invalid, field, reason);

    private static WorkflowOutcome WrongStage(TaskView t, string what) =>
        WorkflowOutcome.Refused(TaskRefusal.WrongStage, null, $"the task is {t.Stage}: it cannot be {what}");

    /// <summary>Appends the history entry, moves the version and recomputes the running deadline.</summary>
    private static WorkflowOutcome Changed(TaskView next, TaskCommand request, string detail)
    {
        var recorded = Record(next, request.At, $"{request.Actor.Role}:{request.Actor.Subject ?? "-"}:{request.Actor.Name}", request.Action.Name, detail);
        return new(recorded, null, true);
    }

    internal static TaskView Record(TaskView t, DateTimeOffset at, string actor, string action, string detail)
    {
        var version = t.Version + 1;
        var entry = TaskHistory.Entry(t.HeadSha256, version, at, actor, action, detail);
        return t with { Version = version, History = [.. t.History, entry] };
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
