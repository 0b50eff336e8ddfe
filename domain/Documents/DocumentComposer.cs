using System.Globalization;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Reference;
using Samples.Domain.Tasks;

namespace Samples.Domain.Documents;

/// <summary>
/// Writes a task's documents from its facts (Order 18 and docs/domain.md name what each must say). Pure: the same facts
/// give the same blocks, so issuing again without a change is the same document, and a changed fact is a new version.
/// </summary>
public static class DocumentComposer
{
    public static DocumentContent Compose(DocumentKind kind, DocumentFacts facts, int version, string? replaces, DateOnly issuedOn)
    {
        var blocks = kind.Code switch
        {
            "sampling-record" => SamplingRecord(facts),
            "test-report" => TestReport(facts),
            "result-notice" => ResultNotice(facts),
            "disposal-notice" => DisposalNotice(facts),
            "result-sheet" => ResultSheet(facts),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind.Code, "no such document kind"),
        };
        var (titleZh, titleEn) = kind.TitleFor(facts.Task);
        return new DocumentContent(kind.Code, kind.Number(facts.Task.TaskId, version), titleZh, titleEn, facts.Task.TaskId, version, replaces, issuedOn, blocks);
    }

    private static List<DocumentBlock> SamplingRecord(DocumentFacts f)
    {
        var t = f.Task;
        var s = t.Sampling ?? throw new InvalidOperationException(DocumentKind.SamplingRecord.NotYet(t));
        var blocks = new List<DocumentBlock>
        {
            TaskBlock(f),
            new("被抽样单位", "Enterprise sampled", [
                new("单位名称", "Name", f.Enterprise.Name ?? "—"),
                new("统一社会信用代码", "USCC", f.Enterprise.Uscc),
                new("地址", "Address", f.Enterprise.Address ?? "—"),
                new("所在地区", "Region", f.RegionName ?? t.Region),
            ]),
            ProductBlock(f),
            new("抽样情况", "Sampling", [
                new("抽样日期", "Sampled on", Day(s.SampledOn)),
                new("检验样品数量", "Test sample", $"{ResultText.Number(s.TestQuantity)} {s.Unit}"),
                new("备用样品数量", "Reserve sample", $"{ResultText.Number(s.ReserveQuantity)} {s.Unit}"),
                new("封条编号", "Seal numbers", s.Seals.Count == 0 ? "—" : string.Join("、", s.Seals)),
                new("规格等级", "Grade and variants", s.Variants.Count == 0 ? "—" : string.Join("；", s.Variants.Select(v => $"{v.Key} = {v.Value}"))),
                new("产品参数", "Properties", s.Properties.Count == 0 ? "—" : string.Join("；", s.Properties.Select(p => $"{p.Key} = {ResultText.Number(p.Value)}"))),
                new("抽样人员", "Samplers", string.Join("、", s.SampledBy.Select(f.Inspector))),
                new("被抽样单位签字", "Enterprise's signature", s.SignedByEnterprise ? "已签字 signed" : $"拒绝签字 refused to sign：{s.RefusedToSignNote}"),
            ]),
        };
        var photos = s.Photos ?? [];
        blocks.Add(new("现场照片（按 SHA-256 存档）", "Photos (kept by SHA-256)", photos.Count == 0 ? [new("照片", "Photos", "无 none")] : [],
            photos.Count == 0 ? null : new DocumentTable(["类别 Kind", "SHA-256", "字节 Bytes"],
                [.. photos.Select(p => (IReadOnlyList<string>)[PhotoKind(p.Kind), p.Sha256, p.Bytes.ToString(CultureInfo.InvariantCulture)])])));
        return blocks;
    }

    private static List<DocumentBlock> TestReport(DocumentFacts f)
    {
        var t = f.Task;
        var report = t.Report ?? throw new InvalidOperationException(DocumentKind.TestReport.NotYet(t));
        var received = t.Custody.FirstOrDefault(c => c.Event == "received");
        var blocks = new List<DocumentBlock>
        {
            new("报告", "Report", [
                new("报告编号", "Report number", report.Number),
                new("签发日期", "Issued on", Day(report.IssuedOn)),
                new("检验机构", "Laboratory", f.Lab(report.LabId)),
                new("任务编号", "Task", t.TaskId),
                new("样品接收", "Sample received", received is null ? "—" : ChinaTime.Text(received.At)),
                new("目录版本", "Catalogue version", t.Verdict?.CatalogueVersion.ToString(CultureInfo.InvariantCulture) ?? "—"),
                .. PurposeLine(t),
            ]),
            new("受检单位", "Enterprise", [
                new("单位名称", "Name", f.Enterprise.Text),
                new("抽样日期", "Sampled on", t.Sampling is { } s ? Day(s.SampledOn) : "—"),
            ]),
            ProductBlock(f),
            ItemsBlock("检验项目与结果", "Items and results", f, t.Results, t.Verdict),
            new("检验结论", "Conclusion", [
                new("批判定", "Batch verdict", ResultText.Outcome(t.Verdict?.Outcome)),
                new("说明", "Summary", t.Verdict?.Summary ?? "—"),
            ]),
        };
        if (t.Retest is { Results.Count: > 0 } retest)
        {
            blocks.Add(new("复检", "Re-test", [new("复检机构", "Re-test laboratory", f.Lab(retest.LabId)), new("复检判定（终局）", "Re-test verdict (final)", ResultText.Outcome(t.FinalVerdict?.Outcome))]));
            blocks.Add(ItemsBlock("复检项目与结果", "Re-test items and results", f, retest.Results, t.FinalVerdict));
        }

        return blocks;
    }

    private static List<DocumentBlock> ResultNotice(DocumentFacts f)
    {
        var t = f.Task;
        var notified = t.NotifiedOn ?? throw new InvalidOperationException(DocumentKind.ResultNotice.NotYet(t));
        var rules = RegimeRules.For(f.Category?.Regime ?? Enum.Parse<Regime>(t.Regime, ignoreCase: true));
        var deadline = rules.ObjectionDeadline(notified, f.Calendar);
        return
        [
            new("致", "To", [
                new("单位名称", "Name", f.Enterprise.Name ?? "—"),
                new("统一社会信用代码", "USCC", f.Enterprise.Uscc),
                new("地址", "Address", f.Enterprise.Address ?? "—"),
            ]),
            ProductBlock(f),
            new("检验结果", "Result", [
                new("检验机构", "Laboratory", f.Lab(t.Report?.LabId ?? t.LabId)),
                new("报告编号", "Report number", t.Report?.Number ?? "—"),
                new("判定", "Verdict", ResultText.Outcome(t.Verdict?.Outcome)),
                new("不合格项目", "Failed items", Failed(f, t.Results, t.Verdict)),
            ]),
            new("您的权利", "Your rights", [
                new("通知日期", "Notified on", Day(notified)),
                new("异议期限", "Objection period", $"收到本通知之日起 {rules.Objection.Count} {(rules.Objection.WorkingDays ? "个工作日" : "日")}内可书面提出复检申请 / within {rules.Objection} of receipt"),
                new("异议截止日", "Last day to object", deadline.Due is { } due ? Day(due) : $"无法确定 unknown: {deadline.Flag}"),
                new("依据", "Rule", rules.Source),
            ]),
        ];
    }

    private static List<DocumentBlock> DisposalNotice(DocumentFacts f)
    {
        var t = f.Task;
        var d = t.Disposal ?? throw new InvalidOperationException(DocumentKind.DisposalNotice.NotYet(t));
        var (verdict, results) = (f.FinalVerdict, f.FinalResults);
        return
        [
            new("致", "To", [new("单位名称", "Name", f.Enterprise.Text), new("地址", "Address", f.Enterprise.Address ?? "—")]),
            ProductBlock(f),
            new("不合格情况", "What failed", [
                new("判定", "Verdict", ResultText.Outcome(verdict?.Outcome)),
                new("不合格项目", "Failed items", Failed(f, results, verdict)),
                new("检验机构", "Laboratory", f.Lab(t.Report?.LabId ?? t.LabId)),
            ]),
            new("处置要求", "Orders", [
                new("立即停止", "Stop at once", "立即停止生产、销售同一产品 stop producing and selling the same product at once (Order 18 Art 45)"),
                new("责令整改日期", "Ordered on", d.OrderedOn is { } o ? Day(o) : "—"),
                new("整改期限", "Rectify by", d.OrderedOn is { } o1 ? Due(TaskDeadlines.Rectify.From(o1, f.Calendar)) + "（60 日 days, Art 46）" : "—"),
                new("复查期限", "Re-inspection by", d.OrderedOn is { } o2 ? Due(TaskDeadlines.Reinspect.From(o2, f.Calendar)) + "（75 日 days, Art 47）" : "—"),
                new("处置状态", "Status", ResultText.Disposal(d.Status)),
                new("移送生产者所在地监管部门", "Handed to the producer's regulator (Art 44)", d.ProducerElsewhere is null
                    ? "不适用：生产者在青海 not applicable: the producer is registered in Qinghai"
                    : d.ProducerRegulatorNotifiedOn is { } handed ? $"{Day(handed)} {d.ProducerRegulator}（生产者 producer {d.ProducerElsewhere}）" : $"待移送 to be handed over（生产者 producer {d.ProducerElsewhere}）"),
            ]),
        ];
    }

    private static List<DocumentBlock> ResultSheet(DocumentFacts f)
    {
        var t = f.Task;
        var published = t.PublishedOn ?? throw new InvalidOperationException(DocumentKind.ResultSheet.NotYet(t));
        var (verdict, results) = (f.FinalVerdict, f.FinalResults);
        return
        [
            new("公开信息", "Published result", [
                new("被抽样单位", "Enterprise sampled", f.Enterprise.Text),
                new("标称生产者", "Producer", f.Producer?.Text ?? "—"),
                new("产品名称", "Product", f.Batch?.ProductName ?? "—"),
                new("商标", "Trademark", f.Batch?.Trademark ?? "—"),
                new("规格型号", "Specification", f.Batch?.SpecModel ?? "—"),
                new("生产日期/批号", "Production date / batch", $"{(f.Batch?.ProductionDate is { } pd ? Day(pd) : "—")} / {f.Batch?.BatchNumber ?? "—"}"),
                new("产品类别", "Category", f.CategoryName),
                new("抽查结果", "Outcome", ResultText.Outcome(t.Outcome ?? verdict?.Outcome)),
                new("不合格项目", "Failed items", Failed(f, results, verdict)),
                new("检验机构", "Laboratory", f.Lab(t.Retest?.LabId is { } rl && t.FinalVerdict is not null ? rl : t.Report?.LabId ?? t.LabId)),
                new("处置情况", "Disposal", ResultText.Disposal(t.Disposal?.Status)),
                new("结论日期", "Concluded on", t.ConcludedOn is { } c ? Day(c) : "—"),
                new("公开日期", "Published on", Day(published)),
            ]),
        ];
    }

    private static DocumentBlock TaskBlock(DocumentFacts f) => new("任务", "Task", [
        new("任务编号", "Task", f.Task.TaskId),
        new("抽查计划", "Plan", f.Task.PlanId),
        // A targeted task names its reason's kind, never its reference (a complainant stays out of the enterprise's papers).
        f.Task.Targeted is { } targeted
            ? new("抽查方式", "Basis", $"重点检查 targeted：{TargetedInspections.ReasonName(targeted.ReasonKind)}")
            : new("抽取编号", "Draw", f.Task.DrawId),
        new("下达日期", "Assigned on", Day(f.Task.AssignedOn)),
        .. PurposeLine(f.Task),
    ]);

    /// <summary>A risk-monitoring task's papers say so (supervision papers stay as they were, so their copies do not change).</summary>
    private static DocumentField[] PurposeLine(TaskView t) => RiskMonitoring.IsMonitoring(t)
        ? [new("任务性质", "Purpose", "风险监测（不作为行政处罚依据，不适用异议程序） risk monitoring: no enforcement consequence, no objection")]
        : [];

    private static DocumentBlock ProductBlock(DocumentFacts f)
    {
        var b = f.Batch;
        return new("样品", "Product", [
            new("产品类别", "Category", f.CategoryName),
            new("产品名称", "Product", b?.ProductName ?? "—"),
            new("商标", "Trademark", b?.Trademark ?? "—"),
            new("规格型号", "Specification", b?.SpecModel ?? "—"),
            new("执行标准", "Standard", b?.Standard ?? "—"),
            new("批号", "Batch number", b?.BatchNumber ?? "—"),
            new("生产日期", "Production date", b?.ProductionDate is { } d ? Day(d) : "—"),
            new("标称生产者", "Producer", f.Producer?.Text ?? b?.ProducerUscc ?? "—"),
            new("样品批次编号", "Batch id", f.Task.Sampling?.BatchId ?? b?.BatchId ?? "—"),
        ]);
    }

    private static DocumentBlock ItemsBlock(string zh, string en, DocumentFacts f, IReadOnlyList<ItemResult> results, VerdictView? verdict)
    {
        var rows = new List<IReadOnlyList<string>>();
        var codes = results.Select(r => r.Item).Concat(verdict?.Items.Select(i => i.Item) ?? []).Distinct(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var item = f.Category?.FindItem(code);
            var result = results.FirstOrDefault(r => r.Item == code);
            var itemVerdict = verdict?.Items.FirstOrDefault(i => i.Item == code);
            rows.Add([
                item is null ? code : $"{item.NameZh} {item.Label}",
                item?.Method ?? "—",
                item is null ? "—" : ResultText.Limit(item.Limit, item.Unit, f.Task.Sampling),
                result is null ? "—" : ResultText.Result(result, item?.Unit ?? string.Empty),
                ResultText.Outcome(itemVerdict?.Outcome),
            ]);
        }

        return new(zh, en, [], new DocumentTable(["检验项目 Item", "检验方法 Method", "标准要求 Limit", "检验结果 Result", "单项判定 Verdict"], rows));
    }

    /// <summary>The failed items with their limit and result, e.g. "氧化钾 K₂O：标准 ≥ 60.0 %，实测 59.2 %".</summary>
    public static string Failed(DocumentFacts f, IReadOnlyList<ItemResult> results, VerdictView? verdict)
    {
        var failed = f.FailedItems(results, verdict);
        return failed.Count == 0 ? "无 none" : string.Join("；", failed.Select(i => $"{i.Name}：标准 {i.Limit}，实测 {i.Result}"));
    }

    private static string PhotoKind(string kind) => kind switch
    {
        "label" => "标签 label",
        "sample" => "样品 sample",
        "seals" => "封条 seals",
        "rectification" => "整改 rectification",
        _ => kind,
    };

    private static string Due(Deadline d) => d.Due is { } due ? Day(due) : $"无法确定 unknown: {d.Flag}";

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
