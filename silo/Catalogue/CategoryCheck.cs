using Samples.Contracts.Catalogue;
using Samples.Contracts.Common;

namespace Samples.Silo.Catalogue;

/// <summary>Category codes must be in the catalogue in force ("no list, no inspection").</summary>
public static class CategoryCheck
{
    public static async Task<List<FieldProblem>> UnknownAsync(IGrainFactory grains, string field, IEnumerable<string?>? codes)
    {
        var problems = new List<FieldProblem>();
        // Nulls are reported by the field rules; here only codes that could be categories are looked up.
        var given = (codes ?? []).OfType<string>().Select(c => c.Trim()).Where(c => c.Length > 0).ToArray();
        if (given.Length == 0)
        {
            return problems;
        }

        var known = await grains.GetGrain<ICatalogueGrain>(ICatalogueGrain.Key).CategoryCodesAsync();
        foreach (var code in given.Where(c => !known.Contains(c, StringComparer.Ordinal)))
        {
            problems.Add(new(field, $"'{code}' is not a category of the catalogue in force; known: {string.Join(", ", known)}"));
        }

        return problems;
    }
}
