using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Reference;

namespace Samples.Domain.Tasks;

/// <summary>
/// The deadline running in each stage, who must act and the rule it comes from. Where Order 18 is silent the
/// food-sampling rules give the default and say so (docs/domain.md section 3); where no rule exists at all the system's own
/// default is labelled as such. Counted on the working calendar; past its last year the deadline is flagged.
/// </summary>
public static class TaskDeadlines
{
    public const string SystemDefault = "system default (no legal period)";
    public const string FoodDefault = "food-sampling default where Order 18 is silent";

    public static readonly Period Accept = new(3, WorkingDays: true);
    public static readonly Period Sample = new(15, WorkingDays: true);
    public static readonly Period ToLab = new(5, WorkingDays: true);
    public static readonly Period Report = new(20, WorkingDays: true);
    public static readonly Period Notify = new(5, WorkingDays: true);
    public static readonly Period ObjectionDecision = new(3, WorkingDays: true);
    public static readonly Period Rectify = new(60, WorkingDays: false);
    public static readonly Period Reinspect = new(75, WorkingDays: false);
    /// <summary>The second re-inspection's window opens on this day after the notice (a start, so no day-off moving).</summary>
    public const int SecondReinspectFromDay = 60;
    public static readonly Period SecondReinspectBy = new(90, WorkingDays: false);

    public static DueDate? For(TaskView t, WorkingCalendar calendar)
    {
        var since = t.History.Count == 0 ? t.AssignedOn : ChinaTime.DateOf(t.History[^1].At);
        return t.Stage switch
        {
            TaskStage.Assigned => Due(Accept.From(since, calendar), Role.Inspector, "accept or decline the task", SystemDefault),
            TaskStage.Accepted => Due(Sample.From(since, calendar), Role.Inspector, "sample, or record why not", SystemDefault),
            TaskStage.Sampled or TaskStage.HandedOver => Due(ToLab.From(t.Sampling!.SampledOn, calendar), Role.Inspector,
                "the samples reach the lab (5 working days of sampling)", FoodDefault),
            TaskStage.Received or TaskStage.Testing or TaskStage.Tested => Due(Report.From(ReceivedOn(t), calendar), Role.Lab,
                "issue the test report (20 working days of receipt)", FoodDefault),
            // Risk monitoring has no notice and no objection window: only the conclusion is owed (no legal period).
            TaskStage.Reported when RiskMonitoring.IsMonitoring(t) => Due(Notify.From(t.Report!.IssuedOn, calendar), Role.Supervisor,
                "conclude the risk-monitoring task (风险监测: no notice, no objection)", SystemDefault),
            TaskStage.Reported => Due(Notify.From(t.Report!.IssuedOn, calendar), Role.Supervisor, "notify the enterprise in writing", SystemDefault),
            TaskStage.Notified => t.ObjectionDeadline?.On is { } closes
                ? Due(ObjectionDecision.From(closes, calendar), Role.Supervisor, "conclude once the objection window has closed", SystemDefault)
                : t.ObjectionDeadline,
            TaskStage.Objected => Due(ObjectionDecision.From(t.Objection!.FiledOn, calendar), Role.Supervisor,
                "decide the objection and assign the re-test lab (3 working days)", "one city's rule (docs/domain.md section 3)"),
            TaskStage.RetestAssigned or TaskStage.RetestReceived => Due(Report.From(t.Retest!.AssignedOn, calendar), Role.Lab,
                "re-test the disputed items on the reserve sample", FoodDefault),
            TaskStage.Concluded => Earliest(t.PublicationDeadline, t.Disposal is { } open ? DisposalDue(open, calendar) : null),
            TaskStage.Published when t.Disposal is { } d => DisposalDue(d, calendar),
            _ => null,
        };
    }

    /// <summary>The disposal step now due: rectification within 60 days and re-inspection within 75 of the order; a second re-inspection by day 90 after a provincial notice.</summary>
    public static DueDate? DisposalDue(DisposalCase d, WorkingCalendar calendar)
    {
        // A producer outside Qinghai: its regulator is told as well (Art 44), beside the chain below; the earlier shows.
        var handover = d.ProducerElsewhere is not null && d.ProducerRegulatorNotifiedOn is null
            ? Due(Notify.From(d.OpenedOn, calendar), Role.Supervisor, $"hand the failed product over to the regulator of its producer {d.ProducerElsewhere} (outside Qinghai)", "Order 18 Art 44")
            : null;
        return Earliest(handover, DisposalChainDue(d, calendar));
    }

    private static DueDate? DisposalChainDue(DisposalCase d, WorkingCalendar calendar)
    {
        if (d.OrderedOn is null)
        {
            return Due(Notify.From(d.OpenedOn, calendar), Role.Supervisor, "order the enterprise to stop and rectify", SystemDefault);
        }

        if (d.RectifiedOn is null)
        {
            return Due(Rectify.From(d.OrderedOn.Value, calendar), "enterprise", "rectify (60 days of the order)", "Order 18 Art 46");
        }

        if (d.ReinspectedOn is null)
        {
            return Due(Reinspect.From(d.OrderedOn.Value, calendar), Role.Supervisor, "re-inspect, free samples (75 days of the order)", "Order 18 Art 47");
        }

        if (d.ReinspectionPassed == false && d.NoticeOn is null)
        {
            return Due(Notify.From(d.ReinspectedOn.Value, calendar), Role.Supervisor, "provincial public notice of the second failure", "Order 18 Art 48");
        }

        if (d.NoticeOn is { } notice && d.SecondReinspectedOn is null)
        {
            return Due(SecondReinspectBy.From(notice, calendar), Role.Supervisor, "second re-inspection, between day 60 and day 90 after the notice", "Order 18 Art 48");
        }

        return null;
    }

    /// <summary>Of two deadlines running at once (publication and disposal), the one that ends first; a flagged one wins, as it needs attention.</summary>
    private static DueDate? Earliest(DueDate? a, DueDate? b) =>
        a is null ? b : b is null ? a : a.On is null ? a : b.On is null ? b : a.On <= b.On ? a : b;

    private static DateOnly ReceivedOn(TaskView t) =>
        t.Custody.LastOrDefault(c => c.Event == "received") is { } received ? ChinaTime.DateOf(received.At) : t.AssignedOn;

    private static DueDate Due(Deadline deadline, string owner, string what, string rule) =>
        new(deadline.Due, owner, what, rule, deadline.Flag);
}
