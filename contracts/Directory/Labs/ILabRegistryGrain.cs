namespace Samples.Contracts.Directory;

/// <summary>Every lab's current entry in one place (labs are few); kept by the lab grains.</summary>
[Alias("samples.labs.registry")]
public interface ILabRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("UpsertAsync")]
    Task UpsertAsync(LabView lab);

    [Alias("ListAsync")]
    Task<IReadOnlyList<LabView>> ListAsync();
}
