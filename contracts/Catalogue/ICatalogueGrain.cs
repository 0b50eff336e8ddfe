namespace Samples.Contracts.Catalogue;

/// <summary>
/// The product catalogue and inspection-item list (随机抽查事项清单): the versions shipped with the
/// product plus the ones an admin uploaded since, newest in force. Documents travel as JSON text.
/// </summary>
[Alias("samples.catalogue.catalogue")]
public interface ICatalogueGrain : IGrainWithStringKey
{
    public const string Key = "catalogue";

    /// <summary>Checks and stores a new version; its number must be above every version known.</summary>
    [Alias("UploadAsync")]
    Task<CatalogueUploadResult> UploadAsync(string json, string uploadedBy);

    /// <summary>The JSON of a version (when null, the one in force: the newest whose effective date has come), or null when there is no such version.</summary>
    [Alias("GetJsonAsync")]
    Task<string?> GetJsonAsync(int? version);

    [Alias("VersionsAsync")]
    Task<IReadOnlyList<CatalogueVersionInfo>> VersionsAsync();

    /// <summary>The category codes of the version in force.</summary>
    /// <summary>The number of the version in force (versions never change once stored, so callers may cache by number).</summary>
    [Alias("InForceVersionAsync")]
    Task<int> InForceVersionAsync();

    [Alias("CategoryCodesAsync")]
    Task<IReadOnlyList<string>> CategoryCodesAsync();
}

[GenerateSerializer, Immutable, Alias("samples.catalogue.version-info.v1")]
public sealed record CatalogueVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] DateOnly EffectiveDate,
    [property: Id(2)] int Categories,
    [property: Id(3)] string Origin,
    [property: Id(4)] DateTimeOffset? UploadedAt,
    [property: Id(5)] string? UploadedBy)
{
    /// <summary>Whether this is the version checks and verdicts use now.</summary>
    [Id(6)]
    public bool InForce { get; init; }
}

[GenerateSerializer, Immutable, Alias("samples.catalogue.upload-result.v1")]
public sealed record CatalogueUploadResult(
    [property: Id(0)] int? Version,
    [property: Id(1)] IReadOnlyList<string> Problems);
