using Samples.Contracts.Access;
using Samples.Contracts.Tasks;
using Samples.Domain.Tasks;

namespace Samples.Domain.Documents;

/// <summary>
/// A kind of official document a task produces: its code in URLs, the prefix of its number, its title, when the task
/// has what it needs, and who may issue it (besides supervisors and admins, who issue every kind).
/// </summary>
public sealed record DocumentKind(string Code, string Prefix, string TitleZh, string TitleEn, string? AlsoIssuedBy)
{
    public static readonly DocumentKind SamplingRecord = new("sampling-record", "CYD", "产品质量监督抽查抽样单", "Sampling record", Role.Inspector);
    public static readonly DocumentKind TestReport = new("test-report", "JYBG", "检验报告", "Test report", Role.Lab);
    public static readonly DocumentKind ResultNotice = new("result-notice", "JGTZ", "检验结果通知书", "Notice of test results", null);
    public static readonly DocumentKind DisposalNotice = new("disposal-notice", "CZTZ", "不合格产品处置通知书（责令整改通知书）", "Notice of failure and order to rectify", null);
    public static readonly DocumentKind ResultSheet = new("result-sheet", "GKJG", "监督抽查结果公开单", "Public result sheet", null);

    public static readonly IReadOnlyList<DocumentKind> All = [SamplingRecord, TestReport, ResultNotice, DisposalNotice, ResultSheet];

    public static DocumentKind? Find(string? code) => All.FirstOrDefault(k => k.Code == code);

    /// <summary>The title on this task's copy: a risk-monitoring task's sampling record is a 风险监测抽样单, not a 监督抽查 one.</summary>
    public (string Zh, string En) TitleFor(TaskView task) => Code == SamplingRecord.Code && RiskMonitoring.IsMonitoring(task)
        ? ("产品质量风险监测抽样单", "Sampling record (risk monitoring)")
        : Code == TestReport.Code && RiskMonitoring.IsMonitoring(task)
            ? ("检验报告（风险监测）", "Test report (risk monitoring)")
            : (TitleZh, TitleEn);

    /// <summary>Why the task cannot have this document yet, or null when it can.</summary>
    public string? NotYet(TaskView task) => Code switch
    {
        // Risk monitoring (风险监测) has no enforcement papers: no notice starting an objection window, no disposal, no
        // public result sheet. It keeps its sampling record and test report, which say 风险监测.
        "result-notice" or "disposal-notice" or "result-sheet" when RiskMonitoring.IsMonitoring(task) =>
            $"{TitleZh}不适用于风险监测任务 a risk-monitoring task has no {TitleEn.ToLowerInvariant()} (no objection, disposal or publication)",
        "sampling-record" when task.Sampling is null && task.Stage != TaskStage.Refused => "the task has no sampling record yet (抽样尚未记录)",
        "test-report" when task.Report is null => "the lab has not issued its report yet (检验报告尚未出具)",
        "result-notice" when task.NotifiedOn is null => "the enterprise has not been notified yet (尚未通知企业)",
        "disposal-notice" when task.Disposal is null => "the task has no failed product to dispose of (无不合格处置)",
        "result-sheet" when task.PublishedOn is null => "the result is not published yet (结果尚未公开)",
        _ => null,
    };

    /// <summary>Supervisors and admins issue every kind; a team's inspector the sampling record; the task's lab its report.</summary>
    public bool MayIssue(TaskView task, string role, string? subject) => role switch
    {
        Role.Supervisor or Role.Admin => true,
        Role.Inspector => AlsoIssuedBy == Role.Inspector && task.IsMember(subject),
        Role.Lab => AlsoIssuedBy == Role.Lab && subject is not null && (task.LabId == subject || task.Retest?.LabId == subject),
        _ => false,
    };

    /// <summary>The document's number: prefix, task and version, e.g. <c>CYD-QH-2026-0001-v1</c>.</summary>
    public string Number(string subject, int version) => $"{Prefix}-{subject}-v{version}";
}
