using System.Text.Json;
using FluentAssertions;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Domain.Bulletins;
using Samples.Domain.Catalogue;
using Samples.Domain.Publication;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;

namespace Samples.Domain.Tests.Tasks;

/// <summary>Targeted inspections (重点检查): opened by a supervisor for a stated reason, then the same workflow; counted apart.</summary>
public sealed class TargetedInspectionTests
{
    private const string Uscc = "91630000MA75XXXX1A";
    private const string Category = "potash-kcl-gb6549";
    private static readonly CatalogueVersion Catalogue = CatalogueLoader.LoadShipped();
    private static readonly TaskActor Boss = new(Role.Supervisor, "S-1", "王监督");
    private static readonly TaskActor I1 = new(Role.Inspector, "I-001", "one");
    private static readonly TaskActor I2 = new(Role.Inspector, "I-002", "two");
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly string Sha = new('a', 64);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly string TaskId = TaskBasis.TargetedId("P", Uscc, "key-1/open-1");

    private static OpenTargetedTask Open() => new(
        TaskId, "P", Uscc, Category, "630100", ["I-001", "I-002"], TaskBasis.Complaint, " 12315-2026-0042 ", "消费者投诉氧化钾含量不足", [Sha.ToUpperInvariant()]);

    private static WorkflowOutcome Apply(TaskView? t, TaskActor actor, TaskAction action, string category = Category) =>
        TaskWorkflow.Apply(t, new TaskCommand(action, actor, Now), new WorkflowContext(WorkingCalendar.Shipped, Catalogue.FindCategory(category), Catalogue.Version));

    [Fact]
    public void A_supervisor_opens_a_targeted_task_that_records_its_reason_in_the_chained_history_and_then_runs_the_ordinary_workflow()
    {
        var opened = Apply(null, Boss, Open());
        opened.Refusal.Should().BeNull();
        var t = opened.Task!;
        t.TaskId.Should().MatchRegex("^TGT-P-91630000MA75XXXX1A-[0-9a-f]{10}$");
        t.Basis.Should().Be(TaskBasis.Targeted);
        t.DrawId.Should().BeEmpty("no draw stands behind it");
        t.Targeted.Should().BeEquivalentTo(new TargetedBasis(TaskBasis.Complaint, "12315-2026-0042", "消费者投诉氧化钾含量不足", [Sha], "王监督", new DateOnly(2026, 3, 2)),
            "trimmed, and the evidence's SHA-256 in lower case");
        t.Team.Select(m => (m.InspectorId, m.Status)).Should().Equal(("I-001", TeamMember.Assigned), ("I-002", TeamMember.Assigned));
        t.Due.Should().NotBeNull("the acceptance deadline runs as on a drawn task");
        t.History.Should().ContainSingle().Which.Detail.Should().Contain("complaint 12315-2026-0042").And.Contain("chosen by the supervisor");
        t.History[0].Action.Should().Be(OpenTargetedTask.ActionName);
        TaskHistory.Verify(t.History).Should().BeNull();

        var summary = TaskSummary.Of(t);
        (summary.TargetedReason, summary.TargetedOn).Should().Be((TaskBasis.Complaint, new DateOnly(2026, 3, 2)));

        t = Apply(t, I1, new AcceptTask()).Task!;
        t = Apply(t, I2, new AcceptTask()).Task!;
        t.Stage.Should().Be(TaskStage.Accepted, "the team the supervisor named works the task like a drawn one");
        TaskSummary.Of(t).TargetedReason.Should().Be(TaskBasis.Complaint, "every later event still says why it was chosen");
    }

    [Fact]
    public void A_drawn_task_has_no_targeted_basis()
    {
        var t = Apply(null, TaskActor.System("draw"), new AssignTask("P:R1", "P", Uscc, Category, "630100", ["I-001", "I-002"])).Task!;
        t.Basis.Should().Be(TaskBasis.Random);
        TaskSummary.Of(t).TargetedReason.Should().BeNull();
    }

