using Samples.Contracts.Plans;
using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>
/// Risk monitoring (风险监测) beside supervision sampling (监督抽查): a monitoring task samples, keeps custody, tests and
/// reaches a verdict as a supervision task does, but nothing enforces it. No notice of results starts an objection window,
/// so there is no objection or re-test; a failure opens no disposal case, adds nothing to the credit record or the risk
/// model, and is not published as an enforcement result (企业信息公示暂行条例 Art 6 concerns inspection results with
/// consequences). The task concludes with its finding recorded: a risk signal a supervisor may follow up with a targeted
/// inspection (reason <see cref="TaskBasis.RiskSignal"/>) under a supervision plan. Plain C#, shared by the workflow, the
/// API, documents and the command line.
/// </summary>
public static class RiskMonitoring
{
    public const string SupervisionCode = "supervision";
    public const string MonitoringCode = "risk-monitoring";

    public static readonly IReadOnlyList<string> Codes = [SupervisionCode, MonitoringCode];

    /// <summary>Refused, with why (409): the reasons people read, Chinese first.</summary>
    public const string NoObjection = "风险监测不适用异议程序 risk monitoring has no objection procedure: its result has no enforcement consequence";

    public const string NoNotice = "风险监测不出具检验结果通知书，不启动异议期 risk monitoring issues no notice of results and starts no objection window: conclude the task";

    public const string NoDisposal = "风险监测不合格不启动不合格处置 a failed risk-monitoring result opens no disposal case: follow it up with a targeted inspection (risk-signal)";

    public const string NotPublished = "风险监测结果不作为监督抽查结果公示 risk-monitoring results are not published as enforcement results";

    public static bool IsMonitoring(TaskView task) => task?.Purpose == PlanPurpose.RiskMonitoring;

    /// <summary>The purpose's code in the API, on the board and on the command line.</summary>
    public static string Code(PlanPurpose purpose) => purpose == PlanPurpose.RiskMonitoring ? MonitoringCode : SupervisionCode;

    /// <summary>The purpose's name, Chinese first.</summary>
    public static string Name(PlanPurpose purpose) => purpose == PlanPurpose.RiskMonitoring ? "风险监测 risk monitoring" : "监督抽查 supervision sampling";

    /// <summary>A code (null or empty = supervision, the default); false for anything else.</summary>
    public static bool TryParse(string? code, out PlanPurpose purpose)
    {
        switch (code?.Trim())
        {
            case null or "" or SupervisionCode:
                purpose = PlanPurpose.Supervision;
                return true;
            case MonitoringCode:
                purpose = PlanPurpose.RiskMonitoring;
                return true;
            default:
                purpose = PlanPurpose.Supervision;
                return false;
        }
    }

    /// <summary>What a concluded monitoring task leaves: its finding as a risk signal, and how to follow it up.</summary>
    public static string Finding(VerdictView verdict) => verdict.Outcome == "fail"
        ? $"风险信号 risk signal recorded: {verdict.Summary}; a supervisor may open a targeted inspection (reason {TaskBasis.RiskSignal}) under a supervision plan"
        : $"风险监测结论已记录 monitoring finding recorded: {verdict.Outcome}";
}
