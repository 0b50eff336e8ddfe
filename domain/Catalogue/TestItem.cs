namespace Samples.Domain.Catalogue;

/// <summary>One test item of a category: what is measured, how, and the limit it is judged against.</summary>
public sealed record TestItem
{
    /// <summary>Kebab-case, unique in the category, e.g. <c>k2o</c>, <c>water-insolubles</c>.</summary>
    public required string Code { get; init; }

    /// <summary>Short label used in verdicts, e.g. <c>K₂O</c>; the English name when absent.</summary>
    public string? Symbol { get; init; }

    public required string NameZh { get; init; }

    public required string NameEn { get; init; }

    /// <summary>Unit of the measured value, e.g. <c>%</c>, <c>mg/kg</c>; empty for pass/fail and qualitative items.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>The test method standard, e.g. <c>GB/T 6549-2011 §5.2</c>.</summary>
    public required string Method { get; init; }

    /// <summary>Whether the batch verdict needs this item (a missing required item makes the batch incomplete).</summary>
    public bool Required { get; init; } = true;

    /// <summary>GB/T 8170 comparison; full-value when the product standard is silent.</summary>
    public Comparison Comparison { get; init; } = Comparison.FullValue;

    public required Limit Limit { get; init; }

    /// <summary>Where the limit comes from; the category's source when absent.</summary>
    public Source? Source { get; init; }

    /// <summary>Test conditions, e.g. "1000 h at 85 °C / 85 % RH".</summary>
    public string? Conditions { get; init; }

    public string? Notes { get; init; }

    /// <summary>The label used in verdict reasons.</summary>
    public string Label => string.IsNullOrWhiteSpace(Symbol) ? NameEn : Symbol;
}
