using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// One enterprise of the directory as read from (or written to) the directory CSV, normalised: values
/// trimmed, the USCC upper case, categories and licences de-duplicated and sorted ordinally, empty
/// optional values null or empty lists. The same data always gives an equal row (lists aside, which
/// compare by reference: compare them with SequenceEqual).
/// </summary>
/// <param name="Row">The row in the file it was read from (the header is row 1).</param>
/// <param name="UsccOverrideReason">Why a code failing its check character is accepted; null for a valid code.</param>
/// <param name="UsccOverriddenProblem">What the overridden check said, e.g. "position 18: check character is 'C', expected 'B'".</param>
public sealed record EnterpriseRow(
    int Row,
    string Uscc,
    string Name,
    string? Address,
    string RegionCode,
    EnterpriseKind Kind,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Licences,
    EnterpriseStatus Status,
    bool KeySupervision,
    RiskClass RiskClass,
    string? UsccOverrideReason,
    string? UsccOverriddenProblem);
