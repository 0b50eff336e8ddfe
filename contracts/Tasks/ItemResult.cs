namespace Samples.Contracts.Tasks;

/// <summary>
/// One item's result. <see cref="Kind"/>: <c>value</c> (with <see cref="Value"/>), <c>not-detected</c> (optionally the
/// detection limit), <c>detected</c>, <c>conforms</c> or <c>does-not-conform</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("samples.tasks.item-result.v1")]
public sealed record ItemResult(
    [property: Id(0)] string Item,
    [property: Id(1)] string Kind,
    [property: Id(2)] decimal? Value = null,
    [property: Id(3)] string? ReportedAs = null,
    [property: Id(4)] decimal? DetectionLimit = null,
    [property: Id(5)] string? Note = null)
{
    public static readonly IReadOnlyList<string> Kinds = ["value", "not-detected", "detected", "conforms", "does-not-conform"];
}
