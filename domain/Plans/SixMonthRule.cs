using Samples.Contracts.Plans;

namespace Samples.Domain.Plans;

/// <summary>
/// Order 18's 6-month rule: a department may not sample the same product twice within 6 months. A round draws an
/// enterprise for a category (which product is chosen on site), so an enterprise the department sampled in that category
/// within the 6 months before the draw date leaves that category's frame, with the batch, day and product as the reason;
/// so does the product's producer when the batch was sampled at a seller.
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
            // A frame field holds no comma or line break (draw/spec/draw-spec.md section 2).
            var batch = r.BatchId.Replace(',', '，').Replace('\n', ' ').Replace('\r', ' ');
            var reason = $"6-month rule: sampled {r.SampledOn:yyyy-MM-dd} as batch {batch} (product {r.SameProduct.Replace(',', '，')})";
            excluded.TryAdd((r.EnterpriseUscc, r.Category), reason);

            // The same product is its producer's (Order 18: producer, standard, trademark, spec): a batch sampled at a
            // seller keeps the producer out of that category's frame too.
            var producer = r.SameProduct.Split('|')[0];
            if (producer.Length > 0 && producer != r.EnterpriseUscc)
            {
                excluded.TryAdd((producer, r.Category), reason);
            }
        }

        return excluded;
    }
}
