using Samples.Contracts.Samplings;

namespace Samples.Grains.Plans;

/// <summary>
/// Order 18's 6-month rule: a department may not sample the same product twice within 6 months. A round draws an
/// enterprise for a category (which product is chosen on site), so an enterprise the department sampled in that category
/// within the 6 months before the draw date leaves that category's frame, with the batch, day and product as the reason.
/// This is stricter than "same product" when the enterprise makes several products of the category; it keeps every
/// drawn target lawful without knowing the enterprise's product list. Follow-ups of failed products (跟踪抽检) are
/// targeted, not drawn, so they never enter a random frame; a follow-up sampling still counts as a sampling here.
/// </summary>
public static class SixMonthRule
{
    /// <summary>The first day on which a sampling no longer excludes: sampled on or before the draw date minus 6 months is allowed.</summary>
    public static DateOnly From(DateOnly drawDate) => drawDate.AddMonths(-6).AddDays(1);

    /// <summary>The reason per (USCC, category) to exclude, from the department's records.</summary>
    public static IReadOnlyDictionary<(string Uscc, string Category), string> Excluded(IEnumerable<SamplingRecord> records, DateOnly drawDate)
    {
        var from = From(drawDate);
        var excluded = new Dictionary<(string, string), string>();
        foreach (var r in records.Where(r => r.SampledOn >= from && r.SampledOn <= drawDate).OrderByDescending(r => r.SampledOn).ThenBy(r => r.BatchId, StringComparer.Ordinal))
        {
            // The latest sampling names the reason: it is the one that keeps the enterprise out longest.
            // A frame field holds no comma or line break (draw-spec.md section 2).
            var batch = r.BatchId.Replace(',', '，').Replace('\n', ' ').Replace('\r', ' ');
            excluded.TryAdd((r.EnterpriseUscc, r.Category), $"6-month rule: sampled {r.SampledOn:yyyy-MM-dd} as batch {batch} (product {r.SameProduct.Replace(',', '，')})");
        }

        return excluded;
    }
}
