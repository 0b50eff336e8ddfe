using Samples.Contracts.Directory;
using Samples.Domain.Demo;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Demo;

public sealed class DemoDataGeneratorTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_data()
    {
        var a = new DemoDataGenerator(7).Enterprises(200, AsOf).Select(e => (e.Uscc, e.Name, e.RiskClass, string.Join('|', e.Categories)));
        var b = new DemoDataGenerator(7).Enterprises(200, AsOf).Select(e => (e.Uscc, e.Name, e.RiskClass, string.Join('|', e.Categories)));

        a.Should().Equal(b);
    }

    [Fact]
    public void Codes_are_valid_and_unique_and_names_say_they_are_examples()
    {
        var enterprises = new DemoDataGenerator().Enterprises(20_000, AsOf).ToList();

        enterprises.Should().OnlyContain(e => Uscc.Validate(e.Uscc).IsValid && e.Name.Contains("示例"));
        enterprises.Select(e => e.Uscc).Should().OnlyHaveUniqueItems();
        enterprises.Should().Contain(e => e.RegionCode == "632800" && e.Categories.Contains(DemoDataGenerator.Lithium) && e.Kind == EnterpriseKind.Producer);
        enterprises.Should().Contain(e => e.RegionCode == "630100" && e.Categories.Contains(DemoDataGenerator.PvModule));
        enterprises.Should().Contain(e => e.RegionCode == "632700" && e.Kind == EnterpriseKind.TouristSiteRetailer);
        enterprises.Select(e => e.RegionCode).Distinct().Should().HaveCount(8, "all eight prefectures have enterprises");
        enterprises.Count(e => e.RiskClass == RiskClass.D).Should().BeInRange(600, 1400, "about 5 % are class D");
    }

    [Fact]
    public void Inspectors_and_labs_pass_the_directory_rules()
    {
        var inspectors = new DemoDataGenerator().Inspectors(150);

        inspectors.Select(i => i.Number).Should().OnlyHaveUniqueItems();
        inspectors.Should().OnlyContain(i => InspectorRules.Define(new InspectorState(), i.Number, i).Problems.Count == 0);
        DemoDataGenerator.Labs().Should().HaveCountGreaterThanOrEqualTo(3).And.Contain(l => l.MayRetest);
    }
}
