using Samples.Domain.Operations;

namespace Samples.Domain.Tests.Operations;

public sealed class ReconciliationTests
{
    [Fact]
    public void A_stream_whose_read_models_hold_every_version_is_not_reported()
    {
        var lags = Reconciliation.Compare([new StreamVersions("T1", 3, 3, [1, 2, 3])], hasBoard: true);

        lags.Should().BeEmpty("the board and the trail both hold version 3");
    }

    [Fact]
    public void A_board_row_behind_or_missing_is_reported_and_repairable()
    {
        var lags = Reconciliation.Compare(
            [new StreamVersions("T2", 4, null, [1, 2, 3, 4]), new StreamVersions("T1", 4, 2, [1, 2, 3, 4])], hasBoard: true);

        lags.Select(l => l.Id).Should().Equal(["T1", "T2"], "both boards lag, reported in id order");
        lags.Should().OnlyContain(l => l.BoardBehind && l.MissingAudit.Count == 0 && l.Repairable, "the trail is whole; the boards lag");
    }

    [Fact]
    public void Versions_missing_from_the_audit_trail_are_named()
    {
        var lag = Reconciliation.Compare([new StreamVersions("T1", 5, 5, [1, 2, 4])], hasBoard: true).Single();

        lag.BoardBehind.Should().BeFalse("the board holds version 5");
        lag.MissingAudit.Should().Equal([3, 5], "versions 3 and 5 were made but never recorded");
        lag.Repairable.Should().BeTrue();
    }

    [Fact]
    public void A_draw_has_no_board_and_is_compared_with_the_trail_only()
    {
        var lags = Reconciliation.Compare([new StreamVersions("D1", 3, null, [1, 2]), new StreamVersions("D2", 2, null, [1, 2])], hasBoard: false);

        lags.Should().ContainSingle("only D1 lacks a step").Which.Should().Be(lags[0]);
        lags[0].Should().Match<StreamLag>(l => l.Id == "D1" && !l.BoardBehind && l.BoardVersion == null && l.MissingAudit.SequenceEqual(new[] { 3 }));
    }

    [Fact]
    public void A_read_model_ahead_of_its_grain_is_reported_but_not_repairable()
    {
        var lags = Reconciliation.Compare(
            [new StreamVersions("T1", 2, 3, [1, 2, 3]), new StreamVersions("T2", 0, 1, [1])], hasBoard: true);

        lags.Should().HaveCount(2).And.OnlyContain(l => l.Ahead && !l.Repairable,
            "a board or trail beyond the grain (or a grain with no state) cannot be mended by publishing its events");
    }
}
