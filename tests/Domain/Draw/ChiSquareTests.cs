using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>The p-values of the fairness report, against reference values (40-digit mpmath: gammainc(k/2, x/2, ∞, regularized)).</summary>
public sealed class ChiSquareTests
{
    [Theory]
    [InlineData(3.84146, 1, 0.049999964833747421628)]
    [InlineData(18.307, 10, 0.050000589091398120291)]
    [InlineData(100, 100, 0.48119168452795671811)]
    [InlineData(124.342, 100, 0.050000715769971767983)]
    [InlineData(7.5, 3.3, 0.071618420433950199561)]
    [InlineData(0.5, 0.5, 0.25632205526853895833)]
    [InlineData(1e-8, 1, 0.99992021154405269422)]
    [InlineData(60, 4, 2.9008631203404541275e-12)]
    [InlineData(200, 2, 3.720075976020835963e-44)]
    [InlineData(1500, 1000, 1.0454640385979657294e-22)]
    [InlineData(100_000, 100_000, 0.49940529189520668861)]
    [InlineData(101_000, 100_000, 0.012868840377233669864)]
    [InlineData(99_000, 100_000, 0.98752168436191720123)]
    public void The_upper_tail_matches_the_reference_to_1e_10_relative(double x, double df, double expected)
    {
        var actual = ChiSquare.UpperTail(x, df);

        Math.Abs(actual - expected).Should().BeLessThanOrEqualTo(1e-10 * expected, $"sf({x}, {df}) = {expected:R}, computed {actual:R}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(100)]
    [InlineData(1e6)]
    public void At_zero_the_upper_tail_is_one(double df)
    {
        ChiSquare.UpperTail(0, df).Should().Be(1, "P(X ≥ 0) = 1");
    }

    [Fact]
    public void With_two_degrees_of_freedom_it_is_exp_of_minus_half_x()
    {
        foreach (var x in new[] { 0.01, 0.5, 1, 2.99, 3.01, 10, 50, 300, 1400 })
        {
            var exact = Math.Exp(-x / 2);
            Math.Abs(ChiSquare.UpperTail(x, 2) - exact).Should().BeLessThanOrEqualTo(1e-12 * exact, $"sf({x}, 2) = e^(−{x}/2), on both sides of the series/fraction switch at x = 4");
        }
    }

    [Fact]
    public void Far_in_the_tail_it_underflows_to_zero_not_to_NaN()
    {
        ChiSquare.UpperTail(2000, 100).Should().Be(0, "the true value, 8.8e-351, is below the smallest double");
        ChiSquare.UpperTail(double.PositiveInfinity, 3).Should().Be(0, "an infinite statistic");
        ChiSquare.UpperTail(1e7, 1e7 + 1).Should().BeInRange(0.49, 0.51, "ten million degrees of freedom neither overflow nor stall");
    }

    [Fact]
    public void It_decreases_with_x_and_increases_with_the_degrees_of_freedom()
    {
        var byX = Enumerable.Range(0, 200).Select(i => ChiSquare.UpperTail(i * 0.5, 7)).ToArray();
        var byDf = Enumerable.Range(1, 200).Select(k => ChiSquare.UpperTail(50, k)).ToArray();

        byX.Should().BeInDescendingOrder("a tail probability shrinks as x grows").And.OnlyContain(p => p >= 0 && p <= 1, "a probability");
        byDf.Should().BeInAscendingOrder("more degrees of freedom put more mass above a fixed x");
    }

    [Theory]
    [InlineData(0.5, 0.57236494292470008707)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3.3, 0.98709857789473440406)]
    [InlineData(10, 12.801827480081469611)]
    [InlineData(0.001, 6.9071788853838536617)]
    [InlineData(171.5, 709.14316303092824227)]
    [InlineData(50_000, 490984.42327157182173)]
    [InlineData(100_000, 1051287.7089736568949)]
    public void Log_gamma_matches_the_reference(double z, double expected)
    {
        Math.Abs(Gamma.LogGamma(z) - expected).Should().BeLessThanOrEqualTo(1e-13 * Math.Max(1, Math.Abs(expected)), $"ln Γ({z})");
    }

    [Fact]
    public void Lower_and_upper_regularized_add_up_to_one()
    {
        foreach (var (a, x) in new[] { (0.5, 0.2), (3.0, 2.0), (3.0, 9.0), (250.0, 240.0), (250.0, 270.0) })
        {
            (Gamma.LowerRegularized(a, x) + Gamma.UpperRegularized(a, x)).Should().BeApproximately(1, 1e-14, $"P + Q at a = {a}, x = {x}");
        }
    }

    [Fact]
    public void Undefined_arguments_are_refused()
    {
        FluentActions.Invoking(() => ChiSquare.UpperTail(1, 0)).Should().Throw<ArgumentOutOfRangeException>("no chi-square has 0 degrees of freedom");
        FluentActions.Invoking(() => ChiSquare.UpperTail(double.NaN, 1)).Should().Throw<ArgumentOutOfRangeException>("NaN is not a statistic");
        FluentActions.Invoking(() => Gamma.LogGamma(-1)).Should().Throw<ArgumentOutOfRangeException>("only z > 0 is needed");
    }
}
