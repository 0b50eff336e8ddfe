using System.Globalization;
using Samples.Domain.Documents;

namespace Samples.Domain.Bulletins;

/// <summary>
/// A bulletin as an official document: every figure as labelled fields and tables, so the PDF prints exactly this and
/// the public verify page shows exactly this (the PDF adds charts drawn from the same figures).
/// </summary>
public static class BulletinDocument
{
    public const string Kind = "bulletin";
    public const string Prefix = "ZLGG";

    public static string Number(string id, int version) => $"{Prefix}-{id}-v{version}";

    public static string Title(BulletinFigures f) => $"产品质量监督抽查质量公告（{f.PeriodName}，{ScopeName(f.Scope)}）";

    public static DocumentContent Content(BulletinFigures f, int version, string? replaces, DateOnly issuedOn)
    {
        string[] tallyColumns = ["项目 Key", "批次 Batches", "合格 Passed", "不合格 Failed", "合格率 Pass rate"];
        var blocks = new List<DocumentBlock>
        {
            new("概况", "Summary", [
                new("期间", "Period", $"{f.PeriodName}（{DocumentComposer.Day(f.From)} 至 {DocumentComposer.Day(f.To)}，以结果公开日期计 by day of publication）"),
                new("范围", "Scope", ScopeName(f.Scope)),
                new("抽查批次", "Batches", Int(f.Total.Batches)),
                new("合格批次", "Passed", Int(f.Total.Passed)),
                new("不合格批次", "Failed", Int(f.Total.Failed)),
                new("合格率", "Pass rate", Rate(f.Total.PassRate)),
                new("抽查方式", "Basis", f.Targeted is { } tg && f.Random is { } rd
                    ? $"随机抽查 {Int(rd.Batches)} 批，重点检查 {Int(tg.Batches)} 批（占 {Rate(f.TargetedShare)}）/ {Int(rd.Batches)} drawn at random, {Int(tg.Batches)} targeted"
                    : "—"),
                new("复检", "Re-tests", $"{f.Retests.Retested} 批复检，{f.Retests.Reversed} 批改判合格，{f.Retests.Upheld} 批维持不合格 / {f.Retests.Retested} re-tested, {f.Retests.Reversed} reversed, {f.Retests.Upheld} upheld"),
                new("已撤回结果", "Withdrawn results", $"{f.Withdrawn}（不计入 not counted）"),
            ]),
            new("按产品类别", "By product category", [], Table(tallyColumns, f.ByCategory)),
            new("按地区", "By prefecture", [], Table(tallyColumns, f.ByPrefecture)),
            new("按企业类型", "By kind of enterprise", [], Table(tallyColumns, f.ByEnterpriseKind)),
            new("与前期比较", "Trend against earlier periods", [], Table(["期间 Period", "批次 Batches", "合格 Passed", "不合格 Failed", "合格率 Pass rate"], f.Trend)),
            new("不合格产品", "Failing products", f.Failing.Count == 0 ? [new("不合格产品", "Failing products", "无 none")] : [],
                f.Failing.Count == 0 ? null : new DocumentTable(
                    ["被抽样单位 Enterprise", "标称生产者 Producer", "产品 Product", "不合格项目 Failed items", "检验机构 Lab", "处置 Disposal"],
                    [.. f.Failing.Select(p => (IReadOnlyList<string>)[
                        p.Enterprise, p.Producer ?? "—",
                        $"{p.Product ?? "—"}；商标 {p.Trademark ?? "—"}；规格 {p.Specification ?? "—"}；批号 {p.BatchNumber ?? "—"}（{p.Category}）",
                        string.Join("；", p.FailedItems.Select(i => $"{i.Name}：标准 {i.Limit}，实测 {i.Result}")),
                        p.Lab ?? "—", ResultText.Disposal(p.Disposal).Split(" / ")[0]])])),
        };
        return new DocumentContent(Kind, Number(f.Id, version), Title(f), $"Quality bulletin: {f.Period}, {f.Scope}", f.Id, version, replaces, issuedOn, blocks);
    }

    public static string ScopeName(string scope) => scope switch
    {
        BulletinScope.Province => "青海省全省 Qinghai province",
        _ when scope.StartsWith("prefecture:", StringComparison.Ordinal) =>
            Reference.Divisions.Shipped.All.FirstOrDefault(d => d.Code == scope[11..]) is { } d ? $"{d.NameZh} {d.NameEn}" : scope,
        _ when scope.StartsWith("category:", StringComparison.Ordinal) => $"产品类别 category {scope[9..]}",
        _ => scope,
    };

    public static string Rate(decimal? rate) => rate is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static DocumentTable Table(string[] columns, IReadOnlyList<Tally> tallies) =>
        new(columns, [.. tallies.Select(t => (IReadOnlyList<string>)[t.Name, Int(t.Batches), Int(t.Passed), Int(t.Failed), Rate(t.PassRate)])]);
}
