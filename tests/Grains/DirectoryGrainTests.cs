using Samples.Contracts.Directory;
using Samples.Domain.Tests.Plans;
using Samples.Silo.Api;

namespace Samples.Tests.Grains;

[Collection(GrainCluster.Name)]
public sealed class DirectoryGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task An_inspector_appears_in_the_registry_with_its_latest_entry()
    {
        var number = "T-" + Guid.NewGuid().ToString("N")[..10];
        var grain = fixture.Grains.GetGrain<IInspectorGrain>(number);

        await grain.DefineAsync(new DefineInspector(number, "韩梅", "西宁市市场监督管理局", "630100", ["pv-module-csi"], false, 4, "sup"));
        await grain.DefineAsync(new DefineInspector(number, "韩梅", "西宁市市场监督管理局", "630100", ["pv-module-csi"], true, 4, "sup"));

        var listed = (await fixture.Grains.GetGrain<IInspectorRegistryGrain>(IInspectorRegistryGrain.Key).ListAsync())
            .Single(i => i.Number == number);
        listed.OnLeave.Should().BeTrue("the registry holds the newest definition");
        listed.History.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_conflict_for_an_unknown_inspector_is_refused()
    {
        var result = await fixture.Grains.GetGrain<IInspectorGrain>("NOBODY-" + Guid.NewGuid().ToString("N")[..8])
            .DeclareConflictAsync(new DeclareConflict("91350100M000100Y43", "亲属", "sup"));

        result.Problems.Should().ContainSingle().Which.Field.Should().Be("number");
    }

    [Fact]
    public async Task A_lab_appears_in_the_registry()
    {
        var id = "LAB-" + Guid.NewGuid().ToString("N")[..8];

        await fixture.Grains.GetGrain<ILabGrain>(id).DefineAsync(new DefineLab(id, "海西州检验检测中心", ["lithium-carbonate"], ["li2co3"], false, "admin"));

        (await fixture.Grains.GetGrain<ILabRegistryGrain>(ILabRegistryGrain.Key).ListAsync()).Should().Contain(l => l.Id == id && !l.MayRetest);
    }
}

[Collection(GrainCluster.Name)]
public sealed class PlanGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_changed_definition_is_a_new_version_and_old_versions_stay()
    {
        var plan = fixture.Grains.GetGrain<Samples.Contracts.Plans.IPlanGrain>("P-" + Guid.NewGuid().ToString("N")[..8]);

        var first = await plan.DefineAsync(Samples.Domain.Tests.Plans.PlanRulesTests.Valid(), "sup");
        var same = await plan.DefineAsync(Samples.Domain.Tests.Plans.PlanRulesTests.Valid(), "sup");
        var second = await plan.DefineAsync(Samples.Domain.Tests.Plans.PlanRulesTests.Valid() with { GoalBatches = 1200 }, "sup2");

        first.Plan!.Version.Should().Be(1);
        same.Changed.Should().BeFalse();
        second.Plan!.Version.Should().Be(2);
        (await plan.GetAsync(1))!.Definition.GoalBatches.Should().Be(1000, "a drawn round keeps the version it used");
        (await plan.GetAsync())!.Definition.GoalBatches.Should().Be(1200);
        (await plan.HistoryAsync()).Select(v => v.SavedBy).Should().Equal("sup", "sup2");
    }
}

[Collection(GrainCluster.Name)]
public sealed class CatalogueGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task An_uploaded_version_comes_into_force_on_its_effective_date()
    {
        var catalogue = fixture.Grains.GetGrain<Samples.Contracts.Catalogue.ICatalogueGrain>("catalogue-" + Guid.NewGuid().ToString("N")[..8]);
        var document = System.Text.Json.Nodes.JsonNode.Parse((await catalogue.GetJsonAsync(null))!)!;
        var inForce = document["version"]!.GetValue<int>();
        document["version"] = inForce + 1;
        document["effectiveDate"] = "2099-01-01";
        var categories = document["categories"]!.AsArray();
        categories.RemoveAt(categories.Count - 1);

        var upload = await catalogue.UploadAsync(document.ToJsonString(), "admin");
        var versions = await catalogue.VersionsAsync();

        upload.Version.Should().Be(inForce + 1, string.Join("; ", upload.Problems));
        versions.Single(v => v.InForce).Version.Should().Be(inForce, "the new version's effective date has not come");
        (await catalogue.CategoryCodesAsync()).Should().HaveCount(7, "the version in force still has every category");
        (await catalogue.UploadAsync(document.ToJsonString(), "admin")).Problems.Should().ContainSingle()
            .Which.Should().Contain("is not above the newest version known", "versions are never replaced");
    }
}
