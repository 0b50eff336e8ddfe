namespace Samples.Domain.Reference;

/// <summary>The level of a GB/T 2260 division below the province.</summary>
public enum DivisionLevel
{
    /// <summary>Prefecture level (地级): prefecture-level cities, autonomous prefectures, former 地区.</summary>
    Prefecture,

    /// <summary>County level (县级): counties, districts, county-level cities.</summary>
    County,
}

/// <summary>
/// One administrative division code (GB/T 2260) over the period it was valid. Codes change (a county
/// becomes a district, a 地区 becomes a city), so a code is only meaningful together with a date.
/// </summary>
/// <param name="Code">Six digits, e.g. 632800.</param>
/// <param name="ParentPrefecture">For a county, the prefecture it belongs to; null for a prefecture.</param>
/// <param name="ValidFrom">First day the code is valid; null when it was in force before this data begins.</param>
/// <param name="ValidTo">Exclusive: the first day the code is no longer valid (the day the change took effect); null while valid.</param>
/// <param name="ReplacedBy">The code that took over when this one ended, if any.</param>
/// <param name="DatesApproximate">True when <paramref name="ValidFrom"/> or <paramref name="ValidTo"/> is not an exact, checked date.</param>
/// <param name="Note">Where the dates come from and what is uncertain.</param>
public sealed record Division(
    string Code,
    string NameZh,
    string NameEn,
    DivisionLevel Level,
    string? ParentPrefecture = null,
    DateOnly? ValidFrom = null,
    DateOnly? ValidTo = null,
    string? ReplacedBy = null,
    bool DatesApproximate = false,
    string? Note = null)
{
    /// <summary>The prefecture this division counts under: its parent, or itself for a prefecture.</summary>
    public string PrefectureCode => ParentPrefecture ?? Code;

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is not { } from || from <= date) && (ValidTo is not { } to || date < to);
}
