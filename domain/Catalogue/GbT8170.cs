using System.Globalization;
using System.Numerics;

namespace Samples.Domain.Catalogue;

/// <summary>
/// Rounding of GB/T 8170-2008 (数值修约规则), in exact decimal arithmetic. A value is rounded once, to
/// a multiple of the interval: a discarded part below half the interval is dropped, above half carries,
/// and exactly half (nothing but zeros after it) goes to the even multiple. Negative values are
/// rounded by their absolute value. The 0.5-unit and 0.2-unit roundings of the standard (2X or 5X
/// rounded to the unit, then halved or divided by 5) are rounding to an interval of 5 or 2 × 10ⁿ,
/// which this does directly.
/// </summary>
public static class GbT8170
{
    /// <summary>An interval is 1, 2 or 5 × 10ⁿ: 0.01, 0.1, 1, 10 (whole unit); 0.05, 0.5, 5 (0.5-unit); 0.02, 0.2, 2 (0.2-unit).</summary>
    public static bool IsValidInterval(decimal interval) => interval > 0 && Decompose(interval).Digit is 1 or 2 or 5;

    /// <summary>Rounds <paramref name="value"/> to a multiple of <paramref name="interval"/>, once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not 1, 2 or 5 × 10ⁿ.</exception>
    public static decimal Round(decimal value, decimal interval)
    {
        if (!IsValidInterval(interval))
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "a GB/T 8170 rounding interval is 1, 2 or 5 × 10ⁿ, e.g. 0.1, 0.5, 0.02");
        }

        var (digit, exponent) = Decompose(interval);
        var (mantissa, scale) = Split(value);
        var negative = mantissa.Sign < 0;
        var magnitude = BigInteger.Abs(mantissa);

        // value / interval = magnitude / (digit × 10^(scale + exponent)), as an exact fraction.
        var shift = scale + exponent;
        var numerator = shift < 0 ? magnitude * BigInteger.Pow(10, -shift) : magnitude;
        var denominator = digit * (shift > 0 ? BigInteger.Pow(10, shift) : BigInteger.One);

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        // Result = quotient × digit × 10^exponent, written with the interval's number of decimals.
        var units = quotient * digit;
        return exponent >= 0
            ? ToDecimal(units * BigInteger.Pow(10, exponent), 0, negative)
            : ToDecimal(units, -exponent, negative);
    }

    /// <summary>"0.1", "0.5 (0.5-unit)", "0.02 (0.2-unit)", "10".</summary>
    public static string DescribeInterval(decimal interval)
    {
        var text = interval.ToString(CultureInfo.InvariantCulture);
        return interval > 0 ? Decompose(interval).Digit switch
        {
            5 => $"{text} (0.5-unit)",
            2 => $"{text} (0.2-unit)",
            _ => text,
        } : text;
    }

    /// <summary>Whether <paramref name="value"/> is a whole multiple of <paramref name="interval"/>.</summary>
    public static bool IsMultipleOf(decimal value, decimal interval) => interval > 0 && value % interval == 0;

    /// <summary>interval = Digit × 10^Exponent with Digit free of trailing zeros.</summary>
    private static (int Digit, int Exponent) Decompose(decimal interval)
    {
        var (mantissa, scale) = Split(interval);
        var exponent = -scale;
        while (!mantissa.IsZero && (mantissa % 10).IsZero)
        {
            mantissa /= 10;
            exponent++;
        }

        return mantissa > 9 || mantissa < 0 ? (0, exponent) : ((int)mantissa, exponent);
    }

    private static (BigInteger Mantissa, int Scale) Split(decimal value)
    {
        var bits = decimal.GetBits(value);
        var magnitude = (new BigInteger((uint)bits[2]) << 64) | (new BigInteger((uint)bits[1]) << 32) | new BigInteger((uint)bits[0]);
        var scale = (bits[3] >> 16) & 0xFF;
        return (value < 0 ? -magnitude : magnitude, scale);
    }

    private static decimal ToDecimal(BigInteger magnitude, int scale, bool negative)
    {
        if (magnitude.GetBitLength() > 96)
        {
            throw new OverflowException("the rounded value does not fit in a decimal");
        }

        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, negative && !magnitude.IsZero, (byte)scale);
    }
}
