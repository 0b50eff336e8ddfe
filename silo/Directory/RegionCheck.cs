using Samples.Contracts.Common;
using Samples.Domain.Reference;

namespace Samples.Silo.Directory;

/// <summary>The region check (<see cref="RegionCodes"/>) before a request reaches a grain, so every problem is in one answer; the grains check again.</summary>
public static class RegionCheck
{
    public static IEnumerable<FieldProblem> Problems(string? code, TimeProvider clock, string field = "regionCode", bool provinceAllowed = false) =>
        RegionCodes.Problems(code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), field, provinceAllowed);
}
