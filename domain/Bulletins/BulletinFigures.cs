using Samples.Domain.Publication;

namespace Samples.Domain.Bulletins;

/// <summary>
/// A quality bulletin's figures (质量公告): for a period and scope, the batches whose results were published, how many
/// passed, the pass rate by category, prefecture and kind of enterprise, each failing product with its producer and
/// failed items, the re-tests and how they ended, the drawn and the targeted batches apart (重点检查; absent from
/// bulletins composed before they were counted), and the same totals for the periods before. Computed from the
/// published results alone (withdrawn ones left out), so every figure can be traced to a public row.
/// </summary>
public sealed record BulletinFigures(
    string Id,
    string Period,
    string PeriodName,
    string Scope,
    DateOnly From,
    DateOnly To,
    Tally Total,
    IReadOnlyList<Tally> ByCategory,
    IReadOnlyList<Tally> ByPrefecture,
    IReadOnlyList<Tally> ByEnterpriseKind,
    IReadOnlyList<FailingProduct> Failing,
    RetestTally Retests,
    IReadOnlyList<Tally> Trend,
    int Withdrawn,
    IReadOnlyList<string> TaskIds,
    Tally? Random = null,
    Tally? Targeted = null)
{
    /// <summary>Targeted inspections' share of the batches, in per cent with one decimal; null when none were counted apart.</summary>
    public decimal? TargetedShare => Targeted is null || Total.Batches == 0
        ? null
        : Math.Round(100m * Targeted.Batches / Total.Batches, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Batches, passed and failed for one key (a category, a prefecture, a kind, a period); other outcomes count as batches only.</summary>
public sealed record Tally(string Key, string Name, int Batches, int Passed, int Failed)
{
    /// <summary>Passed over passed and failed, in per cent with one decimal; null when nothing was judged.</summary>
    public decimal? PassRate => Passed + Failed == 0 ? null : Math.Round(100m * Passed / (Passed + Failed), 1, MidpointRounding.AwayFromZero);
}

/// <summary>A failing product as the bulletin lists it.</summary>
public sealed record FailingProduct(
    string TaskId, string Enterprise, string? Producer, string? Product, string? Trademark, string? Specification, string? BatchNumber,
    string Category, string? Region, IReadOnlyList<FailedItem> FailedItems, string? Lab, string? Disposal);

/// <summary>Re-tests among the bulletin's results: how many, how many reversed the first failure, how many upheld it.</summary>
public sealed record RetestTally(int Retested, int Reversed, int Upheld);
