using Samples.Contracts.Enterprises;

namespace Samples.Grains.Enterprises;

/// <summary>
/// Persisted state of an enterprise. Stored as JSON: property names are the storage format, so rename
/// only with a migration.
/// </summary>
public sealed class EnterpriseState
{
    public bool IsRegistered { get; set; }

    public string Uscc { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string? Address { get; set; }

    public string? RegionCode { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string RegisteredBy { get; set; } = string.Empty;

    public UsccOverride? UsccOverride { get; set; }

    public List<EnterpriseChange> History { get; set; } = [];

    public EnterpriseView ToView() =>
        new(Uscc, Name, Address, RegionCode, RegisteredAt, RegisteredBy, UsccOverride, History.ToArray());
}
