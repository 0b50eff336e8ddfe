using System.Globalization;
using System.Text;
using Samples.Draw;

namespace Samples.Bench.DrawBench;

/// <summary>A small deterministic generator (SplitMix64): the same numbers on every machine and .NET version.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n) => (int)(Next() % (ulong)n);

    /// <summary>An index drawn with the given weights (they need not sum to 1).</summary>
    public int Weighted(double[] weights)
    {
        var x = NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length - 1; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}

/// <summary>
/// The benchmark's synthetic province: 8 prefecture-level regions × 7 product categories × 4 risk classes (224 strata),
/// enterprises with USCC-like codes (GB 32100 check character), inspectors in units per region.
/// </summary>
internal static class Synthetic
{
    public static readonly string[] Regions = ["630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800"];

    private static readonly double[] RegionWeights = [0.30, 0.16, 0.06, 0.07, 0.08, 0.05, 0.04, 0.24];

    public static readonly string[] Categories =
        ["potash-kcl-gb6549", "potash-kcl-gb-t37918", "lithium-carbonate", "pv-module-csi", "cosmetics", "medical-mask-disposable", "drug-tablet"];

    private static readonly double[] CategoryWeights = [0.10, 0.08, 0.12, 0.10, 0.25, 0.15, 0.20];

    public static readonly string[] Classes = ["A", "B", "C", "D"];

    private static readonly double[] ClassWeights = [0.10, 0.30, 0.45, 0.15];

    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>The 224 stratum keys, one shared string each.</summary>
    private static readonly string[,,] Strata = BuildStrata();

    /// <summary>
    /// An 18-character USCC-like code: "91" (enterprise), the 6-digit region code, a 9-digit organisation code unique per
    /// <paramref name="index"/> (a bijection of 0..10^9), and the GB 32100 check character.
    /// </summary>
    public static string Uscc(string region, long index)
    {
        return UsccWithOrg(region, ((index * 7919) + 12345) % 1_000_000_000);
    }

