using Samples.Domain.Bulletins;
using Samples.Domain.Publication;

namespace Samples.Domain.Tests.Bulletins;

public sealed class BulletinComposerTests
{
    private static readonly BulletinPeriod Q4 = BulletinPeriod.Parse("2026-Q4")!;

    private static PublicResult Result(string id, string category, string region, string outcome, DateOnly published, string? kind = "Producer", string? retest = null) => new(
        id, "P", $"U-{id}", $"企业{id}", kind, $"U-{id}", $"企业{id}", region, null, null, category, category == "potash" ? "氯化钾" : "碳酸锂",
        "产品", "商标", "规格", "批号", null, outcome,
        outcome == "fail" ? [new FailedItem("k2o", "氧化钾 K₂O", "≥ 60.0 %", "59.2 %")] : [], "检验所", retest is null ? null : "复检所", retest, null,
        published.AddDays(-30), published.AddDays(-20), published, false);

    private static readonly DateOnly Oct = new(2026, 10, 15);

    private static IReadOnlyList<(PublicResult, string)> Results() =>
    [
        (Result("1", "potash", "632803", "pass", Oct), PublicResultStatus.Published),
        (Result("2", "potash", "632803", "fail", Oct), PublicResultStatus.Published),
        (Result("3", "potash", "630106", "fail", Oct.AddDays(30), kind: "Seller"), PublicResultStatus.Corrected),
        (Result("4", "lithium-carbonate", "632803", "pass", Oct, retest: "pass"), PublicResultStatus.Published),
        (Result("5", "lithium-carbonate", "632803", "fail", Oct), PublicResultStatus.Withdrawn),
        (Result("6", "potash", "632803", "pass", new DateOnly(2026, 7, 1)), PublicResultStatus.Published),
        (Result("7", "potash", "632803", "fail", new DateOnly(2026, 4, 1)), PublicResultStatus.Published),
        (Result("8", "potash", "632803", "pass", new DateOnly(2027, 1, 2)), PublicResultStatus.Published),
    ];

    [Fact]
    public void Figures_count_the_periods_live_results_by_category_prefecture_and_kind_and_leave_withdrawn_ones_out()
    {
        var f = BulletinComposer.Compose(Q4, new BulletinScope(BulletinScope.Province, null), Results());
        f.Id.Should().Be("2026-Q4-province");
        f.Total.Should().Be(new Tally("total", "合计", 4, 2, 2));
        f.Total.PassRate.Should().Be(50.0m);
        f.Withdrawn.Should().Be(1, "a withdrawn result is counted apart, not as a batch");
        f.ByCategory.Select(t => (t.Key, t.Batches, t.Failed)).Should().Equal(("potash", 3, 2), ("lithium-carbonate", 1, 0));
        f.ByPrefecture.Select(t => (t.Key, t.Batches)).Should().Equal(("632800", 3), ("630100", 1));
        f.ByEnterpriseKind.Select(t => (t.Key, t.Batches)).Should().Equal(("Producer", 3), ("Seller", 1));
        f.Failing.Select(p => p.TaskId).Should().Equal("2", "3");
        f.Failing[0].FailedItems.Single().Result.Should().Be("59.2 %");
        f.Retests.Should().Be(new RetestTally(1, 1, 0));
        f.TaskIds.Should().Equal("1", "2", "3", "4");
    }

    [Fact]
    public void The_trend_shows_the_four_quarters_before_and_a_scope_narrows_every_figure()
    {
        var f = BulletinComposer.Compose(Q4, new BulletinScope(BulletinScope.Province, null), Results());
        f.Trend.Select(t => (t.Key, t.Batches)).Should().Equal(("2025-Q4", 0), ("2026-Q1", 0), ("2026-Q2", 1), ("2026-Q3", 1), ("2026-Q4", 4));
        f.Trend[2].PassRate.Should().Be(0m);
        var potash = BulletinComposer.Compose(Q4, new BulletinScope(BulletinScope.CategoryKind, "potash"), Results());
        potash.Total.Should().Be(new Tally("total", "合计", 3, 1, 2));
        var xining = BulletinComposer.Compose(Q4, new BulletinScope(BulletinScope.PrefectureKind, "630100"), Results());
        xining.Total.Batches.Should().Be(1);
        xining.Id.Should().Be("2026-Q4-prefecture-630100");
    }

    [Fact]
    public void Periods_and_scopes_are_read_strictly()
    {
        Q4.From.Should().Be(new DateOnly(2026, 10, 1));
        Q4.To.Should().Be(new DateOnly(2026, 12, 31));
        Q4.NameZh.Should().Be("2026 年第四季度");
        BulletinPeriod.Parse("2026")!.To.Should().Be(new DateOnly(2026, 12, 31));
        BulletinPeriod.Parse("2026-Q1")!.Previous.Code.Should().Be("2025-Q4");
        BulletinPeriod.Parse("2026-Q5").Should().BeNull();
        BulletinPeriod.Parse("26").Should().BeNull();
        BulletinScope.Parse("prefecture:632800", ["potash"]).Scope.Should().Be(new BulletinScope("prefecture", "632800"));
        BulletinScope.Parse("prefecture:632801", ["potash"]).Problem.Should().Contain("no prefecture", "a county is not a prefecture");
        BulletinScope.Parse("category:cement", ["potash"]).Problem.Should().Contain("potash");
        BulletinScope.Parse(null, []).Scope!.Kind.Should().Be("province");
    }

    [Fact]
    public void The_csv_has_a_row_per_tally_and_per_failing_product_and_neutralises_formulas()
    {
        var results = Results().Select(r => r.Item1.TaskId == "2" ? (r.Item1 with { EnterpriseName = "=HYPERLINK(\"x\")" }, r.Item2) : r).ToList();
        var csv = BulletinCsv.Write(BulletinComposer.Compose(Q4, new BulletinScope(BulletinScope.Province, null), results));
        var lines = csv.TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        lines[0].Should().Be(string.Join(',', BulletinCsv.Header));
        lines.Count(l => l.StartsWith("failing,", StringComparison.Ordinal)).Should().Be(2);
        lines.Single(l => l.StartsWith("total,", StringComparison.Ordinal)).Should().StartWith("total,total,合计,4,2,2,50.0");
        csv.Should().Contain("'=HYPERLINK", "a spreadsheet must not run a cell as a formula");
    }
}
