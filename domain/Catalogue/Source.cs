using System.Text.Json.Serialization;

namespace Samples.Domain.Catalogue;

/// <summary>Where a category's or item's requirement comes from, and how sure we are of it.</summary>
public sealed record Source
{
    /// <summary>The standard or rule, e.g. <c>GB 6549-2011</c>.</summary>
    public required string Standard { get; init; }

    public required Confidence Confidence { get; init; }

    /// <summary>Where the number was taken from, e.g. <c>docs/domain.md §4</c>.</summary>
    public string? Reference { get; init; }
}

/// <summary>The marks of docs/domain.md: written "C", "R" and "?" in JSON.</summary>
public enum Confidence
{
    /// <summary>[C] confirmed from the legal or standard text, or a page quoting it.</summary>
    [JsonStringEnumMemberName("C")]
    Confirmed,

    /// <summary>[R] recalled or only partly confirmed.</summary>
    [JsonStringEnumMemberName("R")]
    Recalled,

    /// <summary>[?] unconfirmed.</summary>
    [JsonStringEnumMemberName("?")]
    Unconfirmed,
}
