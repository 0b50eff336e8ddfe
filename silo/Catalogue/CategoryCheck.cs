using Samples.Contracts.Catalogue;
using Samples.Contracts.Common;
using Samples.Domain.Catalogue;

namespace Samples.Silo.Catalogue;

/// <summary>The catalogue check (<see cref="CategoryCodes"/>) before a request reaches a grain, so every problem is in one answer; the grains check again.</summary>
public static class CategoryCheck
{
    public static async Task<List<FieldProblem>> UnknownAsync(IGrainFactory grains, string field, IEnumerable<string?>? codes) =>
        CategoryCodes.Given(codes).Count == 0
            ? []
            : [.. CategoryCodes.Unknown(field, codes, await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync())];
}
