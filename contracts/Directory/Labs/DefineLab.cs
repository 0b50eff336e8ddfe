
namespace Samples.Contracts.Directory;

[GenerateSerializer, Immutable, Alias("samples.labs.define.v1")]
public sealed record DefineLab(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> AccreditedCategories,
    [property: Id(3)] IReadOnlyList<string> AccreditedItems,
    [property: Id(4)] bool MayRetest,
    [property: Id(5)] string RequestedBy);