    /// <summary>The USCC-like code with this 9-digit organisation code (below 10^9) and its check character.</summary>
    public static string UsccWithOrg(string region, long org)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"91{region}{org:D9}");
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += UsccAlphabet.IndexOf(body[i], StringComparison.Ordinal) * UsccWeights[i];
        }

        var check = (31 - (sum % 31)) % 31;
        return body + UsccAlphabet[check];
    }

    /// <summary>
    /// A canonical target frame FILE of <paramref name="count"/> members, written as it is generated (nothing held): regions in
    /// ascending code order, each with its share of the members by the region weights, organisation codes 0, 1, 2 … within a
    /// region, so the ids come out ascending (ordinal) without sorting; category and risk class drawn per member. Returns the bytes written.
    /// </summary>
    public static long WriteTargetFrame(string path, long count, SplitMix64 random)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new StreamWriter(file, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        writer.Write(CanonicalFrames.TargetHeader);
        writer.Write('\n');
        var written = 0L;
        for (var region = 0; region < Regions.Length; region++)
        {
            var share = region == Regions.Length - 1 ? count - written : (long)(count * RegionWeights[region] / RegionWeights.Sum());
            for (var org = 0L; org < share; org++)
            {
                var category = random.Weighted(CategoryWeights);
                writer.Write("ENT|");
                writer.Write(UsccWithOrg(Regions[region], org));
                writer.Write('|');
                writer.Write(Categories[category]);
                writer.Write(',');
                writer.Write(Strata[region, category, random.Weighted(ClassWeights)]);
                writer.Write('\n');
            }

            written += share;
        }

        writer.Flush();
        return file.Length;
    }

    public static List<TargetRow> Targets(int count, SplitMix64 random)
    {
        var rows = new List<TargetRow>(count);
        for (var i = 0; i < count; i++)
        {
            var region = random.Weighted(RegionWeights);
            var category = random.Weighted(CategoryWeights);
            var riskClass = random.Weighted(ClassWeights);
            rows.Add(new TargetRow($"ENT|{Uscc(Regions[region], i)}|{Categories[category]}", Strata[region, category, riskClass]));
        }

        return rows;
    }

    /// <summary>Inspectors live where the enterprises are: home region by the same weights, 8 units per region, 30 % also cover a second region.</summary>
    public static List<InspectorRow> Inspectors(int count, SplitMix64 random)
    {
        var rows = new List<InspectorRow>(count);
        for (var i = 0; i < count; i++)
        {
            var home = random.Weighted(RegionWeights);
            var regions = new List<string> { Regions[home] };
            if (random.NextDouble() < 0.3)
            {
                regions.Add(Regions[random.Weighted(RegionWeights)]);
            }

            var qualifications = new HashSet<string>(StringComparer.Ordinal);
            var wanted = 2 + random.Below(3);
            while (qualifications.Count < wanted)
            {
                qualifications.Add(Categories[random.Weighted(CategoryWeights)]);
            }

            rows.Add(new InspectorRow(
                string.Create(CultureInfo.InvariantCulture, $"INS|QH-{i:D5}"),
                string.Create(CultureInfo.InvariantCulture, $"{Regions[home]}-unit-{random.Below(8)}"),
                regions,
                [.. qualifications],
                20 + random.Below(41)));
        }

        return rows;
    }

    /// <summary>Deregistered enterprises (ids outside the frame) and inspectors on leave (ids above the frame's).</summary>
    public static List<ExclusionRow> Exclusions(int enterprises, int inspectors, SplitMix64 random)
    {
        var rows = new List<ExclusionRow>();
        for (var i = 0; i < 3000; i++)
        {
            var region = Regions[random.Weighted(RegionWeights)];
            rows.Add(new ExclusionRow($"ENT|{Uscc(region, enterprises + i)}|{Categories[random.Weighted(CategoryWeights)]}", i % 3 == 0 ? "under-investigation" : "deregistered"));
        }

        for (var i = 0; i < 50; i++)
        {
            rows.Add(new ExclusionRow(string.Create(CultureInfo.InvariantCulture, $"INS|QH-{inspectors + i:D5}"), "on-leave"));
        }

        return rows;
    }

    /// <summary>Declared conflicts and past inspections naming real enterprises of the frame (by USCC).</summary>
    public static (List<DeclaredConflict> Conflicts, List<PastInspection> Inspections) Recusals(
        IReadOnlyList<TargetRow> targets, IReadOnlyList<InspectorRow> inspectors, DateOnly drawDate, SplitMix64 random)
    {
        // As many as at 1,000,000 targets (2,000 and 20,000), fewer for a small frame: a tiny bundle then measures start-up.
        var conflicts = new List<DeclaredConflict>();
        for (var i = 0; i < Math.Min(2000, targets.Count / 500); i++)
        {
            conflicts.Add(new DeclaredConflict(inspectors[random.Below(inspectors.Count)].Id, Drawing.EnterpriseOf(targets[random.Below(targets.Count)].Id), "亲属任职"));
        }

        var inspections = new List<PastInspection>();
        for (var i = 0; i < Math.Min(20000, targets.Count / 50); i++)
        {
            inspections.Add(new PastInspection(
                inspectors[random.Below(inspectors.Count)].Id, Drawing.EnterpriseOf(targets[random.Below(targets.Count)].Id), drawDate.AddDays(-random.Below(365))));
        }

        return (conflicts, inspections);
    }

    private static string[,,] BuildStrata()
    {
        var strata = new string[Regions.Length, Categories.Length, Classes.Length];
        for (var r = 0; r < Regions.Length; r++)
        {
            for (var c = 0; c < Categories.Length; c++)
            {
                for (var k = 0; k < Classes.Length; k++)
                {
                    strata[r, c, k] = new StringBuilder(Regions[r]).Append('|').Append(Categories[c]).Append('|').Append(Classes[k]).ToString();
                }
            }
        }

        return strata;
    }
}
