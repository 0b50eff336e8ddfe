using Samples.Contracts.Catalogue;
using Samples.Domain.Catalogue;

namespace Samples.Grains.Catalogue;

public sealed class CatalogueState
{
    public List<UploadedCatalogue> Uploaded { get; set; } = [];
}

/// <summary>An admin's catalogue version, stored as the document they sent, so it reads back exactly.</summary>
public sealed record UploadedCatalogue(int Version, string Json, DateTimeOffset UploadedAt, string UploadedBy);

[GrainType("catalogue")]
public sealed class CatalogueGrain(
    [PersistentState("catalogue", StorageNames.Default)] IPersistentState<CatalogueState> state,
    TimeProvider clock) : Grain, ICatalogueGrain
{
    private readonly Dictionary<int, CatalogueVersion> parsed = [];

    public async Task<CatalogueUploadResult> UploadAsync(string json, string uploadedBy)
    {
        var result = CatalogueLoader.Parse(json);
        if (!result.IsValid)
        {
            return new(null, result.Problems.Select(p => p.ToString()).ToArray());
        }

        var newest = Versions().Max(v => v.Version);
        if (result.Catalogue!.Version <= newest)
        {
            return new(null, [$"version: {result.Catalogue.Version} is not above the newest version known ({newest}); versions are never replaced"]);
        }

        state.State.Uploaded.Add(new UploadedCatalogue(result.Catalogue.Version, json, clock.GetUtcNow(), uploadedBy));
        await state.WriteOrReloadAsync(this);

        return new(result.Catalogue.Version, []);
    }

    public Task<string?> GetJsonAsync(int? version)
    {
        var wanted = version ?? InForce().Version;
        var uploaded = state.State.Uploaded.FirstOrDefault(u => u.Version == wanted);
        if (uploaded is not null)
        {
            return Task.FromResult<string?>(uploaded.Json);
        }

        var shipped = CatalogueLoader.LoadShippedVersions().FirstOrDefault(c => c.Version == wanted);
        return Task.FromResult(shipped is null ? null : CatalogueLoader.Serialize(shipped));
    }

    public Task<IReadOnlyList<CatalogueVersionInfo>> VersionsAsync()
    {
        var inForce = InForce().Version;
        return Task.FromResult<IReadOnlyList<CatalogueVersionInfo>>(Versions().Select(v => v with { InForce = v.Version == inForce }).ToArray());
    }

    public Task<int> InForceVersionAsync() => Task.FromResult(InForce().Version);

    public Task<IReadOnlyList<string>> CategoryCodesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(InForce().Categories.Select(c => c.Code).Order(StringComparer.Ordinal).ToArray());

    /// <summary>
    /// The newest version whose effective date has come (an upload may be made ahead of a standard's
    /// effective date); the oldest shipped one if none has.
    /// </summary>
    private CatalogueVersion InForce()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var all = AllVersions();
        return all.Where(c => c.EffectiveDate <= today).MaxBy(c => c.Version) ?? all.MinBy(c => c.Version)!;
    }

    private IEnumerable<CatalogueVersion> AllVersions() =>
        CatalogueLoader.LoadShippedVersions().Concat(state.State.Uploaded.Select(Parsed));

    /// <summary>Uploaded documents were checked when stored; each is parsed once per activation.</summary>
    private CatalogueVersion Parsed(UploadedCatalogue uploaded)
    {
        if (!parsed.TryGetValue(uploaded.Version, out var catalogue))
        {
            catalogue = CatalogueLoader.Parse(uploaded.Json).Catalogue!;
            parsed[uploaded.Version] = catalogue;
        }

        return catalogue;
    }

    private CatalogueVersionInfo[] Versions() =>
        CatalogueLoader.LoadShippedVersions()
            .Select(c => new CatalogueVersionInfo(c.Version, c.EffectiveDate, c.Categories.Count, "shipped", null, null))
            .Concat(state.State.Uploaded.Select(u =>
            {
                var catalogue = Parsed(u);
                return new CatalogueVersionInfo(u.Version, catalogue.EffectiveDate, catalogue.Categories.Count, "uploaded", u.UploadedAt, u.UploadedBy);
            }))
            .OrderBy(v => v.Version)
            .ToArray();
}
