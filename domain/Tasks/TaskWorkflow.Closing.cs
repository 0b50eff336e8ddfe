using System.Globalization;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>Closing: the task is concluded, its result published (一公开), and a failure's disposal recorded.</summary>
public static partial class TaskWorkflow
{
    private static WorkflowOutcome Conclude(TaskView t, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (RiskMonitoring.IsMonitoring(t))
        {
            return ConcludeMonitoring(t, request, today);
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

    /// <summary>
    /// A monitoring task concludes once its report is issued: no notice, no objection window to wait out, no publication
    /// deadline and no disposal case. The task ends here with its finding recorded as a risk signal.
    /// </summary>
    private static WorkflowOutcome ConcludeMonitoring(TaskView t, TaskCommand request, DateOnly today)
    {
        if (t.Stage != TaskStage.Reported)
        {
            return WrongStage(t, "concluded (a risk-monitoring task concludes once its test report is issued)");
        }

        var next = t with { Stage = TaskStage.Concluded, Outcome = t.Verdict!.Outcome, ConcludedOn = today, NextStep = null };
        return Changed(next, request, $"concluded (风险监测 risk monitoring): {RiskMonitoring.Finding(t.Verdict)}");
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
            Disposal = failed ? new DisposalCase(today, null, null, null, null, null, null, null, DisposalCase.Open, [], ProducerElsewhere: ProducerRegulation.Elsewhere(t.Sampling)) : null,
            NextStep = failed ? "publish; the failed product's disposal case is open" : "publish the result",
        };
    }

    private static WorkflowOutcome Publish(TaskView t, TaskCommand request, WorkflowContext context, DateOnly today)
    {
        if (Supervisor(request) is { } refusal)
        {
            return refusal;
        }

        if (RiskMonitoring.IsMonitoring(t))
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, null, RiskMonitoring.NotPublished);
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

        if (RiskMonitoring.IsMonitoring(t))
        {
            return WorkflowOutcome.Refused(TaskRefusal.Conflict, "step", RiskMonitoring.NoDisposal);
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
            "producer-regulator-notified" when d.ProducerElsewhere is not null && d.ProducerRegulatorNotifiedOn is null && !string.IsNullOrWhiteSpace(r.Note) =>
                d with { ProducerRegulatorNotifiedOn = r.On, ProducerRegulator = r.Note.Trim() },
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
                : r.Step == "producer-regulator-notified" && d.ProducerElsewhere is null
                    ? WorkflowOutcome.Refused(TaskRefusal.WrongStage, "step", "the producer is registered in Qinghai (or the record names none): nothing to hand over")
                : r.Step == "producer-regulator-notified" && d.ProducerRegulatorNotifiedOn is null
                    ? Invalid("note", "names the producer's regulator the case was handed to (Order 18 Art 44)")
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

    /// <summary>The enterprise's evidence of rectification, once ordered and until a supervisor records it rectified.</summary>
    private static WorkflowOutcome Rectify(TaskView t, SubmitRectification r, TaskCommand request)
    {
        if (request.Actor.Role != Role.Enterprise || request.Actor.Subject != t.Uscc)
        {
            return Forbidden($"only enterprise {t.Uscc} submits evidence of its own rectification");
        }

        if (t.Disposal is not { OrderedOn: not null, RectifiedOn: null } d)
        {
            return WrongStage(t, "given rectification evidence (only after rectification was ordered, until it is recorded as done)");
        }

        if (r.Files is not { Count: > 0 } || r.Files.Count > PhotoRef.MaxPerRecord)
        {
            return Invalid("files", $"1 to {PhotoRef.MaxPerRecord} files of evidence");
        }

        foreach (var (f, i) in r.Files.Select((f, i) => (f, i)))
        {
            if (f.Kind != PhotoRef.Rectification || !Photos.IsSha256(f.Sha256) || f.Bytes is <= 0 or > PhotoRef.MaxBytes)
            {
                return Invalid($"files[{i}]", $"a file of kind {PhotoRef.Rectification}, named by its SHA-256, 1 to {PhotoRef.MaxBytes} bytes");
            }
        }

        if (string.IsNullOrWhiteSpace(r.Note))
        {
            return Invalid("note", "is required: what the enterprise did to rectify");
        }

        var files = r.Files.Select(f => f with { Sha256 = f.Sha256.ToLowerInvariant() }).ToArray();
        var next = t with { Disposal = d with { Evidence = [.. d.Evidence ?? [], .. files.Where(f => d.Evidence?.All(e => e.Sha256 != f.Sha256) ?? true)] } };
        return Changed(next, request, $"rectification evidence: {r.Note.Trim()}; files {string.Join(", ", files.Select(f => $"sha256:{f.Sha256}"))}");
    }
}
