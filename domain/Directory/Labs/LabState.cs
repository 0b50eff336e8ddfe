using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

public sealed class LabState
{
    public bool Exists { get; set; }

    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public List<string> AccreditedCategories { get; set; } = [];

    public List<string> AccreditedItems { get; set; } = [];

    public bool MayRetest { get; set; }

    public List<EnterpriseChange> History { get; set; } = [];

    public LabView ToView() => new(Id, Name, AccreditedCategories.ToArray(), AccreditedItems.ToArray(), MayRetest, History.ToArray());
}
