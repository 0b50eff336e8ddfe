using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

public sealed class InspectorState
{
    public bool Exists { get; set; }

    public string Number { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Unit { get; set; } = string.Empty;

    public string RegionCode { get; set; } = string.Empty;

    public List<string> QualifiedCategories { get; set; } = [];

    public bool OnLeave { get; set; }

    public int MaxOpenTasks { get; set; }

    public List<ConflictOfInterest> Conflicts { get; set; } = [];

    public List<PastInspection> Inspections { get; set; } = [];

    public List<EnterpriseChange> History { get; set; } = [];

    public InspectorView ToView() => new(
        Number, Name, Unit, RegionCode, QualifiedCategories.ToArray(), OnLeave, MaxOpenTasks,
        Conflicts.ToArray(), Inspections.ToArray(), History.ToArray());
}
