using Samples.Contracts.Draws;
using Samples.Domain.Draws;
using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Draws;

public sealed class DrawStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset C = Now.AddMinutes(-1);
    private static readonly DateTimeOffset Past = Now.AddSeconds(-30);

    [Fact]
    public void A_second_commit_is_a_repeat()
    {
        DrawSteps.CommitIsRepeat(false).Should().BeFalse();
        DrawSteps.CommitIsRepeat(true).Should().BeTrue();
    }

    [Fact]
    public void A_contribution_before_the_deadline_is_accepted() =>
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(10), "witness 王监督", "王监督:7781").Should().BeNull();

    [Fact]
    public void A_contribution_at_the_deadline_is_still_accepted() =>
        DrawSteps.Contribute(true, false, Now, C, null, Now, "w", "v").Should().BeNull();

    [Fact]
    public void A_contribution_after_the_deadline_is_the_wrong_step() =>
        DrawSteps.Contribute(true, false, Now.AddTicks(1), C, null, Now, "w", "v")!.Kind.Should().Be(DrawRefusal.WrongStep);

    [Fact]
    public void A_contribution_after_the_reveal_is_the_wrong_step() =>
        DrawSteps.Contribute(true, true, Now, C, null, Now.AddMinutes(10), "w", "v")!.Reason.Should().Contain("revealed");

    [Fact]
    public void Contributions_are_bounded_per_source_and_per_draw()
    {
        string[] thrice = ["witness 甲 (k1)", "witness 甲 (k1)", "witness 甲 (k1)"];
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(10), "witness 甲 (k1)", "v", thrice)!.Reason.Should().Contain("has contributed 3 times");
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(10), "witness 乙 (k2)", "v", thrice).Should().BeNull("another witness still may");
        var full = Enumerable.Range(0, DrawSteps.MaxContributions).Select(i => $"beacon {i}").ToArray();
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(10), "witness 乙 (k2)", "v", full)!.Reason.Should().Contain("the most it takes");
    }

    [Fact]
    public void A_contribution_to_an_uncommitted_draw_is_refused_as_not_committed() =>
        DrawSteps.Contribute(false, false, Now, C, null, Now, "w", "v")!.Kind.Should().Be(DrawRefusal.NotCommitted);

    [Theory]
    [InlineData("", "v", "source")]
    [InlineData("w", " ", "value")]
    [InlineData("w", "a\nb", "value")]
    public void A_bad_contribution_names_its_field(string source, string value, string field) =>
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(1), source, value)!.Field.Should().Be(field);

    [Fact]
    public void A_too_long_value_is_refused() =>
        DrawSteps.Contribute(true, false, Now, C, null, Now.AddMinutes(1), "w", new string('x', DrawSteps.MaxValueLength + 1))!.Field.Should().Be("value");

    [Fact]
    public void Only_a_committed_draw_can_be_drawn()
    {
        DrawSteps.Draw(false, Now, C, Past, null)!.Kind.Should().Be(DrawRefusal.NotCommitted);
        DrawSteps.Draw(true, Now, C, Past, null).Should().BeNull();
    }

    [Fact]
    public void The_draw_waits_for_the_entropy_deadline()
    {
        DrawSteps.Draw(true, Now, C, Now, null)!.Reason.Should().Contain("accepted until", "the deadline instant still takes contributions");
        DrawSteps.Draw(true, Now, C, Now.AddMinutes(5), null)!.Kind.Should().Be(DrawRefusal.WrongStep);
        DrawSteps.Draw(true, Now.AddTicks(1), C, Now, null).Should().BeNull();
    }

    [Fact]
    public void A_step_run_later_than_its_tolerance_after_its_schedule_is_late()
    {
        DrawSteps.LateBy(Now, null).Should().BeNull("a supervisor's request has no schedule");
        DrawSteps.LateBy(Now, new(Now.AddSeconds(-59), TimeSpan.FromMinutes(1))).Should().BeNull();
        DrawSteps.LateBy(Now, new(Now.AddHours(-3), TimeSpan.FromMinutes(1))).Should().Be(TimeSpan.FromHours(3));
        DrawSteps.LateBy(Now, new(Now.AddSeconds(-2), TimeSpan.FromSeconds(1))).Should().Be(TimeSpan.FromSeconds(2), "the tolerance is the scheduler's");
    }

    [Fact]
    public void Events_are_dated_in_order_or_refused()
    {
        DrawSteps.Contribute(true, false, C, C, null, Now, "w", "v")!.Kind.Should().Be(DrawRefusal.WrongStep, "not after the commitment");
        DrawSteps.Contribute(true, false, Now, C, Now.AddSeconds(1), Now.AddMinutes(1), "w", "v")!.Kind.Should().Be(DrawRefusal.WrongStep);
        DrawSteps.Contribute(true, false, Now, C, Now, Now.AddMinutes(1), "w", "v").Should().BeNull("the same instant as the one ahead is in order");
        DrawSteps.Draw(true, C, C, C.AddTicks(-1), null)!.Kind.Should().Be(DrawRefusal.WrongStep);
        DrawSteps.Draw(true, Now, C, Past, Now)!.Kind.Should().Be(DrawRefusal.WrongStep, "the reveal follows every contribution");
    }

    [Fact]
    public void The_deadline_must_follow_the_commitment()
    {
        DrawSteps.Deadline(Now, Now)!.Field.Should().Be("entropyDeadline");
        DrawSteps.Deadline(Now, Now.AddSeconds(1)).Should().BeNull();
    }

    [Fact]
    public void A_commit_names_a_round_of_the_plan_and_a_window_within_30_days()
    {
        DrawSteps.RoundOfPlan(0, 4)!.Field.Should().Be("round");
        DrawSteps.RoundOfPlan(5, 4)!.Reason.Should().Be("must be between 1 and 4");
        DrawSteps.RoundOfPlan(4, 4).Should().BeNull();
        DrawSteps.EntropyWindow(Now, Now.AddDays(31), TimeSpan.FromMinutes(10))!.Reason.Should().Be("must be within 30 days of the commitment");
        DrawSteps.EntropyWindow(Now, Now.AddDays(30), TimeSpan.FromMinutes(10)).Should().BeNull();
    }
}
