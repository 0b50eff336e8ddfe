using Samples.Contracts.Catalogue;
using Samples.Contracts.Common;
using Samples.Domain.Catalogue;
using Samples.Domain.Reference;

namespace Samples.Grains;

/// <summary>
/// The reference checks every write applies in the grain itself (region codes valid today, categories of the catalogue
/// in force), so a direct grain call, an import or a script cannot skip what the API checks.
/// </summary>
internal static class ReferenceCodes
{
    public static async Task<IReadOnlyList<FieldProblem>> ProblemsAsync(
        IGrainFactory grains, TimeProvider clock, IEnumerable<(string Field, string? Code)> regions, string categoryField, IEnumerable<string?>? categories,
        bool provinceAllowed = false)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var problems = regions.SelectMany(r => RegionCodes.Problems(r.Code, today, r.Field, provinceAllowed)).ToList();
        if (CategoryCodes.Given(categories).Count > 0)
        {
            problems.AddRange(CategoryCodes.Unknown(categoryField, categories, await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync()));
        }

        return problems;
    }
}
