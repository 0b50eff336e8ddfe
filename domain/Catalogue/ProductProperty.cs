namespace Samples.Domain.Catalogue;

/// <summary>
/// A positive numeric property of the sampled product that a limit depends on, e.g. the PV module's
/// area in m² (insulation resistance ≥ 400 MΩ up to 0.1 m², else R × A ≥ 40 MΩ·m²).
/// </summary>
public sealed record ProductProperty
{
    /// <summary>Lower camel case, unique in the category, e.g. <c>moduleArea</c>.</summary>
    public required string Code { get; init; }

    public required string NameZh { get; init; }

    /// <summary>Used in messages: "module area 1.6 m² &gt; 0.1 m²".</summary>
    public required string NameEn { get; init; }

    public required string Unit { get; init; }
}
