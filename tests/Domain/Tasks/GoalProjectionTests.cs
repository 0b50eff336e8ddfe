using FluentAssertions;
using Samples.Domain.Progress;

namespace Samples.Domain.Tests.Tasks;

public sealed class GoalProjectionTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);

    [Fact]
    public void The_goal_date_follows_the_pace_of_the_last_thirty_days()
    {
        // 60 batches in the last 30 days (2 a day), 100 concluded in all: 900 to go take 450 days.
        var days = Enumerable.Range(0, 40).Select(i => new DateOnly(2026, 1, 10)).Concat(Enumerable.Range(0, 60).Select(i => Today.AddDays(-(i % 30)))).ToArray();
        var p = GoalProjection.Project(1000, days, Today);
        p.Concluded.Should().Be(100);
        p.PerDay.Should().Be(2);
        p.ReachedOn.Should().Be(Today.AddDays(450));
    }

    [Fact]
    public void Without_a_recent_pace_there_is_no_date_and_a_reached_goal_gives_the_day_it_was_reached()
    {
        GoalProjection.Project(10, [], Today).ReachedOn.Should().BeNull();
        GoalProjection.Project(10, [new DateOnly(2026, 1, 1)], Today).Basis.Should().Contain("no batch concluded in the last 30 days");
        var reached = GoalProjection.Project(2, [new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 4, 1)], Today);
        reached.ReachedOn.Should().Be(new DateOnly(2026, 3, 1), "the second conclusion in time reached a goal of 2");
    }
}
