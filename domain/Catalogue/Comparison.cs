using System.Globalization;

namespace Samples.Domain.Catalogue;

/// <summary>The two ways GB/T 8170-2008 compares a measured value with a limit.</summary>
public enum ComparisonMethod
{
    /// <summary>全数值比较法: the value as measured, unrounded, is compared (the stricter method, and the default).</summary>
    FullValue,

    /// <summary>修约值比较法: the value is first rounded to the limit's interval, then compared.</summary>
    RoundedValue,
}

/// <summary>An item's comparison method; <see cref="Interval"/> is set exactly when the method is rounded-value.</summary>
public sealed record Comparison
{
    public static Comparison FullValue { get; } = new() { Method = ComparisonMethod.FullValue };

    public ComparisonMethod Method { get; init; } = ComparisonMethod.FullValue;

    /// <summary>Rounding interval for the rounded-value method: 1, 2 or 5 × 10ⁿ (0.1, 0.5-unit, 0.2-unit…).</summary>
    public decimal? Interval { get; init; }

    public static Comparison Rounded(decimal interval) => new() { Method = ComparisonMethod.RoundedValue, Interval = interval };

    /// <summary>"full-value method" or "rounded-value method, interval 0.5 (0.5-unit)".</summary>
    public string Describe() => Method == ComparisonMethod.RoundedValue && Interval is { } interval
        ? $"rounded-value method, interval {GbT8170.DescribeInterval(interval)}"
        : "full-value method";

    public override string ToString() => Describe();

    internal static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
