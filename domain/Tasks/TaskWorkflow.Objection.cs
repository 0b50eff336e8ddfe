using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Directory;
using Samples.Draw;

namespace Samples.Domain.Tasks;

/// <summary>The enterprise is notified of the result; it may object within its regime's window, and a re-test is assigned.</summary>
public static partial class TaskWorkflow
{
    private static WorkflowOutcome Notify(TaskView t, NotifyEnterprise n, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (RiskMonitoring.IsMonitoring(t))
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, RiskMonitoring.NoNotice);
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
        if (SupervisorOrTheEnterprise(t, request) is { } refusal)
        {
            return refusal;
        }

        if (RiskMonitoring.IsMonitoring(t))
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, RiskMonitoring.NoObjection);
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

    /// <summary>An objection is the enterprise's own (filed by its account), or entered by a supervisor from its letter.</summary>
    private static WorkflowOutcome? SupervisorOrTheEnterprise(TaskView t, TaskCommand request) =>
        request.Actor.Role == Role.Enterprise
            ? request.Actor.Subject == t.Uscc ? null : Forbidden($"only enterprise {t.Uscc} objects to its own result")
            : Supervisor(request);
}
