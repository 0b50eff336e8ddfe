using Samples.Domain.Publication;

namespace Samples.Domain.Bulletins;

/// <summary>Computes a bulletin's figures from published results: pure, so a test checks each figure and a re-run gives the same bulletin.</summary>
public static class BulletinComposer
{
    /// <summary>How many earlier periods the trend shows: four quarters, or two years.</summary>
    public static int TrendLength(BulletinPeriod period) => period.Quarter is null ? 2 : 4;

    public static string IdOf(BulletinPeriod period, BulletinScope scope) => $"{period.Code}-{scope.Text.Replace(':', '-')}";

    /// <param name="results">The newest revision of every result published from the first trend period to the end of <paramref name="period"/>.</param>
    public static BulletinFigures Compose(BulletinPeriod period, BulletinScope scope, IReadOnlyList<(PublicResult Result, string Status)> results)
    {
        var inScope = results.Where(r => scope.Covers(r.Result)).ToList();
        var withdrawn = inScope.Count(r => r.Status == PublicResultStatus.Withdrawn && In(period, r.Result));
        var live = inScope.Where(r => r.Status != PublicResultStatus.Withdrawn).Select(r => r.Result).ToList();
        var current = live.Where(r => In(period, r)).OrderBy(r => r.TaskId, StringComparer.Ordinal).ToList();

        var failing = current.Where(r => r.Outcome == "fail")
            .OrderBy(r => r.CategoryName ?? r.Category, StringComparer.Ordinal).ThenBy(r => r.EnterpriseName ?? r.EnterpriseUscc, StringComparer.Ordinal)
            .Select(r => new FailingProduct(r.TaskId, Name(r.EnterpriseName, r.EnterpriseUscc), r.ProducerName ?? r.ProducerUscc, r.ProductName, r.Trademark,
                r.Specification, r.BatchNumber, r.CategoryName ?? r.Category, r.RegionName ?? r.Region, r.FailedItems, r.Lab, r.Disposal))
            .ToList();
        var retested = current.Where(r => r.RetestOutcome is not null).ToList();
        var trend = period.Earlier(TrendLength(period)).Append(period)
            .Select(p => Count(p.Code, p.NameZh, live.Where(r => In(p, r)))).ToList();

        return new BulletinFigures(
            IdOf(period, scope), period.Code, period.NameZh, scope.Text, period.From, period.To,
            Count("total", "合计", current),
            Group(current, r => r.Category, r => r.CategoryName ?? r.Category),
            Group(current, r => Reference.Divisions.Shipped.Prefecture(r.Region) ?? r.Region, r => r.Prefecture ?? r.Region),
            Group(current, r => r.EnterpriseKind ?? "unknown", r => KindName(r.EnterpriseKind)),
            failing,
            new RetestTally(retested.Count, retested.Count(r => r.RetestOutcome == "pass"), retested.Count(r => r.RetestOutcome == "fail")),
            trend,
            withdrawn,
            [.. current.Select(r => r.TaskId)],
            Count("random", "随机抽查 drawn at random", current.Where(r => r.TargetedReason is null)),
            Count("targeted", "重点检查 targeted", current.Where(r => r.TargetedReason is not null)));
    }

    private static bool In(BulletinPeriod p, PublicResult r) => r.PublishedOn >= p.From && r.PublishedOn <= p.To;

    private static List<Tally> Group(IEnumerable<PublicResult> results, Func<PublicResult, string> key, Func<PublicResult, string> name) =>
        [.. results.GroupBy(key, StringComparer.Ordinal).Select(g => Count(g.Key, name(g.First()), g))
            .OrderByDescending(t => t.Batches).ThenBy(t => t.Key, StringComparer.Ordinal)];

    private static Tally Count(string key, string name, IEnumerable<PublicResult> results)
    {
        var list = results.ToList();
        return new Tally(key, name, list.Count, list.Count(r => r.Outcome == "pass"), list.Count(r => r.Outcome == "fail"));
    }

    private static string Name(string? name, string uscc) => name is null ? uscc : $"{name}（{uscc}）";

    public static string KindName(string? kind) => kind switch
    {
        "Producer" => "生产企业 producer",
        "Seller" => "销售企业 seller",
        "TouristSiteRetailer" => "旅游景区经营者 tourist-site retailer",
        _ => "未登记 not recorded",
    };
}
