using Samples.Contracts.Access;
using Samples.Contracts.Directory;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;
using Samples.Domain.Documents;
using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Documents;

public sealed class DocumentComposerTests
{
    private static readonly CatalogueVersion Catalogue = CatalogueLoader.LoadShipped();
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static readonly TaskView Task = new(
        "D:R1:U:lithium-carbonate", "D:R1", "P", "U", "lithium-carbonate", "632803", "Order18Industrial", TaskStage.Notified, 9,
        [new TeamMember("I-1", TeamMember.Accepted), new TeamMember("I-2", TeamMember.Accepted)], Day,
        new SamplingFacts("B-1", 0.5m, 0.5m, "kg", ["QH-1", "QH-2"], false, "负责人不在", Day.AddDays(1), ["I-1", "I-2"],
            new Dictionary<string, string> { ["grade"] = "battery" }, new Dictionary<string, decimal>(), "SAME",
            [new PhotoRef("seals", new string('a', 64), 1234)]),
        [], "LAB-A",
        [new ItemResult("li2co3", "value", 98.0m), new ItemResult("na", "value", 0.01m)],
        new VerdictView("fail", "fails: 1 required item failing (Li₂CO₃)", Catalogue.Version,
            [new ItemVerdictView("li2co3", "fail", true, "Li₂CO₃ 98.0 % < 99.5 %"), new ItemVerdictView("na", "pass", true, "ok")]),
        new ReportFacts("R-1", Day.AddDays(10), "LAB-A"), Day.AddDays(12), null, null, null, null, null, null, null, false,
        null, null, [], null, [], null);

    private static DocumentFacts Facts(TaskView? task = null) => new(
        task ?? Task,
        new DefineBatch("B-1", "U", "P-USCC", "lithium-carbonate", "电池级碳酸锂", "锂源", "25 kg/袋", "YS/T 582-2013", "20260301", new DateOnly(2026, 2, 1), "t"),
        new Party("U", "示例锂业有限公司", "格尔木市昆仑南路 1 号"),
        new Party("P-USCC", "某外省锂业", null),
        new Dictionary<string, string> { ["I-1"] = "张三", ["I-2"] = "李四" },
        new Dictionary<string, string> { ["LAB-A"] = "青海省产品质量检验所" },
        Catalogue.FindCategory("lithium-carbonate"),
        "格尔木市 Golmud",
        WorkingCalendar.Shipped);

    private static string Text(DocumentContent c) => string.Join("\n", c.Blocks.SelectMany(b =>
        b.Fields.Select(f => $"{f.LabelZh}={f.Value}").Concat(b.Table?.Rows.Select(r => string.Join("|", r)) ?? [])));

    [Fact]
    public void The_sampling_record_names_the_enterprise_product_quantities_seals_samplers_and_the_refusal_to_sign()
    {
        var text = Text(DocumentComposer.Compose(DocumentKind.SamplingRecord, Facts(), 1, null, Day));
        text.Should().Contain("单位名称=示例锂业有限公司").And.Contain("商标=锂源").And.Contain("规格型号=25 kg/袋").And.Contain("执行标准=YS/T 582-2013")
            .And.Contain("批号=20260301").And.Contain("检验样品数量=0.5 kg").And.Contain("封条编号=QH-1、QH-2").And.Contain("抽样人员=张三（I-1）、李四（I-2）")
            .And.Contain("拒绝签字 refused to sign：负责人不在").And.Contain("标称生产者=某外省锂业（P-USCC）").And.Contain(new string('a', 64)).And.Contain("grade = battery");
    }

    [Fact]
    public void The_test_report_lists_each_item_with_method_limit_result_and_verdict()
    {
        var report = DocumentComposer.Compose(DocumentKind.TestReport, Facts(), 1, null, Day);
        var items = report.Blocks.Single(b => b.Table is not null).Table!.Rows;
        items.Should().HaveCount(2);
        items[0].Should().Equal("碳酸锂(Li₂CO₃)的质量分数 Li₂CO₃", Catalogue.FindCategory("lithium-carbonate")!.FindItem("li2co3")!.Method, "≥ 99.5 %（battery）", "98.0 %", "不合格 fail");
        Text(report).Should().Contain("报告编号=R-1").And.Contain("检验机构=青海省产品质量检验所（LAB-A）").And.Contain("批判定=不合格 fail");
    }

