using Samples.Contracts.Common;
using Samples.Contracts.Plans;
using Samples.Domain.Directory;

namespace Samples.Domain.Plans;

/// <summary>Checks sampling records before any is kept; plain decisions, no grain.</summary>
public static class SamplingHistoryRules
{
    /// <summary>How far back records are accepted: the longest period a rule reads (6 months, recusal) with room to spare.</summary>
    public const int OldestAcceptedDays = 730;

    /// <summary>The records normalised (trimmed, codes upper-cased), or the problems as <c>records[i].field</c>.</summary>
    public static (SamplingRecord[] Records, List<FieldProblem> Problems) Check(IReadOnlyList<SamplingRecord> records, IReadOnlyDictionary<string, SamplingRecord> known, DateOnly today)
    {
        var problems = new List<FieldProblem>();
        var normalised = new List<SamplingRecord>();
        var seen = new Dictionary<string, SamplingRecord>(StringComparer.Ordinal);
        if (records.Count == 0)
        {
            problems.Add(new("records", "at least one record is required"));
        }

        for (var i = 0; i < records.Count; i++)
        {
            var at = $"records[{i}]";
            var r = records[i];
            var before = problems.Count;
            var batch = (r.BatchId ?? string.Empty).Trim();
            if (batch.Length is 0 or > 100)
            {
                problems.Add(new($"{at}.batchId", "is required (at most 100 characters)"));
            }

            var uscc = Uscc.Validate(r.EnterpriseUscc);
            if (!uscc.IsValid)
            {
                problems.Add(new($"{at}.enterpriseUscc", uscc.Problem!));
            }

            if (string.IsNullOrWhiteSpace(r.Category))
            {
                problems.Add(new($"{at}.category", "is required"));
            }

            if (string.IsNullOrWhiteSpace(r.SameProduct) || r.SameProduct.Split('|').Length != 4)
            {
                problems.Add(new($"{at}.sameProduct", "is required: producer USCC|standard|trademark|spec/model (empty parts allowed)"));
            }

            if (r.SampledOn == DateOnly.MaxValue)
            {
                problems.Add(new($"{at}.sampledOn", "is required (yyyy-MM-dd)"));
            }
            else if (r.SampledOn > today)
            {
                problems.Add(new($"{at}.sampledOn", $"{r.SampledOn:yyyy-MM-dd} is in the future"));
            }
            else if (r.SampledOn < today.AddDays(-OldestAcceptedDays))
            {
                problems.Add(new($"{at}.sampledOn", $"is more than {OldestAcceptedDays} days ago: no rule reads it"));
            }

            var inspectors = (r.Inspectors ?? []).Select(n => (n ?? string.Empty).Trim()).ToArray();
            if (inspectors.Any(n => n.Length == 0))
            {
                problems.Add(new($"{at}.inspectors", "an inspector number is empty"));
            }

            if (problems.Count > before)
            {
                continue;
            }

            var record = new SamplingRecord(batch, uscc.Code, r.Category.Trim(), r.SameProduct.Trim().ToUpperInvariant(), r.SampledOn,
                inspectors.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), r.FollowUp);
            if ((seen.TryGetValue(batch, out var other) || known.TryGetValue(batch, out other)) && !Same(other, record))
            {
                problems.Add(new($"{at}.batchId", $"batch {batch} is already recorded with other facts; a record is never changed"));
                continue;
            }

            seen[batch] = record;
            normalised.Add(record);
        }

        return (normalised.ToArray(), problems);
    }

    public static bool Same(SamplingRecord a, SamplingRecord b) =>
        a.BatchId == b.BatchId && a.EnterpriseUscc == b.EnterpriseUscc && a.Category == b.Category && a.SameProduct == b.SameProduct
        && a.SampledOn == b.SampledOn && a.FollowUp == b.FollowUp && a.Inspectors.SequenceEqual(b.Inspectors, StringComparer.Ordinal);
}
