using System.Globalization;
using System.Text.Json;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Domain.Tests.Plans;

/// <summary>
/// The directory's rows kept between builds (issue 22): brought up to date with the rows written since, they must give
/// the frames a fresh read of the same rows gives, byte for byte, whatever changed.
/// </summary>
public sealed class FrameDirectoryTests
{
    private static readonly string[] Categories = ["potash-kcl-gb6549", "lithium-carbonate", "cosmetics", "drug-tablet"];
    private static readonly string[] Regions = ["632801", "632802", "630100", "632800", "630102", "510100"];

    private static PlanVersion Plan(string[] categories, string[] regions, bool weighs = false) => new("QH-2026-01", 1, new PlanDefinition(
        2026, "青海省市场监督管理局", categories, regions,
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.A] = 0.03m, [RiskClass.B] = 0.05m, [RiskClass.C] = 0.2m, [RiskClass.D] = 0.61m }, true, [],
            IncludeAbnormalOperation: weighs, Weights: weighs ? new SamplingWeights(KeySupervision: 2m, TouristSite: 3m, AbnormalOperation: 2m) : null),
        1000, "0 0 9 1 1/2 ?", 6),
        DateTimeOffset.UnixEpoch, "sup");

    private static FrameDirectoryRow RandomRow(Random random, string uscc) => new(
        uscc,
        random.Next(20) == 0 ? null : Regions[random.Next(Regions.Length)],
        Categories.Where(_ => random.Next(3) == 0).DefaultIfEmpty(Categories[random.Next(Categories.Length)]).ToArray(),
        (RiskClass)random.Next(4), (EnterpriseStatus)random.Next(3), random.Next(5) == 0, random.Next(7) == 0);

    private static string NewCode(Random random) =>
        "91632800" + random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture) + random.Next().ToString("X7", CultureInfo.InvariantCulture);

    /// <summary>A directory read whole from these rows (in the order given, as a read of the table may give them).</summary>
    private static FrameDirectory Fresh(IEnumerable<FrameDirectoryRow> rows)
    {
        var part = new FrameDirectory();
        foreach (var row in rows)
        {
            part.Add(row);
        }

        return FrameDirectory.Sealed([part]);
    }

    /// <summary>The groups as the frame source made them by reading each row (before the cache): the reference.</summary>
    private static List<FrameGroup> ReadGroups(IEnumerable<FrameDirectoryRow> rows, PlanDefinition plan)
    {
        var regions = plan.Regions.ToHashSet(StringComparer.Ordinal);
        return rows.Where(r => !r.IsRemoved)
            .SelectMany(r => r.Categories.Where(plan.Categories.Contains).Select(c => (Row: r, Category: c, Prefecture: r.RegionCode!.Length == 6 ? r.RegionCode[..4] + "00" : r.RegionCode)))
            .Where(x => regions.Count == 0 || regions.Contains(x.Prefecture))
            .GroupBy(x => (x.Prefecture, x.Category, x.Row.RiskClass, x.Row.Status, x.Row.KeySupervision, x.Row.TouristSite))
            .Select(g => new FrameGroup(g.Key.Prefecture, g.Key.Category, g.Key.RiskClass, g.Key.Status,
                g.Select(x => x.Row.Uscc).Order(StringComparer.Ordinal).ToArray(), g.Key.KeySupervision, g.Key.TouristSite))
            .ToList();
    }

    private static string Json(Frames frames) => JsonSerializer.Serialize(frames);

    private static readonly PlanVersion[] Plans =
    [
        Plan(Categories, []),
        Plan(["lithium-carbonate", "cosmetics"], ["632800"]),
        Plan(["cosmetics", "drug-tablet", "potash-kcl-gb6549"], ["630100", "510100"], weighs: true),
    ];

    [Fact]
    public void Groups_give_the_frames_a_read_of_each_row_gives()
    {
        var random = new Random(24);
        var rows = Enumerable.Range(0, 4000).Select(_ => NewCode(random)).Distinct().Select(code => RandomRow(random, code)).ToArray();
        var directory = Fresh(rows);

        directory.Count.Should().Be(rows.Count(r => !r.IsRemoved), "rows without a region are in no frame");
        foreach (var plan in Plans)
        {
            Json(FrameBuilder.Build(plan, 1, directory.Groups(plan.Definition), [])).Should().Be(
                Json(FrameBuilder.Build(plan, 1, ReadGroups(rows, plan.Definition), [])), $"plan over {string.Join(",", plan.Definition.Categories)} in {string.Join(",", plan.Definition.Regions)}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Merged_changes_give_what_a_fresh_read_of_the_rows_gives(bool updatesOnly)
    {
        var random = new Random(updatesOnly ? 1 : 2);
        var rows = Enumerable.Range(0, 3000).Select(_ => NewCode(random)).Distinct().ToDictionary(code => code, code => RandomRow(random, code), StringComparer.Ordinal);
        var directory = Fresh(rows.Values);

        for (var round = 0; round < 4; round++)
        {
            var changes = new Dictionary<string, FrameDirectoryRow>(StringComparer.Ordinal);
            var present = rows.Values.Where(r => !r.IsRemoved).Select(r => r.Uscc).ToArray();
            // Category, region, status (out and back), class, flags: each an existing row written again.
            foreach (var code in present.Where(_ => random.Next(10) == 0))
            {
                var row = rows[code];
                changes[code] = random.Next(5) switch
                {
                    0 => row with { Categories = [Categories[random.Next(Categories.Length)]] },
                    1 => row with { RegionCode = Regions[random.Next(Regions.Length)] },
                    2 => row with { Status = row.Status == EnterpriseStatus.Active ? EnterpriseStatus.Deregistered : EnterpriseStatus.Active },
                    3 => row with { RiskClass = (RiskClass)random.Next(4) },
                    _ => row with { KeySupervision = !row.KeySupervision, TouristSite = random.Next(2) == 0 },
                };
            }

            if (!updatesOnly)
            {
                foreach (var code in present.Where(_ => random.Next(15) == 0))
                {
                    changes[code] = random.Next(2) == 0 ? FrameDirectoryRow.Removed(code) : rows[code] with { RegionCode = null };
                }

                foreach (var code in Enumerable.Range(0, 200).Select(_ => NewCode(random)).Where(c => !rows.ContainsKey(c)))
                {
                    changes[code] = RandomRow(random, code);
                }

                // Back from removed: in the directory again.
                foreach (var code in rows.Values.Where(r => r.IsRemoved && random.Next(3) == 0).Select(r => r.Uscc))
                {
                    changes[code] = RandomRow(random, code) with { RegionCode = Regions[0] };
                }
            }

            foreach (var (code, row) in changes)
            {
                rows[code] = row;
            }

            directory.Merge(changes.Values.ToArray());

            var fresh = Fresh(rows.Values);
            directory.Rows().Should().Equal(fresh.Rows(), (a, b) => a.Uscc == b.Uscc && a.RegionCode == b.RegionCode && a.Categories.SequenceEqual(b.Categories)
                && a.RiskClass == b.RiskClass && a.Status == b.Status && a.KeySupervision == b.KeySupervision && a.TouristSite == b.TouristSite, $"round {round}");
            foreach (var plan in Plans)
            {
                Json(FrameBuilder.Build(plan, 1, directory.Groups(plan.Definition), [])).Should().Be(
                    Json(FrameBuilder.Build(plan, 1, fresh.Groups(plan.Definition), [])), $"round {round}");
            }
        }
    }

    [Fact]
    public void Parts_read_out_of_order_are_sorted_and_a_code_twice_is_refused()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 500).Select(_ => NewCode(random)).Distinct().Select(code => RandomRow(random, code) with { RegionCode = "632801" }).ToArray();
        var (first, second) = (new FrameDirectory(), new FrameDirectory());
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            (i % 2 == 0 ? first : second).Add(row);
        }

        FrameDirectory.Sealed([first, second]).Rows().Select(r => r.Uscc).Should().Equal(rows.Select(r => r.Uscc).Order(StringComparer.Ordinal));

        var again = new FrameDirectory();
        again.Add(rows[0]);
        var sealing = () => FrameDirectory.Sealed([first, again]);
        sealing.Should().Throw<ArgumentException>().WithMessage($"*{rows[0].Uscc}*");
        var directory = FrameDirectory.Sealed([first]);
        var merging = () => directory.Merge([rows[1], rows[1] with { RiskClass = RiskClass.D }]);
        merging.Should().Throw<ArgumentException>().WithMessage($"*{rows[1].Uscc}*");
    }
}
