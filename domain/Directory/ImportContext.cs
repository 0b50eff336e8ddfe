using Samples.Domain.Reference;

namespace Samples.Domain.Directory;

/// <summary>
/// What an import checks against: the date region codes must be valid on, the known product
/// categories (owned by the catalogue), the division list and the limits.
/// </summary>
public sealed class ImportContext
{
    public const int DefaultMaxProblems = 1000;

    private readonly int maxProblems = DefaultMaxProblems;

    /// <summary>Categories checked against a set, which is also listed in problem texts.</summary>
    public ImportContext(DateOnly referenceDate, IReadOnlySet<string> knownCategories)
        : this(referenceDate, (knownCategories ?? throw new ArgumentNullException(nameof(knownCategories))).Contains, knownCategories)
    {
    }

    /// <summary>Categories checked by a predicate; <paramref name="knownCategoryCodes"/>, if given, are listed in problem texts.</summary>
    public ImportContext(DateOnly referenceDate, Func<string, bool> isKnownCategory, IEnumerable<string>? knownCategoryCodes = null)
    {
        ArgumentNullException.ThrowIfNull(isKnownCategory);
        ReferenceDate = referenceDate;
        IsKnownCategory = isKnownCategory;
        KnownCategoryCodes = [.. (knownCategoryCodes ?? []).Order(StringComparer.Ordinal)];
    }

    /// <summary>Region codes must name a division valid on this date.</summary>
    public DateOnly ReferenceDate { get; }

    public Func<string, bool> IsKnownCategory { get; }

    /// <summary>The known category codes, sorted ordinally, for problem texts; may be empty.</summary>
    public IReadOnlyList<string> KnownCategoryCodes { get; }

    public Divisions Divisions { get; init; } = Divisions.Shipped;

    public CsvLimits Limits { get; init; } = CsvLimits.Default;

    /// <summary>Reading stops once this many problems were found (a final problem says so). At least 1.</summary>
    public int MaxProblems
    {
        get => maxProblems;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxProblems = value;
        }
    }
}
