using Samples.Contracts.Directory;
using Samples.Contracts.Plans;
using Samples.Domain.Plans;

namespace Samples.Domain.Tests.Plans;

/// <summary>
/// The directory delivers each group in code order and the strata merge them (issue 22): the result must be what sorting
/// all members gives, whether the groups come sorted or not.
/// </summary>
public sealed class FrameMergeTests
{
    private static readonly PlanVersion Plan = new("QH-2026-01", 1, new PlanDefinition(
        2026, "青海省市场监督管理局", ["lithium-carbonate"], [],
        new QuotaRules(new Dictionary<RiskClass, decimal> { [RiskClass.B] = 0.05m }, false, []), 1000, "0 0 9 1 1/2 ?", 6),
        DateTimeOffset.UnixEpoch, "sup");

    /// <summary>Random codes of the USCC's length, some sharing long prefixes as real ones of one region do.</summary>
    private static string[] Codes(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => "91632800" + random.Next(0, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + random.Next().ToString("X7", System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToArray();

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void Groups_of_one_stratum_merge_into_the_order_a_sort_gives(bool sortedGroups, bool packedGroups)
    {
        var random = new Random(22);
        var codes = Codes(random, 3000);
        // Four groups of one stratum that differ only in what this plan does not weigh (status, key supervision, tourist site).
        var parts = codes.Select((code, i) => (code, part: i % 4)).GroupBy(p => p.part)
            .Select(g => sortedGroups ? g.Select(p => p.code).Order(StringComparer.Ordinal).ToArray() : g.Select(p => p.code).ToArray())
            .Select(p => packedGroups ? (IReadOnlyList<string>)new MemberCodes(p) : p)
            .ToArray();
        var includingAbnormal = Plan with { Definition = Plan.Definition with { Quotas = Plan.Definition.Quotas with { IncludeAbnormalOperation = true } } };
        FrameGroup[] groups =
        [
            new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, parts[0]),
            new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, parts[1], KeySupervision: true),
            new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, parts[2], TouristSite: true),
            new("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.AbnormalOperation, parts[3]),
        ];

        var frames = FrameBuilder.Build(includingAbnormal, 1, groups, []);

        var expected = codes.ToArray();
        Array.Sort(expected, StringComparer.Ordinal);
        frames.Strata.Should().ContainSingle().Which.Members.Should().Equal(expected);
    }

    /// <summary>
    /// Packed members (as the frame source gives them) read back as the strings they were and order as strings do, also
    /// when a code is not Latin-1 (the list widens) and when one code is a prefix of another.
    /// </summary>
    [Fact]
    public void Packed_members_read_back_and_order_as_strings()
    {
        string[] codes = ["91632800MA7XK3Q21B", "91632800", "9163280€MA7XK3Q21B", "91632800MA7XK3Q21", "Ω", "ÿ", "A"];
        var packed = new MemberCodes(codes);

        packed.Should().Equal(codes);
        var frames = FrameBuilder.Build(Plan, 1, [new FrameGroup("632800", "lithium-carbonate", RiskClass.B, EnterpriseStatus.Active, packed)], []);

        frames.Strata.Should().ContainSingle().Which.Members.Should().Equal(codes.Order(StringComparer.Ordinal));
        new MemberCodes(["b", "a"]).IsSorted().Should().BeFalse();
    }
}
