using System.Text.Json;
using System.Text.Json.Serialization;
using FluentAssertions;
using Samples.Contracts.Access;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Catalogue;
using Samples.Domain.Documents;
using Samples.Domain.Plans;
using Samples.Domain.Reference;
using Samples.Domain.Risk;
using Samples.Domain.Tasks;
using Samples.Domain.Tests.Plans;

namespace Samples.Domain.Tests.Tasks;

/// <summary>
/// Risk monitoring (风险监测): the same sampling, custody, tests and verdict as supervision sampling, then no notice, no
/// objection, no publication, no disposal, nothing in the credit record or the risk model; the task concludes on its report.
/// </summary>
public sealed class RiskMonitoringTests
{
    private const string Uscc = "91630000MA75XXXX1A";
    private const string Category = "potash-kcl-gb6549";
    private static readonly CatalogueVersion Catalogue = CatalogueLoader.LoadShipped();
    private static readonly TaskActor Boss = new(Role.Supervisor, null, "boss");
    private static readonly TaskActor I1 = new(Role.Inspector, "I-001", "one");
    private static readonly TaskActor I2 = new(Role.Inspector, "I-002", "two");
    private static readonly TaskActor LabA = new(Role.Lab, "LAB-A", "lab a");
    private static readonly TaskActor Owner = new(Role.Enterprise, Uscc, "the enterprise");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_failed_monitoring_task_concludes_on_its_report_with_a_risk_signal_and_nothing_enforced()
    {
        var t = Reported(PlanPurpose.RiskMonitoring, k2o: 59m);
        t.Purpose.Should().Be(PlanPurpose.RiskMonitoring);
        t.Verdict!.Outcome.Should().Be("fail", "the lab's verdict is reached as for supervision");
        t.History[0].Detail.Should().Contain("风险监测", "the chained history says from the start that it carries no enforcement");
        t.NextStep.Should().Contain("conclude");
        t.Due!.What.Should().Contain("conclude the risk-monitoring task", "no notice is owed, only the conclusion");

        Refuse(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2))).Should().Be(new TaskRefusal(TaskRefusal.Conflict, null, RiskMonitoring.NoNotice));
        var objection = Refuse(t, Owner, new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "方法有误"));
        objection.Kind.Should().Be(TaskRefusal.Conflict);
        objection.Reason.Should().StartWith("风险监测不适用异议程序", "the reason is in Chinese first");
        Refuse(t, Boss, new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "letter")).Reason.Should().StartWith("风险监测不适用异议程序");
        Refuse(t, new TaskActor(Role.Enterprise, "91630000MA75YYYY2B", "another"), new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "x"))
            .Kind.Should().Be(TaskRefusal.Forbidden, "who may act is checked before what the task allows");

        t = Do(t, Boss, new ConcludeTask());
        t.Stage.Should().Be(TaskStage.Concluded, "no objection window to wait out");
        t.Outcome.Should().Be("fail");
        t.ConcludedOn.Should().Be(new DateOnly(2026, 3, 2));
        t.Disposal.Should().BeNull("a failed monitoring result opens no disposal case");
        t.PublicationDeadline.Should().BeNull("it is not published as an enforcement result");
        t.ObjectionDeadline.Should().BeNull();
        t.Due.Should().BeNull("nothing is owed any more: the task ends here");
        t.NextStep.Should().BeNull();
        t.History[^1].Detail.Should().Contain("风险信号").And.Contain(TaskBasis.RiskSignal, "the finding points to the targeted follow-up");
        TaskHistory.Verify(t.History).Should().BeNull();

        Refuse(t, Boss, new PublishResult()).Should().Be(new TaskRefusal(TaskRefusal.Conflict, null, RiskMonitoring.NotPublished));
        Refuse(t, Boss, new RecordDisposal("rectification-ordered", new DateOnly(2026, 3, 2))).Reason.Should().Be(RiskMonitoring.NoDisposal);
        Refuse(t, Boss, new ConcludeTask()).Kind.Should().Be(TaskRefusal.WrongStage, "concluded once");
        TaskSummary.Of(t).Purpose.Should().Be(PlanPurpose.RiskMonitoring, "the board counts it apart");
        var notices = TaskNotices.For(SamplingTaskChanged.Of(t));
        notices.Should().ContainSingle("the supervisors hear of the risk signal; the enterprise is ordered nothing")
            .Which.Should().Match<TaskNotices.Notice>(n => n.RecipientKind == TaskNotices.Supervisors && n.Message.Contains(TaskBasis.RiskSignal));
        TaskAccess.MayRead(t, Role.Enterprise, Uscc).Should().BeFalse("the enterprise was never notified of a monitoring result");
    }

    [Fact]
    public void A_monitoring_task_is_concluded_only_once_its_report_is_issued()
    {
        var t = Reported(PlanPurpose.RiskMonitoring, k2o: 61m, report: false);
        t.Stage.Should().Be(TaskStage.Tested);
        Refuse(t, Boss, new ConcludeTask()).Kind.Should().Be(TaskRefusal.WrongStage);
        Refuse(t, LabA, new ConcludeTask()).Kind.Should().Be(TaskRefusal.Forbidden, "only a supervisor concludes");
    }

    [Fact]
    public void A_supervision_task_still_needs_its_notice_and_objection_window()
    {
        var t = Reported(PlanPurpose.Supervision, k2o: 59m);
        t.Purpose.Should().Be(PlanPurpose.Supervision);
        Refuse(t, Boss, new ConcludeTask()).Kind.Should().Be(TaskRefusal.WrongStage, "a supervision result waits for its notice and window");
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        Do(t, Owner, new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "方法有误")).Stage.Should().Be(TaskStage.Objected);
    }

    [Fact]
    public void A_targeted_task_takes_its_plans_purpose()
    {
        var open = new OpenTargetedTask(TaskBasis.TargetedId("M", Uscc, "k"), "M", Uscc, Category, "630100", ["I-001", "I-002"], TaskBasis.Complaint, "12315-1", "投诉");
        var t = TaskWorkflow.Apply(null, new TaskCommand(open, Boss, Now), Context(PlanPurpose.RiskMonitoring)).Task!;
        t.Purpose.Should().Be(PlanPurpose.RiskMonitoring);
    }

    [Fact]
    public void Nothing_from_monitoring_enters_the_credit_record_or_the_risk_indicators()
    {
        var day = new DateOnly(2026, 3, 2);
        CreditRecord.Of([new CreditFact("M:R1:x", "fail", false, null, day, day, null, Monitoring: true)]).Should().BeEmpty();
        CreditRecord.Of([new CreditFact("P:R1:x", "fail", false, null, day, day, null)]).Should().ContainSingle()
            .Which.Kind.Should().Be(CreditRecord.Failure, "a supervision failure still counts");

        var enterprise = new EnterpriseRecord(Uscc, "示例", EnterpriseStatus.Active, false, [Category], RiskClass.B);
        var monitoring = SystemIndicators.Compute(enterprise, [new TaskRecord(Uscc, day, day, "fail", false, false, Monitoring: true)], new HashSet<string>(), day.AddDays(10));
        var supervision = SystemIndicators.Compute(enterprise, [new TaskRecord(Uscc, day, day, "fail", false, false)], new HashSet<string>(), day.AddDays(10));
        monitoring[SystemIndicators.Failures].Should().Be(0);
        monitoring[SystemIndicators.MonthsSinceInspection].Should().Be(SystemIndicators.NeverInspected, "a monitoring sample is no inspection with consequences");
        supervision[SystemIndicators.Failures].Should().Be(1);
    }

    [Fact]
    public void A_monitoring_task_has_no_enforcement_papers_and_its_own_say_so()
    {
        var t = Do(Reported(PlanPurpose.RiskMonitoring, k2o: 59m), Boss, new ConcludeTask());
        DocumentKind.ResultNotice.NotYet(t).Should().StartWith("检验结果通知书不适用于风险监测任务");
        DocumentKind.DisposalNotice.NotYet(t).Should().NotBeNull();
        DocumentKind.ResultSheet.NotYet(t).Should().NotBeNull();
        DocumentKind.SamplingRecord.NotYet(t).Should().BeNull();
        DocumentKind.TestReport.NotYet(t).Should().BeNull();
        DocumentKind.SamplingRecord.TitleFor(t).Zh.Should().Be("产品质量风险监测抽样单");
        DocumentKind.TestReport.TitleFor(t).Zh.Should().Contain("风险监测");
        DocumentKind.SamplingRecord.TitleFor(t with { Purpose = PlanPurpose.Supervision }).Zh.Should().Be("产品质量监督抽查抽样单");
    }

    [Fact]
    public void A_plan_names_its_purpose_keeps_it_and_claims_its_own_department_year()
    {
        RiskMonitoring.TryParse("risk-monitoring", out var p).Should().BeTrue();
        p.Should().Be(PlanPurpose.RiskMonitoring);
        RiskMonitoring.TryParse(null, out p).Should().BeTrue();
        p.Should().Be(PlanPurpose.Supervision, "a plan without a purpose is supervision, as every plan was before");
        RiskMonitoring.TryParse("monitoring", out _).Should().BeFalse();

        var plan = PlanRulesTests.Valid();
        PlanRules.Check(plan with { Purpose = (PlanPurpose)7 }, 2026).Select(x => x.Field).Should().Equal("purpose");
        var monitoring = plan with { Purpose = PlanPurpose.RiskMonitoring };
        PlanRules.Same(plan, monitoring).Should().BeFalse();
        PlanRules.PurposeChange(plan, monitoring)!.Field.Should().Be("purpose");
        PlanRules.PurposeChange(plan, plan with { GoalBatches = 5 }).Should().BeNull();
        IPlanClaimGrain.KeyOf(plan.Department, 2026, PlanPurpose.Supervision).Should().Be(IPlanClaimGrain.KeyOf(plan.Department, 2026), "claims made before purposes stay valid");
        IPlanClaimGrain.KeyOf(plan.Department, 2026, PlanPurpose.RiskMonitoring).Should().NotBe(IPlanClaimGrain.KeyOf(plan.Department, 2026));
    }

    [Fact]
    public void A_years_overview_keeps_supervision_and_monitoring_apart_each_plan_toward_its_own_goal()
    {
        var overview = Samples.Domain.Progress.PurposeProgress.Of([
            new("QH-M", "局", PlanPurpose.RiskMonitoring, 200, 3, 1),
            new("QH-S", "局", PlanPurpose.Supervision, 1000, 10, 2),
            new("XN-S", "市局", PlanPurpose.Supervision, 100, 5, 0),
        ]);
        overview.Select(p => (p.Purpose, p.Goal, p.Concluded, p.Failed)).Should().Equal(
            ("supervision", 1100, 15, 2), ("risk-monitoring", 200, 3, 1));
        overview[0].Plans.Select(p => p.PlanId).Should().Equal("QH-S", "XN-S");
        overview[1].Name.Should().StartWith("风险监测");
    }

    [Fact]
    public void The_purpose_reads_and_writes_as_its_code_and_old_json_is_supervision()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        JsonSerializer.Serialize(PlanPurpose.RiskMonitoring, json).Should().Be("\"risk-monitoring\"");
        var old = JsonSerializer.Serialize(PlanRulesTests.Valid(), json).Replace(",\"purpose\":\"supervision\"", string.Empty, StringComparison.Ordinal);
        old.Should().NotContain("purpose");
        JsonSerializer.Deserialize<PlanDefinition>(old, json)!.Purpose.Should().Be(PlanPurpose.Supervision);
    }

    private static WorkflowContext Context(PlanPurpose purpose = PlanPurpose.Supervision, BatchView? batch = null, LabView? lab = null) =>
        new(WorkingCalendar.Shipped, Catalogue.FindCategory(Category), Catalogue.Version, batch, lab, Purpose: purpose);

    private static TaskView Reported(PlanPurpose purpose, decimal k2o, bool report = true)
    {
        var batch = new BatchView(new DefineBatch("B-1", Uscc, Uscc, Category, "product", null, null, "GB 6549", "L1", null, "x"), "same", DateTimeOffset.UnixEpoch, "x");
        var lab = new LabView("LAB-A", "LAB-A", Catalogue.Categories.Select(c => c.Code).ToArray(), Catalogue.Categories.SelectMany(c => c.Items.Select(i => i.Code)).Distinct().ToArray(), true, []);
        var t = TaskWorkflow.Apply(null, new TaskCommand(new AssignTask("M:R1", "M", Uscc, Category, "630100", ["I-001", "I-002"]), TaskActor.System("draw"), Now), Context(purpose)).Task!;
        t = Do(t, I1, new AcceptTask());
        t = Do(t, I2, new AcceptTask());
        t = Do(t, I1, new RecordSampling("B-1", 2m, 2m, "kg", ["S1", "S2"], true, null, new DateOnly(2026, 3, 2), new Dictionary<string, string> { ["grade"] = "premium" }), Context(batch: batch));
        t = Do(t, I2, new HandOver("LAB-A"), Context(lab: lab));
        t = Do(t, LabA, new ReceiveSample(true, ["S1", "S2"]));
        t = Do(t, LabA, new PostResults([new ItemResult("k2o", "value", k2o), new ItemResult("h2o", "value", 1.0m)]));
        return report ? Do(t, LabA, new IssueReport("R-1")) : t;
    }

    private static TaskView Do(TaskView t, TaskActor actor, TaskAction action, WorkflowContext? context = null)
    {
        var outcome = TaskWorkflow.Apply(t, new TaskCommand(action, actor, Now), context ?? Context());
        outcome.Refusal.Should().BeNull($"{action.Name} by {actor.Name} should be accepted");
        outcome.Changed.Should().BeTrue();
        return outcome.Task!;
    }

    private static TaskRefusal Refuse(TaskView t, TaskActor actor, TaskAction action)
    {
        var outcome = TaskWorkflow.Apply(t, new TaskCommand(action, actor, Now), Context());
        outcome.Refusal.Should().NotBeNull($"{action.Name} by {actor.Name} should be refused");
        outcome.Task.Should().BeNull();
        return outcome.Refusal!;
    }
}
