namespace Samples.Draw;

/// <summary>
/// The chi-square distribution's upper tail, for the fairness report's p-values. Written here (not a package) because
/// the draw library takes no dependencies; double precision, about 1e-10 relative or better over the range the report
/// meets (df from below 1 to beyond 10^5).
/// </summary>
public static class ChiSquare
{
    /// <summary>
    /// P(X ≥ <paramref name="x"/>) for X ~ chi-square with <paramref name="degreesOfFreedom"/> (any positive real):
    /// Q(df/2, x/2), the regularized upper incomplete gamma function. 1 at x ≤ 0; 0 where it underflows a double.
    /// </summary>
    public static double UpperTail(double x, double degreesOfFreedom)
    {
        if (double.IsNaN(x) || !(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), $"chi-square upper tail of {x} with {degreesOfFreedom} degrees of freedom is undefined");
        }

        return x <= 0 ? 1 : double.IsPositiveInfinity(x) ? 0 : Gamma.UpperRegularized(degreesOfFreedom / 2, x / 2);
    }
}

/// <summary>Log-gamma and the regularized incomplete gamma functions (Numerical Recipes' method, in log space so large arguments do not overflow).</summary>
public static class Gamma
{
    // Lanczos approximation, g = 7, 9 terms: about 15 significant digits for Re(z) > 0.5.
    private const double G = 7;

    private static readonly double[] Coefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    private const double Epsilon = 1e-15;

    // Far above what any argument up to 10^9 needs (the series and the fraction take a few times √a steps).
    private const int MaxIterations = 10_000_000;

    /// <summary>ln Γ(z) for z &gt; 0 (Lanczos; reflection below 0.5).</summary>
    public static double LogGamma(double z)
    {
        if (!(z > 0) || double.IsInfinity(z))
        {
            throw new ArgumentOutOfRangeException(nameof(z), $"log-gamma is computed for finite z > 0, not {z}");
        }

        if (z < 0.5)
        {
            // Γ(z) Γ(1 − z) = π / sin(πz); sin(πz) > 0 for 0 < z < 0.5.
            return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        }

        var x = z - 1;
        var sum = Coefficients[0];
        for (var i = 1; i < Coefficients.Length; i++)
        {
            sum += Coefficients[i] / (x + i);
        }

        var t = x + G + 0.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>
    /// Q(a, x) = Γ(a, x) / Γ(a), a &gt; 0, x ≥ 0: the series for P = 1 − Q when x &lt; a + 1 (where it converges fast),
    /// else Lentz's continued fraction for Q itself (so a tiny Q keeps its relative precision).
    /// </summary>
    public static double UpperRegularized(double a, double x)
    {
        Check(a, x);
        if (x == 0)
        {
            return 1;
        }

        return x < a + 1 ? 1 - LowerSeries(a, x) : UpperFraction(a, x);
    }

    /// <summary>P(a, x) = γ(a, x) / Γ(a) = 1 − Q(a, x).</summary>
    public static double LowerRegularized(double a, double x)
    {
        Check(a, x);
        if (x == 0)
        {
            return 0;
        }

        return x < a + 1 ? LowerSeries(a, x) : 1 - UpperFraction(a, x);
    }

    private static void Check(double a, double x)
    {
        if (!(a > 0) || double.IsInfinity(a) || !(x >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"the incomplete gamma function is computed for a > 0 and x ≥ 0, not a = {a}, x = {x}");
        }
    }

    /// <summary>e^(−x) x^a / Γ(a), in log space.</summary>
    private static double Prefactor(double a, double x) => Math.Exp(-x + a * Math.Log(x) - LogGamma(a));

    private static double LowerSeries(double a, double x)
    {
        var term = 1 / a;
        var sum = term;
        var ap = a;
        for (var n = 0; n < MaxIterations; n++)
        {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                return Math.Min(1, sum * Prefactor(a, x));
            }
        }

        throw new InvalidOperationException($"incomplete gamma series did not converge for a = {a}, x = {x}");
    }

    private static double UpperFraction(double a, double x)
    {
        const double tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny)
            {
                d = tiny;
            }

            c = b + an / c;
            if (Math.Abs(c) < tiny)
            {
                c = tiny;
            }

            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return Math.Max(0, Math.Min(1, h * Prefactor(a, x)));
            }
        }

        throw new InvalidOperationException($"incomplete gamma continued fraction did not converge for a = {a}, x = {x}");
    }
}
