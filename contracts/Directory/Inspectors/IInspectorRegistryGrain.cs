namespace Samples.Contracts.Directory;

/// <summary>
/// Every inspector's current entry in one place, so frames list eligible inspectors without activating
/// each inspector grain. Kept by the inspector grains themselves; the key is <see cref="Key"/>.
/// </summary>
[Alias("samples.inspectors.registry")]
public interface IInspectorRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("UpsertAsync")]
    Task UpsertAsync(InspectorView inspector);

    [Alias("ListAsync")]
    Task<IReadOnlyList<InspectorView>> ListAsync();
}
