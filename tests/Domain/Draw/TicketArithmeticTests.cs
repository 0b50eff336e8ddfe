using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The fast ticket arithmetic (no BigInteger, no intermediate strings) against the spec's text, written the plain way:
/// the same strings for random and edge-case hashes, leads that order as the strings do, next_fraction unchanged.
/// </summary>
public sealed class TicketArithmeticTests
{
    /// <summary>draw/spec/draw-spec.md section 1 word for word: BigInteger, decimal text, pad, reverse.</summary>
    private static string ReferenceUniform(byte[] hash)
    {
        var digits = new BigInteger(hash, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture).PadLeft(64, '0').ToCharArray();
        Array.Reverse(digits);
        return "0." + new string(digits);
    }

    private static string ReferenceNextFraction(string x)
    {
        var x0 = x + "0";
        var p = 2;
        while (x0[p] == '9')
        {
            p++;
        }

        var i = 0;
        var y = "0.";
        while (string.CompareOrdinal(y, x0) <= 0)
        {
            i++;
            y = x0[..p] + ReferenceUniform(SHA256.HashData(Encoding.UTF8.GetBytes(x + ":" + i.ToString(CultureInfo.InvariantCulture))))[2..];
        }

        return y;
    }

    private static byte[] Big(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var hash = new byte[32];
        bytes.CopyTo(hash, 32 - bytes.Length);
        return hash;
    }

    private static IEnumerable<byte[]> Hashes()
    {
        var max = (BigInteger.One << 256) - 1;
        BigInteger[] edges =
        [
            0, 1, 9, 10, 999_999_999, 1_000_000_000, 1_000_000_001, uint.MaxValue, (BigInteger)uint.MaxValue + 1, ulong.MaxValue,
            BigInteger.Pow(10, 18), BigInteger.Pow(10, 18) - 1, BigInteger.Pow(10, 63), BigInteger.Pow(10, 63) - 1,
            BigInteger.Pow(10, 64), BigInteger.Pow(10, 64) - 1, BigInteger.Pow(10, 64) + 1, BigInteger.Pow(10, 72), BigInteger.Pow(10, 77), max, max - 1, max / 2,
        ];
        foreach (var edge in edges)
        {
            yield return Big(edge);
        }

        // Numbers with every length from 1 to 78 digits, and hashes.
        for (var length = 1; length <= 78; length++)
        {
            yield return Big(BigInteger.Min(BigInteger.Pow(10, length - 1) * 7 / 3, max));
        }

        for (var i = 0; i < 20_000; i++)
        {
            yield return SHA256.HashData(BitConverter.GetBytes(i));
        }
    }

    [Fact]
    public void Tickets_are_the_spec_text_for_random_and_edge_hashes()
    {
        Span<char> digits = stackalloc char[Uniform.MaxDigits];
        foreach (var hash in Hashes())
        {
            var expected = ReferenceUniform(hash);
            Uniform.Ticket(hash).Should().Be(expected, Convert.ToHexString(hash));
            var length = Uniform.Digits(hash, digits);
            ("0." + new string(digits[..length])).Should().Be(expected);
            Uniform.Lead(hash).Should().Be(ulong.Parse(expected.AsSpan(2, 18), CultureInfo.InvariantCulture), "the lead is the first 18 digits");
        }
    }

    [Fact]
    public void The_lead_counts_every_16_bit_piece_with_its_own_power_and_the_inverse_is_one()
    {
        // One piece at a time, all ones: a power written wrong changes that piece's lead and nothing else would show it.
        for (var j = 0; j < 16; j++)
        {
            var hash = Big((BigInteger)0xFFFF << (16 * j));
            Uniform.Lead(hash).Should().Be(ulong.Parse(ReferenceUniform(hash).AsSpan(2, 18), CultureInfo.InvariantCulture), $"piece {j}");
        }

        (Uniform.InverseOf5To18Mod2To18 * 3_814_697_265_625UL % (1UL << 18)).Should().Be(1UL);
    }

    [Fact]
    public void Leads_order_as_the_tickets_do_wherever_they_differ()
    {
        var hashes = Hashes().ToArray();
        for (var i = 1; i < hashes.Length; i++)
        {
            var (a, b) = (hashes[i - 1], hashes[i]);
            var byLead = Uniform.Lead(a).CompareTo(Uniform.Lead(b));
            if (byLead != 0)
            {
                Math.Sign(string.CompareOrdinal(Uniform.Ticket(a), Uniform.Ticket(b))).Should().Be(byLead);
            }
        }
    }

    [Fact]
    public void Tickets_of_ids_are_the_spec_text_for_any_id()
    {
        string[] ids = ["", "a", "ENT|91632800QH000001X|lithium-carbonate", "企业|九一", "\ud83d\ude00", "lone \ud800 surrogate", new string('x', 5000)];
        var seedHash = Tickets.Sha256Hex("seed");
        foreach (var id in ids)
        {
            var expected = ReferenceUniform(SHA256.HashData(Encoding.UTF8.GetBytes(seedHash + id)));
            Tickets.Ticket(id, "seed").Should().Be(expected, id);
            Tickets.Sha256Uniform(seedHash + id).Should().Be(expected, id);
        }
    }

    [Fact]
    public void Next_fraction_is_the_spec_text_along_chains_and_after_9s()
    {
        var tickets = new List<string> { "0.0", "0.9", "0.99", "0.999999999912", "0.5", "0.89999", "0.99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999991" };
        for (var i = 0; i < 300; i++)
        {
            tickets.Add(Tickets.Ticket(i.ToString(CultureInfo.InvariantCulture), "chains"));
        }

        foreach (var start in tickets)
        {
            var x = start;
            for (var generation = 0; generation < 6; generation++)
            {
                var next = Tickets.NextFraction(x);
                next.Should().Be(ReferenceNextFraction(x), x);
                x = next;
            }
        }
    }
}
