using Samples.Contracts.Directory;
using Samples.Domain.Tests.Support;
using Samples.Silo.Api;

namespace Samples.Tests.Grains;

[Collection(GrainCluster.Name)]
public sealed class EnterpriseGrainTests(GrainClusterFixture fixture)
{
    private const string WrongCheck = "91350100M000100Y42";

    private static RegisterEnterprise Register(string uscc, string name = "西宁示例光伏科技有限公司", string? reason = null) =>
        new(uscc, name, "西宁市城北区", "630100", reason, "supervisor-1 (k1)");

    /// <summary>A valid code no other test uses: random organisation part, both check characters computed.</summary>
    private static string FreshCode() => Samples.Domain.Tests.Support.Codes.NewUscc();

    [Fact]
    public async Task A_direct_grain_call_cannot_skip_the_region_and_catalogue_checks_the_api_applies()
    {
        var uscc = FreshCode();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);

        var result = await grain.RegisterAsync(new RegisterEnterprise(uscc, "示例企业", null, "630000", null, "script") { Categories = ["no-such-category"] });

        result.Status.Should().Be(EnterpriseRegistrationStatus.Invalid);
        result.Problems.Select(p => p.Field).Should().BeEquivalentTo("regionCode", "categories");
        (await grain.GetAsync()).Should().BeNull("nothing was stored");
        var number = "DIRECT-" + uscc[^6..];
        var inspector = await fixture.Grains.GetGrain<IInspectorGrain>(number).DefineAsync(
            new DefineInspector(number, "省局检查员", "青海省市场监督管理局", "630000", ["lithium-carbonate", "no-such-category"], false, 3, "script"));
        inspector.Problems.Should().ContainSingle(p => p.Field == "qualifiedCategories", "a provincial inspector may cover the province; an unknown category is refused");
    }

    [Fact]
    public async Task Registering_stores_the_enterprise_with_who_and_when()
    {
        var uscc = FreshCode();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);

        var result = await grain.RegisterAsync(Register(uscc));

        result.Status.Should().Be(EnterpriseRegistrationStatus.Registered);
        var view = await grain.GetAsync();
        view!.Name.Should().Be("西宁示例光伏科技有限公司");
        view.RegionCode.Should().Be("630100");
        view.RegisteredBy.Should().Be("supervisor-1 (k1)");
        view.RegisteredAt.Should().Be(fixture.Clock.GetUtcNow());
        view.History.Should().ContainSingle().Which.What.Should().Be("registered");
    }

    [Fact]
    public async Task State_survives_deactivation()
    {
        var uscc = FreshCode();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);
        await grain.RegisterAsync(Register(uscc));

        await fixture.Cluster.DeactivateAsync(grain);

        (await grain.GetAsync())!.Name.Should().Be("西宁示例光伏科技有限公司", "the state was written before the call returned");
    }

    [Fact]
    public async Task Registering_the_same_data_twice_is_idempotent_and_different_data_conflicts()
    {
        var uscc = FreshCode();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);
        var first = await grain.RegisterAsync(Register(uscc));

        var again = await grain.RegisterAsync(Register(uscc));
        var different = await grain.RegisterAsync(Register(uscc, name: "另一家公司"));

        again.Status.Should().Be(EnterpriseRegistrationStatus.AlreadyRegistered);
        again.Enterprise.Should().BeEquivalentTo(first.Enterprise);
        different.Status.Should().Be(EnterpriseRegistrationStatus.Conflict);
        (await grain.GetAsync())!.History.Should().HaveCount(1, "neither repeat changed anything");
    }

    [Fact]
    public async Task An_invalid_request_changes_nothing()
    {
        var uscc = FreshCode();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);

        var result = await grain.RegisterAsync(Register(uscc, name: ""));

        result.Status.Should().Be(EnterpriseRegistrationStatus.Invalid);
        result.Problems.Should().ContainSingle().Which.Field.Should().Be("name");
        (await grain.GetAsync()).Should().BeNull();
    }

    [Fact]
    public async Task An_override_records_reason_approver_and_the_problem_overridden()
    {
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(WrongCheck);

        var result = await grain.RegisterAsync(Register(WrongCheck, reason: "Early pilot code, confirmed with the registry on 2026-03-01"));

        result.Status.Should().Be(EnterpriseRegistrationStatus.Registered);
        var over = result.Enterprise!.UsccOverride!;
        over.Reason.Should().Be("Early pilot code, confirmed with the registry on 2026-03-01");
        over.ApprovedBy.Should().Be("supervisor-1 (k1)");
        over.ValidationProblem.Should().Be("position 18: check character is '2', expected '3'");
        result.Enterprise.History.Single().What.Should().Contain("override");
    }
}

[Collection(GrainCluster.Name)]
public sealed class EnterpriseChangeGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task Update_status_and_risk_class_are_each_kept_in_the_history()
    {
        var uscc = Samples.Domain.Tests.Support.Codes.NewUscc();
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(uscc);
        await grain.RegisterAsync(new RegisterEnterprise(uscc, "海北示例景区药店", null, "632200", null, "sup") { Kind = EnterpriseKind.TouristSiteRetailer });

        var updated = await grain.UpdateAsync(new UpdateEnterprise("sup2", Address: "门源县"));
        var status = await grain.ChangeStatusAsync(new ChangeEnterpriseStatus(EnterpriseStatus.AbnormalOperation, "列入经营异常名录", "sup2"));
        var risk = await grain.SetRiskClassAsync(new SetRiskClass("2026-03", RiskClass.C, "sup2"));
        var again = await grain.ChangeStatusAsync(new ChangeEnterpriseStatus(EnterpriseStatus.AbnormalOperation, "again, same status", "sup2"));

        updated.Status.Should().Be(EnterpriseChangeStatus.Changed);
        status.Status.Should().Be(EnterpriseChangeStatus.Changed);
        risk.Status.Should().Be(EnterpriseChangeStatus.Changed);
        again.Status.Should().Be(EnterpriseChangeStatus.Unchanged);
        await fixture.Cluster.DeactivateAsync(grain);
        var view = (await grain.GetAsync())!;
        view.Status.Should().Be(EnterpriseStatus.AbnormalOperation);
        view.RiskClass.Should().Be(RiskClass.C);
        view.History.Select(h => h.What).Should().Equal(
            "registered",
            "updated address: '-' → '门源县'",
            "status Active → AbnormalOperation: 列入经营异常名录",
            "risk class for 2026-03: C (in force: B → C)");
    }

    [Fact]
    public async Task Changing_an_unregistered_enterprise_says_so()
    {
        var grain = fixture.Grains.GetGrain<IEnterpriseGrain>(Samples.Domain.Tests.Support.Codes.NewUscc());

        var result = await grain.UpdateAsync(new UpdateEnterprise("sup", Name: "x"));

        result.Status.Should().Be(EnterpriseChangeStatus.NotRegistered);
    }
}
