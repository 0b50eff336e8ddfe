namespace Samples.Contracts.Draws;

/// <summary>Every draw id with its step, kept by the draw grains; key <see cref="Key"/>.</summary>
[Alias("samples.draws.registry")]
public interface IDrawRegistryGrain : IGrainWithStringKey
{
    public const string Key = "all";

    [Alias("RecordAsync")]
    Task RecordAsync(DrawIndexEntry entry);

    [Alias("ListAsync")]
    Task<IReadOnlyList<DrawIndexEntry>> ListAsync();

    /// <summary>Whether the draw was ever committed: public requests for any other id are answered without touching a draw grain.</summary>
    [Alias("ContainsAsync")]
    Task<bool> ContainsAsync(string drawId);
}
