using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>
/// Targeted inspections (重点检查) beside the random draws: the fixed reasons with their names, and the checks a request
/// must pass before anything is looked up. Plain C#, shared by the workflow, the API and the command line.
/// </summary>
public static class TargetedInspections
{
    public const int MaxReference = 200;
    public const int MaxEvidence = 2000;
    public const int MaxEvidenceFiles = 20;
    public const int MinTeam = 2;
    public const int MaxTeam = 6;

    /// <summary>Each reason's name, Chinese first.</summary>
    public static string ReasonName(string? kind) => kind switch
    {
        TaskBasis.Complaint => "投诉举报 complaint or report",
        TaskBasis.RiskSignal => "风险监测信号 risk-monitoring signal",
        TaskBasis.FailedFollowUp => "不合格产品跟踪 failed-product follow-up",
        TaskBasis.HigherLevel => "上级交办 higher-level assignment",
        null => "随机抽取 random draw",
        _ => kind,
    };

    /// <summary>Targeted over all, in per cent with one decimal; null when there is nothing to divide.</summary>
    public static decimal? Share(int targeted, int all) =>
        all <= 0 ? null : Math.Round(100m * targeted / all, 1, MidpointRounding.AwayFromZero);

    /// <summary>The request's own fields (no directory look-up): the first problem as (field, reason), or null.</summary>
    public static (string Field, string Reason)? Check(string? reasonKind, string? reference, string? evidence, IReadOnlyList<string>? evidenceSha256, IReadOnlyList<string>? team)
    {
        if (reasonKind is null || !TaskBasis.ReasonKinds.Contains(reasonKind))
        {
            return ("reasonKind", $"is one of: {string.Join(", ", TaskBasis.ReasonKinds)}");
        }

        if (string.IsNullOrWhiteSpace(reference) || reference.Trim().Length > MaxReference)
        {
            return ("reference", $"is required (1 to {MaxReference} characters): the complaint or report number, the signal, the failed result or the assigning document");
        }

        if (string.IsNullOrWhiteSpace(evidence) || evidence.Trim().Length > MaxEvidence)
        {
            return ("evidence", $"is required (1 to {MaxEvidence} characters): what points to this enterprise");
        }

        var files = evidenceSha256 ?? [];
        if (files.Count > MaxEvidenceFiles)
        {
            return ("evidenceSha256", $"at most {MaxEvidenceFiles} files");
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (!Photos.IsSha256(files[i]))
            {
                return ($"evidenceSha256[{i}]", "is a SHA-256 in 64 hex digits");
            }
        }

        var members = (team ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).Distinct(StringComparer.Ordinal).Count();
        if (team is null || members != team.Count || members is < MinTeam or > MaxTeam)
        {
            return ("team", $"names {MinTeam} to {MaxTeam} different inspectors by number");
        }

        return null;
    }
}
