namespace Samples.Contracts.Directory;

/// <summary>The ids of every recorded batch (for export and listing); kept by the batch grains.</summary>
[Alias("samples.batches.registry")]
public interface IBatchRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("AddAsync")]
    Task AddAsync(string batchId);

    [Alias("ListAsync")]
    Task<IReadOnlyList<string>> ListAsync();
}
