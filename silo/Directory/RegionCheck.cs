using Samples.Contracts.Common;
using Samples.Domain.Reference;
using Samples.Silo.Api;

namespace Samples.Silo.Directory;

/// <summary>Region codes must be Qinghai divisions valid today (dated reference data: codes change).</summary>
public static class RegionCheck
{
    public static IEnumerable<FieldProblem> Problems(string? code, TimeProvider clock, string field = "regionCode")
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            yield break;
        }

        var problem = Divisions.Shipped.Problem(code, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), field);
        if (problem is not null)
        {
            // The reference data names the field itself; the API's problem carries it separately.
            yield return new FieldProblem(field, problem.StartsWith(field + " ", StringComparison.Ordinal) ? problem[(field.Length + 1)..] : problem);
        }
    }
}
