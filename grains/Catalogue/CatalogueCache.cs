using System.Collections.Concurrent;
using Samples.Contracts.Catalogue;
using Samples.Domain.Catalogue;

namespace Samples.Grains.Catalogue;

/// <summary>
/// The catalogue in force for verdicts, parsed once per version (versions never change once stored). Which version is in
/// force is asked again at most every <see cref="Refresh"/>, so tasks do not all queue on the catalogue grain.
/// </summary>
public static class CatalogueCache
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<int, CatalogueVersion> Parsed = new();
    private static InForceAnswer? inForce;

    public static async Task<CatalogueVersion> InForceAsync(IGrainFactory grains, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var known = Volatile.Read(ref inForce);
        int version;
        if (known is { } k && now - k.AskedAt < Refresh && now >= k.AskedAt)
        {
            version = k.Version;
        }
        else
        {
            version = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).InForceVersionAsync();
            Volatile.Write(ref inForce, new InForceAnswer(version, now));
        }

        return await VersionAsync(grains, version) ?? throw new InvalidOperationException($"catalogue version {version} is in force but has no document that parses");
    }

    /// <summary>A stored version, parsed once (a verdict's version for its documents, say); null when there is no such version.</summary>
    public static async Task<CatalogueVersion?> VersionAsync(IGrainFactory grains, int version)
    {
        if (Parsed.TryGetValue(version, out var catalogue))
        {
            return catalogue;
        }

        var json = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).GetJsonAsync(version);
        catalogue = json is null ? null : CatalogueLoader.Parse(json).Catalogue;
        return catalogue is null ? null : Parsed.GetOrAdd(version, catalogue);
    }

    private sealed record InForceAnswer(int Version, DateTimeOffset AskedAt);
}
