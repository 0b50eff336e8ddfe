using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Persisted state of an enterprise: its directory entry and the full history of changes. Stored as
/// JSON in the directory table: property names are the storage format, so rename only with a migration.
/// </summary>
public sealed class EnterpriseState
{
    public bool IsRegistered { get; set; }

    public string Uscc { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Address { get; set; }

    public string? RegionCode { get; set; }

    public EnterpriseKind Kind { get; set; }

    public List<string> Categories { get; set; } = [];

    public List<string> Licences { get; set; } = [];

    public EnterpriseStatus Status { get; set; }

    public bool KeySupervision { get; set; }

    public RiskClass RiskClass { get; set; } = RiskClass.B;

    public List<RiskClassEntry> RiskHistory { get; set; } = [];

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = string.Empty;

    public UsccOverride? UsccOverride { get; set; }

    public List<EnterpriseChange> History { get; set; } = [];

    public EnterpriseView ToView() =>
        new(Uscc, Name, Address, RegionCode, RegisteredAt, RegisteredBy, UsccOverride, History.ToArray())
        {
            Kind = Kind,
            Categories = Categories.ToArray(),
            Licences = Licences.ToArray(),
            Status = Status,
            KeySupervision = KeySupervision,
            RiskClass = RiskClass,
            RiskHistory = RiskHistory.ToArray(),
        };
}
