using Samples.Contracts.Common;

namespace Samples.Contracts.Directory;

/// <summary>A testing laboratory (检验机构), keyed by its id.</summary>
[Alias("samples.labs.lab")]
public interface ILabGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the lab; the same definition again changes nothing.</summary>
    [Alias("DefineAsync")]
    Task<LabResult> DefineAsync(DefineLab command);

    [Alias("GetAsync")]
    Task<LabView?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("samples.labs.view.v1")]
public sealed record LabView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<string> AccreditedCategories,
    [property: Id(3)] IReadOnlyList<string> AccreditedItems,
    [property: Id(4)] bool MayRetest,
    [property: Id(5)] IReadOnlyList<EnterpriseChange> History);

[GenerateSerializer, Immutable, Alias("samples.labs.result.v1")]
public sealed record LabResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] LabView? Lab,
    [property: Id(2)] IReadOnlyList<FieldProblem> Problems);
