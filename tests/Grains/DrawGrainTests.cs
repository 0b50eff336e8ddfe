using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Draws;
using Samples.Domain.Tests.Draw;
using Samples.Draw;

namespace Samples.Tests.Grains;

[Collection(GrainCluster.Name)]
public sealed class DrawGrainTests(GrainClusterFixture fixture)
{
    private CommitDraw Request(TimeSpan? window = null) => new(
        DrawFixture.Targets().Text,
        DrawFixture.Inspectors().Text,
        DrawFixture.Exclusions().Text,
        JsonSerializer.Serialize(DrawFixture.Rules(), DrawBundle.Json),
        JsonSerializer.Serialize<DeclaredConflict[]>([new("INS|QH-0001", "91632800QH000001X", "亲属任职")], DrawBundle.Json),
        "[]",
        new DateOnly(2026, 3, 2),
        fixture.Clock.GetUtcNow() + (window ?? TimeSpan.FromMinutes(10)),
        "sup",
        1);

    private IDrawGrain NewDraw() => fixture.Grains.GetGrain<IDrawGrain>($"T-{Guid.NewGuid():N}"[..14] + ":R1");

    [Fact]
    public async Task Steps_recorded_while_the_bus_is_down_are_published_by_the_draws_own_timer_without_another_call()
    {
        var draw = NewDraw();
        var drawId = draw.GetPrimaryKeyString();
        var grainId = ((GrainReference)draw).GrainId;
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();
        fixture.TaskEvents.Down = true;
        try
        {
            (await draw.CommitAsync(Request())).Created.Should().BeTrue("the commitment is stored even though the bus is down");
            fixture.TaskEvents.DrawSteps.Where(e => e.DrawId == drawId).Should().BeEmpty();
            (await reminders.ReadRows(grainId)).Reminders.Select(r => r.ReminderName).Should().Equal([Samples.Grains.Draws.DrawGrain.OutboxReminder],
                "should the silo die, the reminder brings the draw back to publish");
        }
        finally
        {
            fixture.TaskEvents.Down = false;
        }

        // Nothing calls the draw again: its timer (5 s, on the silo's clock) publishes the waiting step.
        for (var i = 0; i < 100 && !fixture.TaskEvents.DrawSteps.Any(e => e.DrawId == drawId); i++)
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        fixture.TaskEvents.DrawSteps.Where(e => e.DrawId == drawId).Select(e => e.Entry.Action).Should().Equal(["commit"], "published once, by the timer");

        // The timer removes the reminder right after the publish it recorded.
        for (var i = 0; i < 50 && (await reminders.ReadRows(grainId)).Reminders.Count > 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        (await reminders.ReadRows(grainId)).Reminders.Should().BeEmpty("nothing waits, so the reminder is gone");
    }

    [Fact]
    public async Task A_draw_commits_takes_contributions_draws_and_its_bundle_verifies()
    {
        var draw = NewDraw();

        var commit = await draw.CommitAsync(Request());
        commit.Created.Should().BeTrue();
        commit.Status!.CommitmentJson.Should().Contain("nonceSha256");
        (await draw.ContributeAsync(new("witness 王监督", "王监督:7781", "sup"))).Refusal!.Reason.Should().Contain("retry", "the fake clock has not moved");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        (await draw.ContributeAsync(new("witness 王监督", "王监督:7781", "sup"))).Refusal.Should().BeNull();
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        (await draw.DrawAsync(new("sup"))).Refusal!.Reason.Should().Contain("accepted until", "witnesses have until the deadline");
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        (await draw.GetBundleAsync()).Should().BeNull("nothing is drawn yet");

        var drawn = await draw.DrawAsync(new("sup"));
        drawn.Status!.Step.Should().Be(DrawStatus.Drawn);
        var bundle = DrawBundle.FromJson((await draw.GetBundleAsync())!);
        bundle.Contributions.Should().ContainSingle().Which.Value.Should().Be("王监督:7781");
        Seeds.NonceCommitment(bundle.Nonce).Should().Be(bundle.Commitment.NonceSha256);
        bundle.Frames.Should().Be(new BundleFrames(null, null, null), "the frames are kept and published apart from the bundle");
        Verifier.Verify(bundle, await FramesOf(draw)).Should().BeEmpty();
        JsonSerializer.Serialize(bundle.Commitment, DrawBundle.Json).Should().Be(commit.Status.CommitmentJson, "the published commitment is the bundle's");
    }

    [Fact]
    public async Task A_draw_keeps_its_audited_steps_and_publishes_them_again_for_the_reconciliation_check()
    {
        var draw = NewDraw();
        var id = draw.GetPrimaryKeyString();
        await draw.CommitAsync(Request());
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await draw.DrawAsync(new("sup"));
        var published = fixture.TaskEvents.DrawSteps.Where(e => e.DrawId == id).ToArray();
        published.Select(e => e.EventId).Should().Equal([$"{id}#1", $"{id}#2"], "commit and draw were audited and published");

        await fixture.Cluster.DeactivateAsync(draw);
        (await draw.GetAuditVersionAsync()).Should().Be(2, "the chain's length is stored with the draw");
        (await draw.RepublishAuditAsync()).Should().Be(2, "both entries were kept after they were published");

        // The last two: an activation may first publish again what its stored outbox still held (cleared on the next write).
        var again = fixture.TaskEvents.DrawSteps.Where(e => e.DrawId == id).TakeLast(2).ToArray();
        again.Should().Equal(published, "the same events, ids and chained entries, so consumers skip what they have");
    }

    [Fact]
    public async Task Commit_and_draw_are_idempotent_and_the_nonce_stays_secret_until_the_draw()
    {
        var draw = NewDraw();

        var first = await draw.CommitAsync(Request());
        var second = await draw.CommitAsync(Request(TimeSpan.FromHours(3)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        second.Created.Should().BeFalse();
        second.Status.Should().BeEquivalentTo(first.Status, o => o.Excluding(s => s!.Steps));
        second.Status!.Steps.Select(s => s.Outcome).Should().Equal(DrawStepRecord.Done, DrawStepRecord.Repeat);

        var a = await draw.DrawAsync(new("sup"));
        var bundleA = await draw.GetBundleAsync();
        var b = await draw.DrawAsync(new("sup2"));
        b.Created.Should().BeFalse();
        (await draw.GetBundleAsync()).Should().Be(bundleA);
        a.Status!.RevealedAt.Should().Be(b.Status!.RevealedAt);
        var nonce = DrawBundle.FromJson(bundleA!).Nonce;
        first.Status!.CommitmentJson.Should().NotContain(nonce);
    }

    [Fact]
    public async Task Contributions_are_refused_after_the_draw_and_after_the_deadline()
    {
        var drawnOne = NewDraw();
        await drawnOne.CommitAsync(Request());
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        (await drawnOne.DrawAsync(new("sup"))).Refusal.Should().BeNull();
        (await drawnOne.ContributeAsync(new("w", "late", "sup"))).Refusal!.Kind.Should().Be(DrawRefusal.WrongStep);

        var lateOne = NewDraw();
        await lateOne.CommitAsync(Request(TimeSpan.FromMinutes(1)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        (await lateOne.ContributeAsync(new("w", "late", "sup"))).Refusal!.Kind.Should().Be(DrawRefusal.WrongStep);
        (await lateOne.GetStatusAsync())!.Contributions.Should().Be(0);
    }

    [Fact]
    public async Task An_uncommitted_draw_refuses_every_step_and_bad_frames_are_refused()
    {
        var draw = NewDraw();
        (await draw.GetStatusAsync()).Should().BeNull();
        (await draw.DrawAsync(new("sup"))).Refusal!.Kind.Should().Be(DrawRefusal.NotCommitted);
        (await draw.ContributeAsync(new("w", "v", "sup"))).Refusal!.Kind.Should().Be(DrawRefusal.NotCommitted);
        (await draw.CommitAsync(Request() with { TargetsText = "nonsense" })).Refusal!.Kind.Should().Be(DrawRefusal.Invalid);
        (await draw.GetStatusAsync()).Should().BeNull("a refused commit stores nothing");
    }

    [Fact]
    public async Task The_registry_lists_draws_with_their_step()
    {
        var draw = NewDraw();
        await draw.CommitAsync(Request());
        var id = draw.GetPrimaryKeyString();
        var registry = fixture.Grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key);
        (await registry.ListAsync()).Should().Contain(e => e.DrawId == id && e.Step == DrawStatus.Committed);
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        (await draw.DrawAsync(new("sup"))).Refusal.Should().BeNull();
        (await registry.ListAsync()).Should().Contain(e => e.DrawId == id && e.Step == DrawStatus.Drawn);
    }

    [Fact]
    public async Task Two_draw_requests_at_once_make_one_draw_and_both_are_recorded()
    {
        var draw = NewDraw();
        await draw.CommitAsync(Request());
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));

        var answers = await Task.WhenAll(draw.DrawAsync(new("silo-a")), draw.DrawAsync(new("silo-b")));

        answers.Count(a => a.Created).Should().Be(1, "one request draws, the other answers the same bundle");
        answers.Select(a => a.Status!.RevealedAt).Distinct().Should().ContainSingle();
        var steps = (await draw.GetStatusAsync())!.Steps.Where(s => s.Step == "draw").ToArray();
        steps.Select(s => s.Outcome).Should().BeEquivalentTo([DrawStepRecord.Done, DrawStepRecord.Repeat]);
    }

    [Fact]
    public async Task A_scheduled_step_run_late_is_recorded_late_and_the_index_says_so()
    {
        var draw = NewDraw();
        var roundTime = fixture.Clock.GetUtcNow() - TimeSpan.FromHours(2);
        await draw.CommitAsync(Request() with { Schedule = new(roundTime - TimeSpan.FromDays(1), TimeSpan.FromMinutes(1)) });
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await draw.DrawAsync(new("scheduler", new(roundTime, TimeSpan.FromMinutes(1))));

        var status = (await draw.GetStatusAsync())!;
        status.Late.Should().BeTrue();
        status.Steps.Should().OnlyContain(s => s.LateBy > TimeSpan.FromHours(2));
        var entry = (await fixture.Grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ListAsync()).Single(e => e.DrawId == draw.GetPrimaryKeyString());
        entry.Late.Should().BeTrue();
        entry.OutsideEntropy.Should().BeFalse("nobody contributed");

        var onTime = NewDraw();
        await onTime.CommitAsync(Request() with { Schedule = new(fixture.Clock.GetUtcNow(), TimeSpan.FromMinutes(1)) });
        (await onTime.GetStatusAsync())!.Late.Should().BeFalse();
    }

    [Fact]
    public async Task A_drawn_draw_is_supplemented_step_by_step_and_still_verifies()
    {
        var draw = NewDraw();
        await draw.CommitAsync(Request());
        (await draw.SupplementAsync(new("ENT|x", null, "closed", "sup"))).Refusal!.Kind.Should().Be(DrawRefusal.WrongStep, "nothing is drawn yet");
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await draw.DrawAsync(new("sup"));
        var drawn = DrawBundle.FromJson((await draw.GetBundleAsync())!);
        var team = drawn.Teams.First(t => t.Members.Count > 0);
        var other = drawn.Picks.First(p => p.Id != team.TargetId);

        (await draw.SupplementAsync(new(team.TargetId, team.Members[0], "请假：住院", "sup"))).Created.Should().BeTrue();
        (await draw.SupplementAsync(new(other.Id, null, "企业已停产", "sup"))).Created.Should().BeTrue();
        (await draw.SupplementAsync(new("ENT|NOT-DRAWN|x", null, "closed", "sup"))).Refusal!.Field.Should().Be("targetId");
        (await draw.SupplementAsync(new(other.Id, null, " ", "sup"))).Refusal!.Field.Should().Be("reason");

        var supplemented = DrawBundle.FromJson((await draw.GetBundleAsync())!);
        supplemented.Replacements.Should().ContainSingle().Which.Should().Match<Replacement>(r => r.Step == 1 && r.Withdrawn == team.Members[0] && r.Reason == "请假：住院");
        supplemented.AlternateUses.Should().ContainSingle().Which.Should().Match<AlternateUse>(u => u.Step == 2 && u.Replaced == other.Id);
        supplemented.Picks.Should().Equal(drawn.Picks, "a supplement never redoes the draw");
        supplemented.RevealedAt.Should().Be(drawn.RevealedAt);
        Verifier.Verify(supplemented, await FramesOf(draw)).Should().BeEmpty();
        (await draw.GetStatusAsync())!.Steps.Select(s => s.Step).Should().Equal("commit", "draw", "replacement", "alternate");
    }

    /// <summary>The draw's frozen frames, as its public frame files give them.</summary>
    private static async Task<FrameFiles> FramesOf(IDrawGrain draw)
    {
        static byte[]? Utf8(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);
        return new FrameFiles(
            Utf8(await draw.GetFrameAsync(DrawFrame.Targets)), Utf8(await draw.GetFrameAsync(DrawFrame.Inspectors)), Utf8(await draw.GetFrameAsync(DrawFrame.Exclusions)));
    }
}

[Collection(GrainCluster.Name)]
public sealed class SupplementApprovalGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_second_supervisor_approves_within_the_expiry_and_a_stale_proposal_starts_anew()
    {
        var approvals = fixture.Grains.GetGrain<ISupplementApprovalGrain>("APPROVE-" + Guid.NewGuid().ToString("N")[..8]);

        (await approvals.ProposeAsync("ENT|X|c|INS|1", "k1", "甲监督")).Should().BeNull("the first request waits");
        (await approvals.ProposeAsync("ENT|X|c|INS|1", "k1", "甲监督")).Should().BeNull("the same credential cannot approve itself");
        (await approvals.ProposeAsync("ENT|X|c|INS|1", "k2", "乙监督")).Should().Be("甲监督");

        (await approvals.ProposeAsync("ENT|Y|c|", "k1", "甲监督")).Should().BeNull();
        fixture.Clock.Advance(Samples.Grains.Draws.SupplementProposal.Expiry + TimeSpan.FromMinutes(1));
        (await approvals.ProposeAsync("ENT|Y|c|", "k2", "乙监督")).Should().BeNull("a week-old proposal has expired: this request is a new proposal");
        (await approvals.ProposeAsync("ENT|Y|c|", "k1", "甲监督")).Should().Be("乙监督");
    }
}
