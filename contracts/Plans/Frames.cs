using Samples.Contracts.Directory;

namespace Samples.Contracts.Plans;

/// <summary>
/// What a round draws from: eligible targets per stratum (prefecture | category | risk class) and eligible
/// inspectors, each list in a fixed order, with every excluded member and the reason.
/// </summary>
public sealed record Frames(
    string PlanId,
    int PlanVersion,
    int Round,
    IReadOnlyList<Stratum> Strata,
    IReadOnlyList<Exclusion> ExcludedTargets,
    IReadOnlyList<FrameInspector> Inspectors,
    IReadOnlyList<Exclusion> ExcludedInspectors)
{
    public int TargetCount => Strata.Sum(s => s.Members.Count);
}

/// <param name="Marks">
/// What singles the members out for a plan's sampling weights (draw/ StratumMarks: sorted, joined by "+"), or "" for none;
/// only plans with weights mark strata.
/// </param>
public sealed record Stratum(string Region, string Category, RiskClass RiskClass, IReadOnlyList<string> Members, string Marks = "")
{
    /// <summary>The stratum's name as draws and reports write it: region|category|class, or region|category|class|marks.</summary>
    public string Key => Marks.Length == 0 ? $"{Region}|{Category}|{RiskClass}" : $"{Region}|{Category}|{RiskClass}|{Marks}";
}

public sealed record Exclusion(string Id, string? Category, string Reason);

public sealed record FrameInspector(string Number, string Unit, string RegionCode, IReadOnlyList<string> QualifiedCategories);

/// <summary>
/// Directory rows of one stratum and status, as the directory query groups them; with the flags a plan's sampling weights
/// read (rows that differ in them are in different groups).
/// </summary>
public sealed record FrameGroup(
    string Region, string Category, RiskClass RiskClass, EnterpriseStatus Status, IReadOnlyList<string> Usccs,
    bool KeySupervision = false, bool TouristSite = false);
