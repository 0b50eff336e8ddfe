
namespace Samples.Contracts.Directory;

[GenerateSerializer, Immutable, Alias("samples.inspectors.define.v1")]
public sealed record DefineInspector(
    [property: Id(0)] string Number,
    [property: Id(1)] string Name,
    [property: Id(2)] string Unit,
    [property: Id(3)] string RegionCode,
    [property: Id(4)] IReadOnlyList<string> QualifiedCategories,
    [property: Id(5)] bool OnLeave,
    [property: Id(6)] int MaxOpenTasks,
    [property: Id(7)] string RequestedBy);