    [Fact]
    public void The_result_notice_gives_the_regimes_objection_window_and_its_last_day_from_the_calendar()
    {
        var text = Text(DocumentComposer.Compose(DocumentKind.ResultNotice, Facts(), 1, null, Day));
        var last = WorkingCalendar.Shipped.AddDays(Day.AddDays(12), 15).Due!.Value;
        text.Should().Contain($"异议截止日={last:yyyy-MM-dd}").And.Contain("15 日内").And.Contain("不合格项目=碳酸锂(Li₂CO₃)的质量分数 Li₂CO₃：标准 ≥ 99.5 %（battery），实测 98.0 %");
    }

    [Fact]
    public void The_same_facts_issued_another_day_are_the_same_document_and_a_changed_fact_is_not()
    {
        var first = DocumentComposer.Compose(DocumentKind.SamplingRecord, Facts(), 1, null, Day);
        var again = DocumentComposer.Compose(DocumentKind.SamplingRecord, Facts(), 2, first.Number, Day.AddDays(3));
        again.FactsSha256().Should().Be(first.FactsSha256());
        again.Sha256().Should().NotBe(first.Sha256(), "the number and the day are printed too");
        var changed = DocumentComposer.Compose(DocumentKind.SamplingRecord, Facts(Task with { Sampling = Task.Sampling! with { Seals = ["QH-1", "QH-3"] } }), 1, null, Day);
        changed.FactsSha256().Should().NotBe(first.FactsSha256());
        DocumentContent.FromJson(first.ToJson()).Sha256().Should().Be(first.Sha256(), "the stored JSON gives back the same content");
        again.Number.Should().Be("CYD-D:R1:U:lithium-carbonate-v2");
    }

    [Fact]
    public void A_kind_waits_for_its_step_and_is_issued_by_supervisors_and_the_one_party_it_belongs_to()
    {
        DocumentKind.ResultSheet.NotYet(Task).Should().Contain("not published");
        DocumentKind.DisposalNotice.NotYet(Task).Should().NotBeNull();
        DocumentKind.TestReport.NotYet(Task).Should().BeNull();
        DocumentKind.SamplingRecord.MayIssue(Task, Role.Inspector, "I-2").Should().BeTrue();
        DocumentKind.SamplingRecord.MayIssue(Task, Role.Inspector, "I-9").Should().BeFalse();
        DocumentKind.TestReport.MayIssue(Task, Role.Lab, "LAB-A").Should().BeTrue();
        DocumentKind.TestReport.MayIssue(Task, Role.Lab, "LAB-B").Should().BeFalse();
        DocumentKind.ResultNotice.MayIssue(Task, Role.Lab, "LAB-A").Should().BeFalse();
        DocumentKind.ResultNotice.MayIssue(Task, Role.Supervisor, null).Should().BeTrue();
        DocumentKind.All.Should().OnlyContain(k => !k.MayIssue(Task, Role.Enterprise, "U") && !k.MayIssue(Task, Role.Witness, null));
    }

    [Fact]
    public void A_verification_code_is_random_and_read_back_however_it_is_typed()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => VerificationCode.New()).ToList();
        codes.Should().OnlyHaveUniqueItems().And.OnlyContain(c => VerificationCode.Normalize(c) == c);
        VerificationCode.Normalize("7k3m q9xd 2pwa").Should().Be("7K3M-Q9XD-2PWA");
        VerificationCode.Normalize("OLI0-0000-0000").Should().Be("0110-0000-0000", "O reads as 0, I and L as 1");
        VerificationCode.Normalize("7K3M-Q9XD-2PW").Should().BeNull();
        VerificationCode.Normalize("7K3M-Q9XD-2PWU").Should().BeNull("U is not in the alphabet");
        VerificationCode.Normalize("<script>").Should().BeNull();
    }
}
