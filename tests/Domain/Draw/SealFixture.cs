using System.Security.Cryptography;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>v2 bundles of every kind the format has: plain, joint, supplemented, with a beacon, with a staffing shortfall.</summary>
public static class SealFixture
{
    public static DrawBundle Plain() => Bundles.Create(V2(DrawFixture.Ceremony()));

    public static DrawBundle Joint() => Bundles.Create(V2(JointDrawTests.Ceremony()));

    /// <summary>A replacement of a declined inspector, then an alternate used for a closed target.</summary>
    public static DrawBundle Supplemented() => Bundles.Create(
        V2(DrawFixture.Ceremony()),
        afterDraw: s =>
        {
            var teams = s.Result.Teams;
            s.Replace(teams[0].TargetId, teams[0].Members[0], "declined (回避)");
            s.UseAlternate(teams[1].TargetId, "closed (停业)");
        });

    public static DrawBundle Beacon()
    {
        var plain = V2(DrawFixture.Ceremony());
        var beacon = Beacons.Choose("quicknet", null, plain.CommittedAt, plain.EntropyDeadline).Round!;
        var randomness = Convert.ToHexStringLower(SHA256.HashData([1, 2, 3]));
        return Bundles.Create(plain with
        {
            Beacon = beacon,
            Contributions = [new("witness 王监督", "王监督:7781", DrawFixture.Committed.AddMinutes(10)), new(beacon.Source, randomness, beacon.EmittedAt.AddSeconds(20))],
        });
    }

    /// <summary>Inspectors of capacity 1: some teams short, allowed by the commitment, one completed after the draw.</summary>
    public static DrawBundle Shortfall()
    {
        var inspectors = CanonicalFrames.Inspectors([.. DrawFixture.Inspectors().Rows.Select(r => r with { Capacity = Math.Min(r.Capacity, 1) })]);
        var plain = V2(DrawFixture.Ceremony(inspectors: inspectors));
        var report = Staffing.Of(inspectors.Rows, Bundles.QuotasOf(plain.Targets, plain.Rules.Quotas), plain.Rules.Teams);
        var ceremony = plain with { Staffing = new(StaffingShortfall.AllowShortTeams, report.ShortPools) };
        var shortTeam = Bundles.Create(ceremony).Teams.First(t => t.Members.Count < 2);
        return Bundles.Create(ceremony, afterDraw: session => session.Complete(shortTeam.TargetId, "短缺补足 team short at the draw"));
    }

    /// <summary>Ratios written 0.20 and 0.050 (decimals keep their scale in the bundle's JSON): what a re-encoder shortens.</summary>
    public static DrawBundle Decimals() => Bundles.Create(V2(DrawFixture.Ceremony(rules: DrawFixture.Rules() with
    {
        Quotas = DrawFixture.Rules().Quotas with { Ratios = [new("A", 0.050m), new("B", 0.20m), new("C", 0.50m)] },
    })));

    public static IEnumerable<(string Name, DrawBundle Bundle)> All() =>
    [
        ("plain", Plain()), ("joint", Joint()), ("supplemented", Supplemented()), ("beacon", Beacon()), ("shortfall", Shortfall()), ("decimals", Decimals()),
    ];

    public static DrawCeremony V2(DrawCeremony c) => c with { Format = DrawBundle.FormatV2 };
}
