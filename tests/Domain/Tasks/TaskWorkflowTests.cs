using FluentAssertions;
using Samples.Contracts.Access;
using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Catalogue;
using Samples.Domain.Directory;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;
using Samples.Domain.Tests.Support;
using Samples.Draw;

namespace Samples.Domain.Tests.Tasks;

public sealed class TaskWorkflowTests
{
    private const string Uscc = "91630000MA75XXXX1A";
    private static readonly CatalogueVersion Catalogue = CatalogueLoader.LoadShipped();
    private static readonly TaskActor System = TaskActor.System("draw");
    private static readonly TaskActor Boss = new(Role.Supervisor, null, "boss");
    private static readonly TaskActor I1 = new(Role.Inspector, "I-001", "one");
    private static readonly TaskActor I2 = new(Role.Inspector, "I-002", "two");
    private static readonly TaskActor LabA = new(Role.Lab, "LAB-A", "lab a");
    private static readonly TaskActor LabB = new(Role.Lab, "LAB-B", "lab b");

    private DateTimeOffset now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_passing_potash_batch_goes_from_assignment_to_publication_with_every_deadline()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 61m), ("h2o", 1.0m)));
        t.Stage.Should().Be(TaskStage.Tested);
        t.Verdict!.Outcome.Should().Be("pass");
        t.Due!.Owner.Should().Be(Role.Lab, "the lab now owes the report");
        t = Do(t, LabA, new IssueReport("R-1"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        t.ObjectionDeadline!.On.Should().Be(new DateOnly(2026, 3, 17), "15 days after 2 March, the trigger day not counted");
        Refuse(t, Boss, new ConcludeTask()).Reason.Should().Contain("open until 2026-03-17");

        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        t.Stage.Should().Be(TaskStage.Concluded);
        t.Outcome.Should().Be("pass");
        t.Disposal.Should().BeNull();
        t.PublicationDeadline!.On.Should().Be(WorkingCalendar.Shipped.AddWorkingDays(new DateOnly(2026, 3, 18), 20).Due);
        t = Do(t, Boss, new PublishResult());
        t.Stage.Should().Be(TaskStage.Published);
        t.PublishedLate.Should().BeFalse();
        t.Due.Should().BeNull("nothing is owed any more");
        TaskHistory.Verify(t.History).Should().BeNull();
        t.History.Select(h => h.Version).Should().BeInAscendingOrder().And.HaveCount(t.Version);
    }

    [Fact]
    public void A_failed_result_objected_to_is_retested_by_another_lab_on_the_disputed_items_only_and_opens_a_disposal_case()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        t.Verdict!.Outcome.Should().Be("fail");
        t = Do(t, LabA, new IssueReport("R-2"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        Refuse(t, Boss, new FileObjection(new DateOnly(2026, 3, 2), ["nacl"], "wrong")).Field.Should().Be("items[0]");
        t = Do(t, Boss, new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "method"));
        Refuse(t, Boss, new AssignRetest("LAB-A"), Labs()).Reason.Should().Contain("different lab");
        t = Do(t, Boss, new AssignRetest("LAB-B"), Labs("LAB-B"));
        t.Stage.Should().Be(TaskStage.RetestAssigned);
        Refuse(t, LabA, new ReceiveSample(true, ["S1"])).Kind.Should().Be(TaskRefusal.Forbidden);
        t = Do(t, LabB, new ReceiveSample(true, ["S2"]));
        Refuse(t, LabB, new PostResults([new ItemResult("h2o", "value", 1.0m)])).Reason.Should().Contain("not disputed");
        t = Do(t, LabB, new PostResults([new ItemResult("k2o", "value", 58.5m)]));
        t.Stage.Should().Be(TaskStage.Concluded, "the re-test is final");
        t.FinalVerdict!.Outcome.Should().Be("fail");
        t.Disposal!.Status.Should().Be(DisposalCase.Open);

        t = Do(t, Boss, new RecordDisposal("rectification-ordered", new DateOnly(2026, 3, 2)));
        t.Due!.What.Should().Contain("publish", "publication (20 working days) ends before rectification (60 days)");
        var disposal = TaskDeadlines.DisposalDue(t.Disposal!, WorkingCalendar.Shipped)!;
        disposal.What.Should().Contain("rectify");
        disposal.On.Should().Be(new DateOnly(2026, 5, 6), "60 days after 2 March is 1 May, a day off until 5 May");
        Refuse(t, Boss, new RecordDisposal("provincial-notice", new DateOnly(2026, 3, 2))).Kind.Should().Be(TaskRefusal.WrongStage);
        Refuse(t, Boss, new RecordDisposal("stop", new DateOnly(2026, 3, 2))).Field.Should().Be("step");
    }

    [Fact]
    public void A_failed_product_made_outside_Qinghai_is_handed_to_its_producers_regulator_and_tracked_until_it_is()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        // The producer's USCC leads the same-product key; 11 is Beijing.
        t = t with { Sampling = t.Sampling! with { SameProduct = "91110105MA01ABCD2X|GB 6549||" } };
        t = Do(t, LabA, new IssueReport("R-7"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        t.Disposal!.ProducerElsewhere.Should().Be("91110105MA01ABCD2X");
        var due = TaskDeadlines.DisposalDue(t.Disposal, WorkingCalendar.Shipped)!;
        due.Rule.Should().Be("Order 18 Art 44");
        due.What.Should().Contain("91110105MA01ABCD2X");

        Refuse(t, Boss, new RecordDisposal("producer-regulator-notified", new DateOnly(2026, 3, 18))).Field.Should().Be("note", "the regulator is named");
        t = Do(t, Boss, new RecordDisposal("producer-regulator-notified", new DateOnly(2026, 3, 18), Note: "北京市市场监督管理局"));
        t.Disposal!.ProducerRegulator.Should().Be("北京市市场监督管理局");
        t.Disposal.ProducerRegulatorNotifiedOn.Should().Be(new DateOnly(2026, 3, 18));
        TaskDeadlines.DisposalDue(t.Disposal, WorkingCalendar.Shipped)!.Rule.Should().NotBe("Order 18 Art 44", "handed over: the chain's next step shows");
        Refuse(t, Boss, new RecordDisposal("producer-regulator-notified", new DateOnly(2026, 3, 18), Note: "again")).Kind.Should().Be(TaskRefusal.WrongStage);
    }

    [Fact]
    public void A_producer_registered_in_Qinghai_has_nothing_to_hand_over()
    {
        ProducerRegulation.Elsewhere(null).Should().BeNull();
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        t = t with { Sampling = t.Sampling! with { SameProduct = "91632801MA01ABCD2X|GB 6549||" } };
        t = Do(t, LabA, new IssueReport("R-8"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        t.Disposal!.ProducerElsewhere.Should().BeNull();
        Refuse(t, Boss, new RecordDisposal("producer-regulator-notified", new DateOnly(2026, 3, 18), Note: "x")).Reason.Should().Contain("registered in Qinghai");
    }

    [Fact]
    public void Publication_after_twenty_working_days_is_flagged_late()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 61m), ("h2o", 1.0m)));
        t = Do(t, LabA, new IssueReport("R-9"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        var due = t.PublicationDeadline!.On!.Value;
        now = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        t = Do(t, Boss, new PublishResult());
        t.PublishedLate.Should().BeTrue();
        t.History[^1].Detail.Should().Contain("published late");
    }

    [Fact]
    public void A_second_failure_leads_to_a_provincial_notice_and_a_second_reinspection_not_before_day_sixty()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        t = Do(t, LabA, new IssueReport("R-8"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        t.Disposal.Should().NotBeNull("a failed conclusion opens the disposal case");
        now = new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new RecordDisposal("rectification-ordered", new DateOnly(2026, 3, 18)));
        t = Do(t, Boss, new RecordDisposal("rectified", new DateOnly(2026, 5, 1)));
        Refuse(t, Boss, new RecordDisposal("reinspected", new DateOnly(2026, 5, 20))).Field.Should().Be("passed");
        t = Do(t, Boss, new RecordDisposal("reinspected", new DateOnly(2026, 5, 20), Passed: false));
        t.Disposal!.Status.Should().Contain("provincial public notice due");
        t = Do(t, Boss, new RecordDisposal("provincial-notice", new DateOnly(2026, 5, 25)));
        Refuse(t, Boss, new RecordDisposal("second-reinspection", new DateOnly(2026, 6, 20), Passed: true)).Reason.Should().Contain("not before day 60");
        t = Do(t, Boss, new RecordDisposal("second-reinspection", new DateOnly(2026, 7, 30), Passed: false));
        t.Disposal!.Status.Should().Contain("suspension");
        t.Disposal.Late.Should().BeEmpty("every step was within its period");
    }

    [Fact]
    public void Under_the_device_regime_the_retest_lab_is_drawn_at_random_from_the_retest_list_and_can_be_recomputed()
    {
        var t = Walk(Assigned("medical-mask-disposable"), ToTested("medical-mask-disposable",
            ("bfe", 90m), ("nose-clip", 9m), ("strap-strength", 12m), ("size-deviation", 1m), ("breathing-resistance", 40m)));
        t = Do(t, LabA, new IssueReport("R-3"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        t.ObjectionDeadline!.On.Should().Be(new DateOnly(2026, 3, 11), "7 working days");
        t = Do(t, Boss, new FileObjection(new DateOnly(2026, 3, 2), ["bfe"], "sampling damage"));
        Refuse(t, Boss, new AssignRetest("LAB-B"), Labs("LAB-B")).Field.Should().Be("labId");
        var labs = Labs("LAB-B", "LAB-C", "LAB-D");
        var seed = t.HeadSha256;
        t = Do(t, Boss, new AssignRetest(null), labs);
        var expected = Tickets.Order(["LAB-B", "LAB-C", "LAB-D"], seed).Select(x => x.Id).ToArray();
        t.Retest!.Drawn.Should().BeTrue();
        t.Retest.Seed.Should().Be(seed);
        t.Retest.CandidatesInTicketOrder.Should().Equal(expected);
        t.Retest.LabId.Should().Be(expected[0], "the lowest ticket wins; the first lab and labs not on the re-test list are not candidates");
    }

    [Fact]
    public void Refused_requests_name_the_reason_and_change_nothing()
    {
        var t = Assigned("potash-kcl-gb6549");
        Refuse(t, Boss, new AcceptTask()).Kind.Should().Be(TaskRefusal.Forbidden);
        Refuse(t, new TaskActor(Role.Inspector, "I-999", "stranger"), new AcceptTask()).Reason.Should().Contain("not in this task's team");
        Refuse(t, I1, new HandOver("LAB-A")).Kind.Should().Be(TaskRefusal.WrongStage);
        t = Do(t, I1, new AcceptTask());
        Refuse(t, I1, new AcceptTask()).Kind.Should().Be(TaskRefusal.Conflict);
        t = Do(t, I2, new AcceptTask());
        Refuse(t, I1, Sampling() with { SignedByEnterprise = false }, Batch("potash-kcl-gb6549")).Field.Should().Be("refusedToSignNote");
        Refuse(t, I1, Sampling() with { ReserveQuantity = 0 }, Batch("potash-kcl-gb6549")).Field.Should().Be("reserveQuantity");
        Refuse(t, I1, Sampling(), null).Field.Should().Be("batchId");
        Refuse(t, I1, Sampling(), Batch("lithium-carbonate")).Reason.Should().Contain("is of category lithium-carbonate");
        Refuse(t, I1, Sampling() with { Seals = ["S1", "S1"] }, Batch("potash-kcl-gb6549")).Field.Should().Be("seals");
        Refuse(t, I1, Sampling() with { Variants = new Dictionary<string, string> { ["grade"] = "golden" } }, Batch("potash-kcl-gb6549")).Field.Should().Be("variants");
        t = Do(t, I1, Sampling(), Batch("potash-kcl-gb6549"));
        t = Do(t, I2, new HandOver("LAB-A"), Lab("LAB-A"));
        t = Do(t, LabA, new ReceiveSample(true, ["S1", "S2"]));
        Refuse(t, LabB, new PostResults([new ItemResult("k2o", "value", 61m)])).Kind.Should().Be(TaskRefusal.Forbidden);
        Refuse(t, LabA, new PostResults([new ItemResult("pb", "value", 1m)])).Field.Should().Be("items[0].item");
        Refuse(t, LabA, new PostResults([new ItemResult("k2o", "value")])).Field.Should().Be("items[0].kind");
        Refuse(t, LabA, new PostResults([new ItemResult("k2o", "conforms")])).Field.Should().Be("items[0]");
        t = Do(t, LabA, new PostResults([new ItemResult("k2o", "value", 61m)]));
        t.Stage.Should().Be(TaskStage.Testing);
        t.NextStep.Should().Contain("h2o");
        Refuse(t, LabA, new PostResults([new ItemResult("k2o", "value", 62m)])).Kind.Should().Be(TaskRefusal.Conflict);
        var same = TaskWorkflow.Apply(t, Command(LabA, new PostResults([new ItemResult("k2o", "value", 61m)])), Context());
        same.Changed.Should().BeFalse("the same result again is a repeat, not a change");
    }

    [Fact]
    public void A_broken_seal_makes_the_sample_invalid_and_the_team_samples_again()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), [(I1, new AcceptTask(), null), (I2, new AcceptTask(), null)]);
        t = Do(t, I1, Sampling(), Batch("potash-kcl-gb6549"));
        t = Do(t, I1, new HandOver("LAB-A"), Lab("LAB-A"));
        t = Do(t, LabA, new ReceiveSample(true, ["S1"]));
        t.Stage.Should().Be(TaskStage.Accepted, "seal S2 of the record was missing");
        t.Resamples.Should().Be(1);
        t.Sampling.Should().BeNull();
        t.Custody[^1].Event.Should().Be("rejected");
        t.NextStep.Should().Contain("samples the target again");
    }

    [Fact]
    public void The_event_of_a_recorded_sampling_carries_what_was_sampled_and_no_other_event_does()
    {
        // The sampling history is built from this event alone: read after a rejected sample, the task no longer has it.
        var t = Walk(Assigned("potash-kcl-gb6549"), [(I1, new AcceptTask(), null), (I2, new AcceptTask(), null)]);
        SamplingTaskChanged.Of(t).Sampling.Should().BeNull();
        t = Do(t, I1, Sampling(), Batch("potash-kcl-gb6549"));
        var sampled = SamplingTaskChanged.Of(t);
        sampled.EventId.Should().Be($"{t.TaskId}#{t.Version}");
        sampled.Sampling.Should().BeSameAs(t.Sampling);
        sampled.Sampling!.SampledBy.Should().Contain("I-001");
        t = Do(t, I1, new HandOver("LAB-A"), Lab("LAB-A"));
        SamplingTaskChanged.Of(t).Sampling.Should().BeNull("only the recording itself carries the facts");
        t = Do(t, LabA, new ReceiveSample(true, ["S1"]));
        t.Sampling.Should().BeNull("the sample was rejected");
        sampled.Sampling.Should().NotBeNull("the event recorded before still says what was sampled");
    }

    [Fact]
    public void A_decline_waits_for_the_draws_replacement_and_the_replacer_joins_the_team()
    {
        var t = Do(Assigned("potash-kcl-gb6549"), I1, new DeclineTask("related to the owner"));
        t.NextStep.Should().Contain("replacement for I-001");
        Refuse(t, I1, new AcceptTask()).Kind.Should().Be(TaskRefusal.Forbidden, "who declined is out of the team");
        t = Do(t, System, new ReplaceMember("I-001", "I-003"));
        t.Team.Select(m => (m.InspectorId, m.Status)).Should().Equal(("I-001", TeamMember.Withdrawn), ("I-002", TeamMember.Assigned), ("I-003", TeamMember.Assigned));
        TaskWorkflow.Apply(t, Command(System, new ReplaceMember("I-001", "I-003")), Context()).Changed.Should().BeFalse("a repeated supplement changes nothing");
    }

    [Fact]
    public void A_short_team_waits_for_the_draws_completion_and_only_the_draw_completes_it()
    {
        var t = Do(null, System, new AssignTask("P:R1", "P", Uscc, "potash-kcl-gb6549", "630100", ["I-001"]));
        t.NextStep.Should().Contain("samples draw complete");
        Refuse(t, I1, new CompleteTeam("I-002")).Kind.Should().Be(TaskRefusal.Forbidden, "nobody picks a team member by hand");
        t = Do(t, I1, new AcceptTask());
        t.Stage.Should().Be(TaskStage.Assigned, "one inspector cannot sample alone");
        t = Do(t, System, new CompleteTeam("I-004"));
        t.Team.Select(m => (m.InspectorId, m.Status)).Should().Equal(("I-001", TeamMember.Accepted), ("I-004", TeamMember.Assigned));
        t.NextStep.Should().Be("each member accepts or declines");
        TaskWorkflow.Apply(t, Command(System, new CompleteTeam("I-004")), Context()).Changed.Should().BeFalse("a repeated completion changes nothing");
        Do(t, new TaskActor(Role.Inspector, "I-004", "four"), new AcceptTask()).Stage.Should().Be(TaskStage.Accepted);
    }

    [Fact]
    public void A_lab_is_handed_only_samples_it_is_accredited_to_test_and_re_tests_only_disputed_items_it_may_test()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), [(I1, new AcceptTask(), null), (I2, new AcceptTask(), null)]);
        t = Do(t, I1, Sampling(), Batch("potash-kcl-gb6549"));
        var partial = View("LAB-P") with { AccreditedItems = ["k2o"] };
        Refuse(t, I1, new HandOver("LAB-P"), Context(lab: partial)).Reason.Should().Be("lab LAB-P is not accredited for the item(s) h2o of potash-kcl-gb6549");
        Refuse(t, I1, new HandOver("LAB-Q"), Context(lab: View("LAB-Q") with { AccreditedCategories = ["lithium-carbonate"] })).Reason
            .Should().Be("lab LAB-Q is not accredited for potash-kcl-gb6549");
        t = Do(t, I1, new HandOver("LAB-A"), Lab("LAB-A"));
        t.LabId.Should().Be("LAB-A");
    }

    [Fact]
    public void An_overdue_deadline_is_marked_once()
    {
        var t = Assigned("potash-kcl-gb6549");
        var due = t.Due!.On!.Value;
        TaskWorkflow.CheckDeadlines(t, due, now).Changed.Should().BeFalse("the last day is still on time");
        var late = TaskWorkflow.CheckDeadlines(t, due.AddDays(1), now);
        late.Changed.Should().BeTrue();
        late.Task!.Overdue.Should().ContainSingle().Which.Should().Contain("accept or decline");
        late.Task.History[^1].Action.Should().Be("overdue");
        TaskWorkflow.CheckDeadlines(late.Task, due.AddDays(2), now).Changed.Should().BeFalse();
    }

    [Fact]
    public void A_deadline_past_the_last_calendar_year_is_flagged_not_guessed()
    {
        now = new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero);
        var t = Assigned("potash-kcl-gb6549");
        t = Walk(t, ToTested("potash-kcl-gb6549", ("k2o", 61m), ("h2o", 1m)));
        t.Due!.On.Should().BeNull();
        t.Due.Flag.Should().Contain("2027");
    }

    [Fact]
    public void A_flagged_deadline_is_counted_once_its_year_is_added_and_the_history_says_it_was_set_late()
    {
        now = new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero);
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 61m), ("h2o", 1m)));
        t.Due!.Flag.Should().Contain("2027");
        FlaggedDeadlines.Recount(t, WorkingCalendar.Shipped, now).Changed.Should().BeFalse("2027 is still missing");

        var calendar = WorkingCalendar.Of([.. WorkingCalendar.ShippedSchedules, SyntheticCalendar.Year2027()], 1);
        var later = new DateTimeOffset(2027, 2, 1, 2, 0, 0, TimeSpan.Zero);
        var counted = FlaggedDeadlines.Recount(t, calendar, later);
        counted.Changed.Should().BeTrue();
        var due = calendar.AddWorkingDays(new DateOnly(2026, 12, 20), 20).Due!.Value;
        counted.Task!.Due.Should().Be(t.Due with { On = due, Flag = null }, "the same deadline, counted from the same receipt");
        counted.Task.History[^1].Action.Should().Be(FlaggedDeadlines.Action);
        counted.Task.History[^1].Detail.Should().Contain($"by {due:yyyy-MM-dd}").And.Contain("reach 2027").And.Contain("revision 1");
        counted.Task.Version.Should().Be(t.Version + 1);
        TaskHistory.Verify(counted.Task.History).Should().BeNull();
        FlaggedDeadlines.Recount(counted.Task, calendar, later).Changed.Should().BeFalse("counted once");
        TaskWorkflow.CheckDeadlines(counted.Task, ChinaTime.DateOf(later), later).Task!.Overdue.Should().ContainSingle()
            .Which.Should().Contain(due.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture), "the overdue check uses the date now known");
    }

    [Fact]
    public void A_result_published_while_its_deadline_was_unknown_is_marked_late_once_the_deadline_is_counted()
    {
        now = new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 61m), ("h2o", 1m)));
        t = Do(t, LabA, new IssueReport("R-9"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 12, 1)));
        now = new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        t.PublicationDeadline!.Flag.Should().Contain("2027");
        now = new DateTimeOffset(2027, 1, 30, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new PublishResult());
        t.PublishedLate.Should().BeFalse("the deadline was not known when it was published");

        var calendar = WorkingCalendar.Of([.. WorkingCalendar.ShippedSchedules, SyntheticCalendar.Year2027()], 1);
        var counted = FlaggedDeadlines.Recount(t, calendar, now).Task!;
        counted.PublicationDeadline!.On.Should().Be(calendar.AddWorkingDays(new DateOnly(2026, 12, 28), 20).Due);
        counted.PublishedLate.Should().BeTrue("published on 2027-01-30, after the deadline now known");
        counted.History[^1].Detail.Should().Contain("published on 2027-01-30, late");
    }

    private TaskView Assigned(string category) =>
        Do(null, System, new AssignTask("P:R1", "P", Uscc, category, "630100", ["I-001", "I-002"]));

    private (TaskActor, TaskAction, WorkflowContext?)[] ToTested(string category, params (string Item, decimal Value)[] results)
    {
        var variants = category switch
        {
            "potash-kcl-gb6549" => new Dictionary<string, string> { ["grade"] = "premium" },
            _ => new Dictionary<string, string>(),
        };
        return
        [
            (I1, new AcceptTask(), null),
            (I2, new AcceptTask(), null),
            (I1, Sampling() with { Variants = variants }, Batch(category)),
            (I2, new HandOver("LAB-A"), Lab("LAB-A")),
            (LabA, new ReceiveSample(true, ["S1", "S2"]), null),
            (LabA, new PostResults(results.Select(r => new ItemResult(r.Item, "value", r.Value)).ToArray()), null),
        ];
    }

    [Fact]
    public void The_enterprise_files_its_own_objection_and_no_other_enterprise_can()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        t = Do(t, LabA, new IssueReport("R-E"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        var objection = new FileObjection(new DateOnly(2026, 3, 2), ["k2o"], "检验方法有误");
        Refuse(t, new TaskActor(Role.Enterprise, "91630000MA75YYYY2B", "another"), objection).Kind.Should().Be(TaskRefusal.Forbidden);
        Refuse(t, I1, objection).Kind.Should().Be(TaskRefusal.Forbidden, "an inspector does not object for the enterprise");
        t = Do(t, new TaskActor(Role.Enterprise, Uscc, "the enterprise"), objection);
        t.Stage.Should().Be(TaskStage.Objected);
        t.History[^1].Actor.Should().Be($"enterprise:{Uscc}:the enterprise", "the history names who objected");
    }

    [Fact]
    public void A_sampling_record_cites_its_photos_by_kind_and_sha256_and_bad_citations_are_refused()
    {
        var sha = new string('a', 64);
        var t = Walk(Assigned("potash-kcl-gb6549"), [(I1, new AcceptTask(), null), (I2, new AcceptTask(), null)]);
        Refuse(t, I1, Sampling() with { Photos = [new PhotoRef("selfie", sha, 10)] }, Batch("potash-kcl-gb6549")).Field.Should().Be("photos[0].kind");
        Refuse(t, I1, Sampling() with { Photos = [new PhotoRef("label", "abc", 10)] }, Batch("potash-kcl-gb6549")).Field.Should().Be("photos[0].sha256");
        Refuse(t, I1, Sampling() with { Photos = [new PhotoRef("label", sha, PhotoRef.MaxBytes + 1)] }, Batch("potash-kcl-gb6549")).Field.Should().Be("photos[0].bytes");
        Refuse(t, I1, Sampling() with { Photos = [new PhotoRef("label", sha, 10), new PhotoRef("seals", sha.ToUpperInvariant(), 10)] }, Batch("potash-kcl-gb6549"))
            .Reason.Should().Contain("cited twice");
        Refuse(t, I1, Sampling() with { Photos = Enumerable.Range(0, PhotoRef.MaxPerRecord + 1).Select(i => new PhotoRef("label", i.ToString("x64"), 10)).ToArray() }, Batch("potash-kcl-gb6549"))
            .Field.Should().Be("photos");

        var sampled = Do(t, I1, Sampling() with { Photos = [new PhotoRef("label", sha.ToUpperInvariant(), 10)] }, Batch("potash-kcl-gb6549"));
        sampled.Sampling!.Photos.Should().Equal([new PhotoRef("label", sha, 10)], "hashes are kept in lower case");
        sampled.History[^1].Detail.Should().Contain($"label sha256:{sha}", "the photo's hash is in the hash-chained history");
    }

    [Fact]
    public void The_enterprise_submits_evidence_of_its_rectification_once_ordered_and_until_it_is_recorded()
    {
        var t = Walk(Assigned("potash-kcl-gb6549"), ToTested("potash-kcl-gb6549", ("k2o", 59m), ("h2o", 1.0m)));
        t = Do(t, LabA, new IssueReport("R-F"));
        t = Do(t, Boss, new NotifyEnterprise(new DateOnly(2026, 3, 2)));
        now = new DateTimeOffset(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);
        t = Do(t, Boss, new ConcludeTask());
        var owner = new TaskActor(Role.Enterprise, Uscc, "quality office");
        var evidence = new SubmitRectification([new PhotoRef(PhotoRef.Rectification, new string('C', 64), 2048)], "更换了干燥工序");
        Refuse(t, owner, evidence).Kind.Should().Be(TaskRefusal.WrongStage, "rectification must be ordered first");

        t = Do(t, Boss, new RecordDisposal("rectification-ordered", new DateOnly(2026, 3, 18)));
        Refuse(t, new TaskActor(Role.Enterprise, "91630000MA75YYYY2B", "another"), evidence).Kind.Should().Be(TaskRefusal.Forbidden);
        Refuse(t, Boss, evidence).Kind.Should().Be(TaskRefusal.Forbidden, "the evidence is the enterprise's own");
        Refuse(t, owner, evidence with { Files = [new PhotoRef("label", new string('c', 64), 10)] }).Field.Should().Be("files[0]");
        Refuse(t, owner, evidence with { Note = " " }).Field.Should().Be("note");

        t = Do(t, owner, evidence);
        t = Do(t, owner, evidence with { Files = [.. evidence.Files, new PhotoRef(PhotoRef.Rectification, new string('d', 64), 99)] });
        t.Disposal!.Evidence!.Select(e => e.Sha256).Should().Equal([new string('c', 64), new string('d', 64)], "each file once, in lower case, in order");
        t.History[^1].Detail.Should().Contain("sha256:" + new string('d', 64));

        t = Do(t, Boss, new RecordDisposal("rectified", new DateOnly(2026, 3, 18)));
        Refuse(t, owner, evidence).Kind.Should().Be(TaskRefusal.WrongStage, "once recorded as rectified, the evidence is closed");
    }

    private TaskView Walk(TaskView t, (TaskActor Actor, TaskAction Action, WorkflowContext? Context)[] steps) =>
        steps.Aggregate(t, (task, s) => Do(task, s.Actor, s.Action, s.Context));

    private RecordSampling Sampling() =>
        new("B-1", 2m, 2m, "kg", ["S1", "S2"], true, null, ChinaTime.DateOf(now), new Dictionary<string, string> { ["grade"] = "premium" });

    private static WorkflowContext Context(BatchView? batch = null, LabView? lab = null, IReadOnlyList<LabView>? labs = null) =>
        new(WorkingCalendar.Shipped, null, Catalogue.Version, batch, lab, labs);

    private static WorkflowContext Batch(string category) => Context(batch: new BatchView(
        new DefineBatch("B-1", Uscc, Uscc, category, "product", null, null, "GB 6549", "L1", null, "x"), "same", DateTimeOffset.UnixEpoch, "x"));

    private static LabView View(string id, bool retest = true) =>
        new(id, id, Catalogue.Categories.Select(c => c.Code).ToArray(), Catalogue.Categories.SelectMany(c => c.Items.Select(i => i.Code)).Distinct().ToArray(), retest, []);

    private static WorkflowContext Lab(string id) => Context(lab: View(id));

    private static WorkflowContext Labs(params string[] ids) =>
        Context(lab: ids.Length > 0 ? View(ids[0]) : View("LAB-A"), labs: [View("LAB-A"), View("LAB-X", retest: false), .. ids.Select(i => View(i))]);

    private TaskCommand Command(TaskActor actor, TaskAction action) => new(action, actor, now);

    private TaskView Do(TaskView? t, TaskActor actor, TaskAction action, WorkflowContext? context = null)
    {
        var outcome = TaskWorkflow.Apply(t, Command(actor, action), WithCategory(context ?? Context(), t, action));
        outcome.Refusal.Should().BeNull($"{action.Name} by {actor.Name} should be accepted");
        outcome.Changed.Should().BeTrue();
        return outcome.Task!;
    }

    private TaskRefusal Refuse(TaskView t, TaskActor actor, TaskAction action, WorkflowContext? context = null)
    {
        var outcome = TaskWorkflow.Apply(t, Command(actor, action), WithCategory(context ?? Context(), t, action));
        outcome.Refusal.Should().NotBeNull($"{action.Name} by {actor.Name} should be refused");
        outcome.Task.Should().BeNull();
        return outcome.Refusal!;
    }

    private static WorkflowContext WithCategory(WorkflowContext context, TaskView? t, TaskAction action) =>
        context with { Category = Catalogue.FindCategory(action is AssignTask a ? a.Category : t!.Category) };
}
