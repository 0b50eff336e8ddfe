using Samples.Contracts.Common;

namespace Samples.Domain.Reference;

/// <summary>
/// Region codes must be Qinghai divisions valid on the day (dated reference data: codes change). An inspector of the
/// provincial bureau may be given the province itself (<see cref="Divisions.ProvinceCode"/>); an enterprise never.
/// </summary>
public static class RegionCodes
{
    public static IEnumerable<FieldProblem> Problems(string? code, DateOnly today, string field = "regionCode", bool provinceAllowed = false)
    {
        if (string.IsNullOrWhiteSpace(code) || (provinceAllowed && code.Trim() == Divisions.ProvinceCode))
        {
            yield break;
        }

        var problem = Divisions.Shipped.Problem(code, today, field);
        if (problem is not null)
        {
            // The reference data names the field itself; the problem carries it separately.
            yield return new FieldProblem(field, problem.StartsWith(field + " ", StringComparison.Ordinal) ? problem[(field.Length + 1)..] : problem);
        }
    }
}
