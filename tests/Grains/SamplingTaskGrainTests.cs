using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Grains.Tasks;

namespace Samples.Tests.Grains;

[Collection(GrainCluster.Name)]
public sealed class SamplingTaskGrainTests(GrainClusterFixture fixture)
{
    private static readonly TaskActor I1 = new(Role.Inspector, "I-001", "one");
    private static readonly TaskActor I2 = new(Role.Inspector, "I-002", "two");

    [Fact]
    public async Task The_same_idempotency_key_gives_one_effect_and_another_request_under_it_is_refused()
    {
        var task = await AssignedAsync();
        var first = await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow(), "k-1", "digest-a"));
        first.Refusal.Should().BeNull();
        var again = await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow(), "k-1", "digest-a"));
        again.Repeat.Should().BeTrue("a retry of the same request is answered, not done again");
        again.Task!.Version.Should().Be(first.Task!.Version);
        var other = await task.ExecuteAsync(new TaskCommand(new DeclineTask("ill"), I1, fixture.Clock.GetUtcNow(), "k-1", "digest-b"));
        other.Refusal!.Kind.Should().Be(TaskRefusal.Conflict);
        other.Refusal.Field.Should().Be("Idempotency-Key");
        (await task.GetAsync())!.Version.Should().Be(first.Task.Version, "the refused request changed nothing");
    }

    [Fact]
    public async Task A_change_whose_write_and_reread_both_fail_leaves_no_trace_a_retry_makes_it_for_real()
    {
        var task = await AssignedAsync();
        var id = task.GetPrimaryKeyString();
        fixture.Storage.Down = true;
        try
        {
            var failed = () => task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow(), "k-down", "digest-a"));
            await failed.Should().ThrowAsync<Exception>("the change could not be stored");
        }
        finally
        {
            fixture.Storage.Down = false;
        }

        var stored = await task.GetAsync();
        stored!.Version.Should().Be(1, "the grain answers from storage, not from the change that failed");
        stored.Team.Should().OnlyContain(m => m.Status == TeamMember.Assigned);
        var retry = await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow(), "k-down", "digest-a"));
        retry.Replayed.Should().BeFalse("the first try was never stored: the retry is the change");
        retry.Task!.Version.Should().Be(2);
        await task.CheckDeadlinesAsync(DateOnly.FromDateTime(GrainClusterFixture.Start.UtcDateTime));
        // (The assignment's event goes out again from the new activation's stored outbox; consumers apply an event id once.)
        fixture.TaskEvents.Of(id).Where(e => e.Task.Version == 2).Should().ContainSingle("the failed change's event was never published")
            .Which.Entry.Sha256.Should().Be(retry.Task.History[^1].Sha256);
    }

    [Fact]
    public async Task Events_raised_while_the_bus_is_down_stay_in_the_outbox_and_are_all_published_in_order_after_it()
    {
        var task = await AssignedAsync();
        var id = task.GetPrimaryKeyString();
        fixture.TaskEvents.Down = true;
        try
        {
            (await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow()))).Refusal.Should().BeNull("the change is stored even though the bus is down");
            (await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I2, fixture.Clock.GetUtcNow()))).Refusal.Should().BeNull();
            fixture.TaskEvents.Of(id).Select(e => e.Task.Version).Should().Equal([1], "only the assignment went out before the outage");
        }
        finally
        {
            fixture.TaskEvents.Down = false;
        }

        await task.CheckDeadlinesAsync(DateOnly.FromDateTime(GrainClusterFixture.Start.UtcDateTime));
        var versions = fixture.TaskEvents.Of(id).Select(e => e.Task.Version).ToArray();
        versions.Should().Equal([1, 2, 3], "nothing is lost and nothing is published twice");
        var entries = fixture.TaskEvents.Of(id).Select(e => e.Entry).ToArray();
        TaskHistory.Verify(entries).Should().BeNull("the published entries form the task's unbroken chain");
    }

    [Fact]
    public async Task A_task_ended_while_the_bus_is_down_keeps_its_reminder_until_its_last_event_is_published()
    {
        // The retry timer lives in the silo's memory; if the silo dies, the reminder is what brings the grain back to
        // publish. So a task at its end keeps its reminder while an event waits, and gives it up once none does.
        var task = await AssignedAsync();
        var grainId = ((GrainReference)task).GrainId;
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        (await reminders.ReadRows(grainId)).Reminders.Select(r => r.ReminderName).Should().Equal([SamplingTaskGrain.DeadlineReminder]);
        (await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow()))).Refusal.Should().BeNull();
        (await task.ExecuteAsync(new TaskCommand(new AcceptTask(), I2, fixture.Clock.GetUtcNow()))).Refusal.Should().BeNull();
        fixture.TaskEvents.Down = true;
        try
        {
            var ended = await task.ExecuteAsync(new TaskCommand(new CannotSample("停产，无库存"), I1, fixture.Clock.GetUtcNow()));
            ended.Task!.Due.Should().BeNull("cannot sample is an end");
            (await reminders.ReadRows(grainId)).Reminders.Should().ContainSingle("its last event is still in the outbox");
        }
        finally
        {
            fixture.TaskEvents.Down = false;
        }

        await task.CheckDeadlinesAsync(DateOnly.FromDateTime(GrainClusterFixture.Start.UtcDateTime));
        fixture.TaskEvents.Of(task.GetPrimaryKeyString()).Select(e => e.Task.Version).Should().Equal([1, 2, 3, 4]);
        (await reminders.ReadRows(grainId)).Reminders.Should().BeEmpty("nothing is left to check or publish");
    }

    [Fact]
    public async Task A_daily_check_marks_the_running_deadline_overdue_once_and_publishes_it()
    {
        var task = await AssignedAsync();
        var due = (await task.GetAsync())!.Due!.On!.Value;
        (await task.CheckDeadlinesAsync(due))!.Overdue.Should().BeEmpty();
        var late = await task.CheckDeadlinesAsync(due.AddDays(1));
        late!.Overdue.Should().ContainSingle();
        (await task.CheckDeadlinesAsync(due.AddDays(3)))!.Version.Should().Be(late.Version, "marked once");
        fixture.TaskEvents.Of(task.GetPrimaryKeyString())[^1].Entry.Action.Should().Be("overdue");
    }

    [Fact]
    public async Task A_task_not_made_by_a_draw_does_not_exist_and_only_the_system_assigns()
    {
        var grain = fixture.Grains.GetGrain<ISamplingTaskGrain>($"NOPE:R1:{Guid.NewGuid():N}:potash-kcl-gb6549");
        (await grain.ExecuteAsync(new TaskCommand(new AcceptTask(), I1, fixture.Clock.GetUtcNow()))).Refusal!.Kind.Should().Be(TaskRefusal.NotFound);
        var assign = new AssignTask("NOPE:R1", "NOPE", "X", "potash-kcl-gb6549", "630100", ["I-001", "I-002"]);
        (await grain.ExecuteAsync(new TaskCommand(assign, I1, fixture.Clock.GetUtcNow()))).Refusal!.Kind.Should().Be(TaskRefusal.Forbidden);
    }

    private async Task<ISamplingTaskGrain> AssignedAsync()
    {
        var uscc = Guid.NewGuid().ToString("N")[..18].ToUpperInvariant();
        var assign = new AssignTask("GT:R1", "GT", uscc, "potash-kcl-gb6549", "630100", ["I-001", "I-002"]);
        var grain = fixture.Grains.GetGrain<ISamplingTaskGrain>(TaskIds.Of("GT:R1", uscc, "potash-kcl-gb6549"));
        var answer = await grain.ExecuteAsync(new TaskCommand(assign, TaskActor.System("draw"), fixture.Clock.GetUtcNow()));
        answer.Refusal.Should().BeNull();
        return grain;
    }
}