    [Theory]
    [InlineData("reasonKind")]
    [InlineData("reference")]
    [InlineData("evidence")]
    [InlineData("evidenceSha256[0]")]
    [InlineData("team")]
    [InlineData("team-duplicate")]
    [InlineData("taskId")]
    [InlineData("category")]
    public void A_bad_field_is_refused_naming_it(string field)
    {
        var open = Open();
        var (bad, category) = field switch
        {
            "reasonKind" => (open with { ReasonKind = "hunch" }, Category),
            "reference" => (open with { Reference = " " }, Category),
            "evidence" => (open with { Evidence = "" }, Category),
            "evidenceSha256[0]" => (open with { EvidenceSha256 = ["abc"] }, Category),
            "team" => (open with { Team = ["I-001"] }, Category),
            "team-duplicate" => (open with { Team = ["I-001", "I-001"] }, Category),
            "taskId" => (open with { TaskId = "P:R1:" + Uscc + ":" + Category }, Category),
            _ => (open with { Category = "no-such" }, "no-such"),
        };
        var outcome = Apply(null, Boss, bad, category);
        outcome.Task.Should().BeNull();
        outcome.Refusal!.Kind.Should().Be(TaskRefusal.Invalid);
        outcome.Refusal.Field.Should().Be(field.Replace("-duplicate", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Only_a_supervisor_opens_one_and_a_number_is_used_once()
    {
        Apply(null, I1, Open()).Refusal!.Kind.Should().Be(TaskRefusal.Forbidden);
        Apply(null, TaskActor.System("draw"), Open()).Refusal!.Kind.Should().Be(TaskRefusal.Forbidden, "the draw never chooses");
        var t = Apply(null, Boss, Open()).Task!;
        var again = Apply(t, Boss, Open());
        (again.Refusal!.Kind, again.Refusal.Field).Should().Be((TaskRefusal.Conflict, "taskId"), "the caller takes the next number");
    }

    [Fact]
    public void A_declined_member_of_a_targeted_task_is_not_left_to_a_draw_that_does_not_exist()
    {
        var t = Apply(null, Boss, Open()).Task!;
        t = Apply(t, I1, new DeclineTask("回避")).Task!;
        t.NextStep.Should().Contain("supervisor").And.NotContain("the draw supplies");

        // The supervisor names the replacement; the system's supplement and the inspectors cannot, and a bad name is refused.
        Apply(t, TaskActor.System("draw"), new ReplaceMember("I-001", "I-003")).Refusal!.Kind.Should().Be(TaskRefusal.Forbidden);
        Apply(t, I2, new ReplaceMember("I-001", "I-003")).Refusal!.Kind.Should().Be(TaskRefusal.Forbidden);
        Apply(t, Boss, new ReplaceMember("I-002", "I-003")).Refusal!.Field.Should().Be("withdrawn", "I-002 did not decline");
        Apply(t, Boss, new ReplaceMember("I-001", null)).Refusal!.Field.Should().Be("replacer");
        Apply(t, Boss, new ReplaceMember("I-001", "I-002")).Refusal!.Field.Should().Be("replacer", "already on the team");
        var replaced = Apply(t, Boss, new ReplaceMember("I-001", "I-003"));
        replaced.Task!.Team.Select(m => (m.InspectorId, m.Status)).Should().Equal(("I-001", TeamMember.Withdrawn), ("I-002", TeamMember.Assigned), ("I-003", TeamMember.Assigned));
        replaced.Task.History[^1].Detail.Should().Be("I-001 replaced by I-003, chosen by the supervisor");
        replaced.Task.Stage.Should().Be(TaskStage.Assigned);
    }

    [Fact]
    public void Targeted_ids_never_collide_with_drawn_ones()
    {
        var drawn = TaskIds.Of("TGT-P:R1", Uscc, Category);
        TaskBasis.IsTargeted(TaskId).Should().BeTrue();
        TaskId.Should().NotContain(":", "a drawn task's id always has the draw's ':R' and two more ':' parts");
        drawn.Should().Contain(":");
        TaskIds.DrawOf(TaskId).Should().BeEmpty();
    }

    [Fact]
    public void The_share_is_in_per_cent_with_one_decimal_and_absent_when_there_is_nothing()
    {
        TargetedInspections.Share(1, 3).Should().Be(33.3m);
        TargetedInspections.Share(2, 3).Should().Be(66.7m);
        TargetedInspections.Share(0, 0).Should().BeNull();
    }

    [Fact]
    public void Bulletins_count_targeted_batches_apart_and_a_result_stored_before_reads_as_drawn()
    {
        static PublicResult R(string id, string outcome, string? reason) => new(
            id, "P", $"U-{id}", $"企业{id}", "Producer", null, null, "632803", null, null, "potash", "氯化钾", null, null, null, null, null, outcome,
            [], null, null, null, null, null, null, new DateOnly(2026, 10, 15), false, reason);
        var period = BulletinPeriod.Parse("2026-Q4")!;
        var f = BulletinComposer.Compose(period, new BulletinScope(BulletinScope.Province, null),
            [(R("1", "pass", null), PublicResultStatus.Published), (R("2", "fail", TaskBasis.Complaint), PublicResultStatus.Published),
             (R("3", "pass", null), PublicResultStatus.Published), (R("4", "fail", null), PublicResultStatus.Published)]);
        f.Random.Should().Be(new Tally("random", "随机抽查 drawn at random", 3, 2, 1));
        f.Targeted.Should().Be(new Tally("targeted", "重点检查 targeted", 1, 0, 1));
        f.TargetedShare.Should().Be(25.0m);
        BulletinDocument.Content(f, 1, null, new DateOnly(2026, 12, 31)).Blocks[0].Fields.Should().Contain(r => r.LabelEn == "Basis" && r.Value.Contains("重点检查 1 批（占 25.0 %）"));

        var stored = JsonSerializer.Serialize(f with { Random = null, Targeted = null }, Web);
        stored.Should().NotContain("\"random\":{");
        var read = JsonSerializer.Deserialize<BulletinFigures>(stored.Replace(",\"random\":null,\"targeted\":null", string.Empty, StringComparison.Ordinal), Web)!;
        (read.Random, read.Targeted, read.TargetedShare).Should().Be((null, null, null), "a bulletin composed before targeted tasks were counted still reads");
        var old = R("9", "pass", null).ToJson().Replace(",\"targetedReason\":null", string.Empty, StringComparison.Ordinal);
        old.Should().NotContain("targetedReason");
        PublicResult.FromJson(old).TargetedReason.Should().BeNull();
    }
}
