using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

public sealed class GbT8170Tests
{
    [Theory]
    // GB/T 8170-2008 §3.2 examples: below half drops, above half carries, exactly half goes to the even digit.
    [InlineData("12.1498", "0.1", "12.1")]
    [InlineData("1268", "100", "1300")]
    [InlineData("10.5002", "1", "11")]
    [InlineData("1.050", "0.1", "1.0")]
    [InlineData("0.35", "0.1", "0.4")]
    [InlineData("2500", "1000", "2000")]
    [InlineData("3500", "1000", "4000")]
    [InlineData("0.45", "0.1", "0.4")]
    [InlineData("0.4500001", "0.1", "0.5")]
    [InlineData("0.4499999", "0.1", "0.4")]
    [InlineData("0.0050", "0.01", "0.00")]
    [InlineData("0.0150", "0.01", "0.02")]
    [InlineData("59.96", "0.1", "60.0")]
    [InlineData("59.94", "0.1", "59.9")]
    [InlineData("59.95", "0.1", "60.0")]
    [InlineData("59.85", "0.1", "59.8")]
    [InlineData("7", "1", "7")]
    [InlineData("0", "0.1", "0.0")]
    public void Rounds_to_the_interval_with_half_to_even(string value, string interval, string expected) =>
        GbT8170.Round(D(value), D(interval)).Should().Be(D(expected), "{0} rounded to {1} is {2} by GB/T 8170", value, interval, expected);

    [Theory]
    // Negative values: round the absolute value, then restore the sign (GB/T 8170 §3.2.5).
    [InlineData("-355", "10", "-360")]
    [InlineData("-325", "10", "-320")]
    [InlineData("-0.0365", "0.001", "-0.036")]
    [InlineData("-59.96", "0.1", "-60.0")]
    [InlineData("-0.04", "0.1", "0.0")]
    public void Negative_values_round_by_their_absolute_value(string value, string interval, string expected) =>
        GbT8170.Round(D(value), D(interval)).Should().Be(D(expected));

    [Theory]
    // 0.5-unit rounding: 2X rounded to the unit, halved (GB/T 8170 §3.3.1 examples).
    [InlineData("60.25", "0.5", "60.0")]
    [InlineData("60.38", "0.5", "60.5")]
    [InlineData("60.28", "0.5", "60.5")]
    [InlineData("-60.75", "0.5", "-61.0")]
    [InlineData("60.75", "0.5", "61.0")]
    [InlineData("60.74", "0.5", "60.5")]
    [InlineData("60.24", "0.5", "60.0")]
    [InlineData("1.025", "0.05", "1.00")]
    [InlineData("1.075", "0.05", "1.10")]
    public void Half_unit_rounding_goes_to_the_even_half_unit(string value, string interval, string expected) =>
        GbT8170.Round(D(value), D(interval)).Should().Be(D(expected));

    [Theory]
    // 0.2-unit rounding: 5X rounded to the unit, divided by 5 (GB/T 8170 §3.3.2 examples, interval 20).
    [InlineData("830", "20", "840")]
    [InlineData("842", "20", "840")]
    [InlineData("832", "20", "840")]
    [InlineData("-930", "20", "-920")]
    [InlineData("850", "20", "840")]
    [InlineData("870", "20", "880")]
    [InlineData("0.31", "0.2", "0.4")]
    [InlineData("0.29", "0.2", "0.2")]
    [InlineData("0.3", "0.2", "0.4")]
    [InlineData("0.5", "0.2", "0.4")]
    [InlineData("0.7", "0.2", "0.8")]
    public void Fifth_unit_rounding_goes_to_the_even_multiple(string value, string interval, string expected) =>
        GbT8170.Round(D(value), D(interval)).Should().Be(D(expected));

    [Theory]
    // Never in several steps: 15.4546 to 1 is 15, although 15.4546 → 15.455 → 15.46 → 15.5 → 16 step by step.
    [InlineData("15.4546", "1", "15")]
    [InlineData("97.46", "1", "97")]
    [InlineData("0.0449", "0.1", "0.0")]
    [InlineData("59.949", "0.1", "59.9")]
    public void Rounds_in_one_step(string value, string interval, string expected) =>
        GbT8170.Round(D(value), D(interval)).Should().Be(D(expected), "rounding twice would carry the discarded 5 upwards");

    [Fact]
    public void The_result_has_the_intervals_number_of_decimals() =>
        GbT8170.Round(60m, 0.1m).ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("60.0", "a rounded value is written to the interval");

    [Fact]
    public void Every_value_on_a_fine_grid_rounds_to_the_nearest_multiple_with_ties_to_even()
    {
        var wrong = new List<string>();
        foreach (var interval in new[] { 0.01m, 0.1m, 1m, 0.5m, 0.2m, 0.05m, 0.02m, 20m })
        {
            var step = interval >= 1 ? 0.1m : 0.001m;
            for (var i = -3000; i <= 3000; i++)
            {
                var value = i * step;
                var rounded = GbT8170.Round(value, interval);
                var quotient = rounded / interval;
                var distance = Math.Abs(value - rounded);
                var ok = quotient == decimal.Truncate(quotient)
                    && distance * 2 <= interval
                    && (distance * 2 != interval || quotient % 2 == 0);
                if (!ok)
                {
                    wrong.Add($"{value} to {interval} gave {rounded}");
                }
            }
        }

        wrong.Should().BeEmpty("every value rounds to the nearest multiple of the interval, and a tie to the even multiple");
    }

    [Fact]
    public void Values_with_many_digits_round_exactly()
    {
        GbT8170.Round(0.1500000000000000000000000001m, 0.1m).Should().Be(0.2m, "a discarded part a hair above half carries");
        GbT8170.Round(0.2500000000000000000000000000m, 0.1m).Should().Be(0.2m, "exactly half with trailing zeros goes to even");
        GbT8170.Round(0.2499999999999999999999999999m, 0.1m).Should().Be(0.2m);
        GbT8170.Round(7922816251426433759354395033.5m, 1m).Should().Be(7922816251426433759354395034m);
    }

    [Theory]
    [InlineData("0.1", true)]
    [InlineData("0.01", true)]
    [InlineData("1", true)]
    [InlineData("10", true)]
    [InlineData("0.5", true)]
    [InlineData("0.05", true)]
    [InlineData("0.2", true)]
    [InlineData("20", true)]
    [InlineData("0.10", true)]
    [InlineData("0.3", false)]
    [InlineData("25", false)]
    [InlineData("0.25", false)]
    [InlineData("0", false)]
    [InlineData("-0.1", false)]
    public void Only_1_2_or_5_times_a_power_of_ten_is_an_interval(string interval, bool valid) =>
        GbT8170.IsValidInterval(D(interval)).Should().Be(valid);

    [Fact]
    public void An_invalid_interval_is_refused()
    {
        var act = () => GbT8170.Round(1m, 0.3m);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1, 2 or 5 × 10ⁿ*");
    }

    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("0.5", "0.5 (0.5-unit)")]
    [InlineData("0.2", "0.2 (0.2-unit)")]
    [InlineData("20", "20 (0.2-unit)")]
    public void Intervals_are_described_with_their_unit_kind(string interval, string expected) =>
        GbT8170.DescribeInterval(D(interval)).Should().Be(expected);

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
