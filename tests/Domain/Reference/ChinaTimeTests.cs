using Samples.Domain.Draws;
using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Reference;

public sealed class ChinaTimeTests
{
    private static readonly DateTimeOffset LateEveningUtc = new(2026, 12, 5, 17, 30, 5, TimeSpan.Zero);

    [Fact]
    public void An_instant_reads_in_china_time_with_its_offset_whatever_offset_it_came_with()
    {
        ChinaTime.Text(LateEveningUtc).Should().Be("2026-12-06 01:30:05 (UTC+8)", "17:30 UTC is the next morning in China");
        ChinaTime.Text(LateEveningUtc.ToOffset(TimeSpan.FromHours(-5))).Should().Be("2026-12-06 01:30:05 (UTC+8)");
        ChinaTime.Cell(LateEveningUtc).Should().Be("2026-12-06 01:30:05");
    }

    [Fact]
    public void A_refused_draw_or_contribution_names_the_deadline_in_china_time()
    {
        var committed = LateEveningUtc.AddMinutes(-10);

        DrawSteps.Draw(true, LateEveningUtc, committed, LateEveningUtc, null)!.Reason
            .Should().Be("outside entropy is accepted until 2026-12-06 01:30:05 (UTC+8): draw after it");
        DrawSteps.Contribute(true, false, LateEveningUtc.AddSeconds(1), committed, null, LateEveningUtc, "w", "v")!.Reason
            .Should().Be("contributions were accepted until 2026-12-06 01:30:05 (UTC+8)").And.NotContain("+00:00");
    }
}
