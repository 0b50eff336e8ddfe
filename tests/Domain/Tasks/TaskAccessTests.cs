using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Tasks;

namespace Samples.Domain.Tests.Tasks;

public sealed class TaskAccessTests
{
    private static readonly TaskView Assigned = new(
        "D:R1:U:c", "D:R1", "P", "U", "c", "630100", "Order18Industrial", TaskStage.Assigned, 1,
        [new TeamMember("I-1", TeamMember.Assigned), new TeamMember("I-2", TeamMember.Assigned)],
        new DateOnly(2026, 3, 2), null, [], null, [], null, null, null, null, null, null, null, null, null, null, false,
        null, null, [], null, [], null);

    [Fact]
    public void A_credential_without_a_subject_reads_no_task_even_one_with_no_lab_yet()
    {
        Assigned.LabId.Should().BeNull("the sample has not been handed over");
        TaskAccess.MayRead(Assigned, Role.Lab, null).Should().BeFalse("a missing lab id never equals a missing lab id");
        TaskAccess.MayRead(Assigned, Role.Inspector, null).Should().BeFalse();
    }

    [Fact]
    public void The_team_the_labs_it_was_handed_to_and_supervisors_read_it_and_nobody_else()
    {
        var handed = Assigned with { LabId = "LAB-A" };
        TaskAccess.MayRead(handed, Role.Inspector, "I-2").Should().BeTrue();
        TaskAccess.MayRead(handed, Role.Inspector, "I-3").Should().BeFalse();
        TaskAccess.MayRead(handed, Role.Lab, "LAB-A").Should().BeTrue();
        TaskAccess.MayRead(handed, Role.Lab, "LAB-B").Should().BeFalse();
        TaskAccess.MayRead(handed, Role.Supervisor, null).Should().BeTrue();
        TaskAccess.MayRead(handed, Role.Admin, null).Should().BeTrue();
        TaskAccess.MayRead(handed, Role.Witness, null).Should().BeFalse();
    }

    [Fact]
    public void An_enterprise_reads_its_own_task_only_once_notified_of_the_result_or_after_publication()
    {
        TaskAccess.MayRead(Assigned, Role.Enterprise, "U").Should().BeFalse("a sampling visit is unannounced: the drawn enterprise must not see it coming");
        var notified = Assigned with { Stage = TaskStage.Notified, NotifiedOn = new DateOnly(2026, 3, 20) };
        TaskAccess.MayRead(notified, Role.Enterprise, "U").Should().BeTrue();
        TaskAccess.MayRead(notified, Role.Enterprise, "OTHER").Should().BeFalse("nothing of another enterprise");
        TaskAccess.MayRead(notified, Role.Enterprise, null).Should().BeFalse();
        TaskAccess.MayRead(Assigned with { Stage = TaskStage.Published, PublishedOn = new DateOnly(2026, 4, 1) }, Role.Enterprise, "U").Should().BeTrue();
    }
}
