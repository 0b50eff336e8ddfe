using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Domain.Tests.Support;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// Joint draws (draw-spec §5.1): two departments, market regulation and drug administration, each known by its units;
/// every team holds a member of each. Single-department draws are unchanged, to the byte.
/// </summary>
public sealed class JointDrawTests
{
    public static readonly TeamDepartment Market = new("SAMR-QH", "青海省市场监督管理局", ["格尔木市局", "海西州局", "西宁市局"]);
    public static readonly TeamDepartment Drugs = new("NMPA-QH", "青海省药品监督管理局", ["海西药监分局", "省药监局"]);

    /// <summary>The fixture's eight inspectors (省局 is of neither department) and three of drug administration.</summary>
    public static CanonicalFrame<InspectorRow> Inspectors() => CanonicalFrames.Inspectors(
    [
        .. DrawFixture.Inspectors().Rows,
        new("INS|QH-0101", "省药监局", ["630100", "632800"], ["lithium-carbonate", "potash-kcl-gb6549"], 20),
        new("INS|QH-0102", "海西药监分局", ["632800"], ["lithium-carbonate"], 10),
        new("INS|QH-0103", "省药监局", ["630100"], ["potash-kcl-gb6549"], 10),
    ]);

    public static DrawRules Rules(params TeamDepartment[] departments) => DrawFixture.Rules() with
    {
        Teams = DrawFixture.Rules().Teams with { Departments = departments.Length == 0 ? [Market, Drugs] : departments },
    };

    public static DrawCeremony Ceremony(DrawRules? rules = null) => DrawFixture.Ceremony(rules: rules ?? Rules(), inspectors: Inspectors()) with { DrawId = "QH-2026-J01" };

    private static string? DepartmentOf(string unit) =>
        Market.Units.Contains(unit) ? Market.Id : Drugs.Units.Contains(unit) ? Drugs.Id : null;

    private static readonly Dictionary<string, string> UnitOf = Inspectors().Rows.ToDictionary(r => r.Id, r => r.Unit);

    [Fact]
    public void A_single_department_draw_is_unchanged_to_the_byte()
    {
        // Computed before joint draws existed: commitment and bundle hashes of the fixture's draws.
        var bundle = Bundles.Create(DrawFixture.Ceremony());
        var three = Bundles.Create(DrawFixture.Ceremony(rules: DrawFixture.Rules(3, false)));

        Seals.CommitmentSha256(bundle.Commitment).Should().Be("69b9d1c4730e5ac75daa88f6747a72485b8919830f5f470f4a08fd8f2e241a2c", "the commitment hashes as before");
        Seals.BundleSha256(bundle).Should().Be("84e7e2742dbff5f516772ce3cb2492a8bb884f0f61c1a8cee6154f4245a99631", "picks, teams and seals as before");
        Seals.CommitmentSha256(three.Commitment).Should().Be("4e51755a6e182742b05c102aed5bd6afcfeb299d5db17ace44bfe1ae2d03d35f", "teams of three, as before");
        Seals.BundleSha256(three).Should().Be("fb4a551e29712df164fc09de543efb5b45bcb6a8241c10dab7b560adf104915b", "teams of three, as before");
        bundle.ToJson().Should().NotContain("departments", "a draw that is not joint writes no departments at all");
    }

    [Fact]
    public void Every_team_of_a_two_department_draw_holds_both_departments()
    {
        var result = Drawing.Run(Bundles.Inputs(Ceremony())).Result;

        result.Teams.Should().NotBeEmpty();
        foreach (var team in result.Teams)
        {
            team.Status.Should().Be(TeamRule.Complete, $"the frame can staff {team.TargetId}");
            team.Members.Select(m => DepartmentOf(UnitOf[m])).Should().BeEquivalentTo([Market.Id, Drugs.Id], $"team of {team.TargetId}");
        }

        var skipped = result.Teams.SelectMany(t => t.Emissions).Where(e => e.Rule == TeamRule.DepartmentMissing).ToArray();
        skipped.Should().NotBeEmpty("a second market inspector (or one of no department) is skipped with the rule recorded");
        result.Teams.SelectMany(t => t.Emissions).Where(e => UnitOf[e.InspectorId] == "省局").Should().OnlyContain(
            e => !e.Accepted, "with two seats and two departments an inspector of neither department never finds a seat");
    }

    [Fact]
    public void The_department_rule_is_checked_after_the_others_and_only_when_seats_run_short()
    {
        var result = Drawing.Run(Bundles.Inputs(Ceremony(Rules() with { Teams = Rules().Teams with { Size = 3, ForbidSingleUnit = false } }))).Result;

        foreach (var team in result.Teams)
        {
            team.Members.Should().HaveCount(3);
            team.Members.Select(m => DepartmentOf(UnitOf[m])).Should().Contain([Market.Id, Drugs.Id], $"team of {team.TargetId}");
            foreach (var (emission, i) in team.Emissions.Select((e, i) => (e, i)).Where(x => x.e.Rule == TeamRule.DepartmentMissing))
            {
                var before = team.Emissions.Take(i).Where(e => e.Accepted).Select(e => DepartmentOf(UnitOf[e.InspectorId])).ToList();
                before.Should().HaveCount(2, "with three seats and two departments, only the last seat can be refused for a missing department");
                before.Append(DepartmentOf(UnitOf[emission.InspectorId])).Distinct().Where(d => d is not null).Should().HaveCountLessThan(2);
            }
        }
    }

    [Fact]
    public void A_replacement_of_a_departments_only_member_is_of_that_department()
    {
        var session = Drawing.Run(Bundles.Inputs(Ceremony()));
        var team = session.Result.Teams[0];
        var drug = team.Members.Single(m => DepartmentOf(UnitOf[m]) == Drugs.Id);

        var replacement = session.Replace(team.TargetId, drug, "declined");

        replacement.Replacer.Should().NotBeNull();
        DepartmentOf(UnitOf[replacement.Replacer!]).Should().Be(Drugs.Id, "the team would otherwise miss drug administration");
    }

    [Theory]
    [InlineData("overlap", "unit '海西州局' is in departments 'SAMR-QH' and 'NMPA-QH'")]
    [InlineData("empty-units", "department 'NMPA-QH' has no units (an inspector is of a department by his unit)")]
    [InlineData("too-many", "3 departments cannot each have a member on teams of 2")]
    [InlineData("none", "the joint draw's departments are empty (leave them out for a single department's draw)")]
    [InlineData("twice", "department 'SAMR-QH' is listed twice")]
    public void Departments_a_draw_cannot_be_made_under_are_refused(string what, string message)
    {
        TeamDepartment[] departments = what switch
        {
            "overlap" => [Market, Drugs with { Units = ["省药监局", "海西州局"] }],
            "empty-units" => [Market, Drugs with { Units = [] }],
            "too-many" => [Market, Drugs, new("ENV", "生态环境厅", ["环境局"])],
            "twice" => [Market, Market with { Units = ["其他局"] }],
            _ => [],
        };
        var rules = DrawFixture.Rules() with { Teams = DrawFixture.Rules().Teams with { Departments = departments } };

        var run = () => Drawing.Run(Bundles.Inputs(Ceremony(rules)));

        run.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void Staffing_names_a_department_without_a_member_or_short_of_capacity_in_a_pool()
    {
        InspectorRow[] rows =
        [
            new("INS|A", "海西州局", ["632800"], ["lithium-carbonate"], 9),
            new("INS|B", "格尔木市局", ["632800"], ["lithium-carbonate"], 9),
            new("INS|C", "省药监局", ["632800"], ["lithium-carbonate"], 1),
            new("INS|D", "西宁市局", ["630100"], ["potash-kcl-gb6549"], 9),
            new("INS|E", "省局", ["630100"], ["potash-kcl-gb6549"], 9),
        ];
        StratumQuota[] quotas = [new("632800|lithium-carbonate|B", 8, 3, 0, "fixed"), new("630100|potash-kcl-gb6549|B", 4, 2, 0, "fixed")];

        var report = Staffing.Of(rows, quotas, Rules().Teams);
        var plain = Staffing.Of(rows, quotas, DrawFixture.Rules().Teams);

        report.Pools.Single(p => p.Pool == "632800|lithium-carbonate").Problems.Should().Equal(["department NMPA-QH (青海省药品监督管理局): capacity for 1 of 3 teams"]);
        report.Pools.Single(p => p.Pool == "630100|potash-kcl-gb6549").Problems.Should().Equal(["no inspector of department NMPA-QH (青海省药品监督管理局)"]);
        plain.CanStaffEveryTeam.Should().BeTrue("without departments the same frame staffs every team");
    }

    [Fact]
    public void A_joint_bundle_verifies_and_names_its_departments()
    {
        var bundle = DrawBundle.FromJson(Bundles.Create(Ceremony()).ToJson());

        Verifier.Verify(bundle).Should().BeEmpty();
        bundle.Commitment.Rules.Teams.Departments.Should().BeEquivalentTo(new[] { Market, Drugs }, options => options.WithStrictOrdering());
        bundle.ToJson().Should().Contain("\"name\": \"青海省药品监督管理局\"", "the rule is in the bundle, Chinese as it is");
    }

    [Fact]
    public void A_tampered_department_list_or_team_breaks_verification()
    {
        var bundle = Bundles.Create(Ceremony());
        var dropped = bundle with
        {
            Commitment = bundle.Commitment with { Rules = bundle.Commitment.Rules with { Teams = bundle.Commitment.Rules.Teams with { Departments = [Market] } } },
        };
        var team = bundle.Teams[0];
        var swapped = bundle with { Teams = [team with { Members = [.. team.Members.Reverse()] }, .. bundle.Teams.Skip(1)] };
        var market = team.Members.Single(m => DepartmentOf(UnitOf[m]) == Market.Id);
        var twoMarket = bundle with { Teams = [team with { Members = [market, market == "INS|QH-0001" ? "INS|QH-0002" : "INS|QH-0001"] }, .. bundle.Teams.Skip(1)] };

        Verifier.Verify(dropped).Should().Contain(d => d.StartsWith("seal: the commitment changed after the draw", StringComparison.Ordinal))
            .And.Contain(d => d.StartsWith("team for ", StringComparison.Ordinal), "without the rule the teams come out otherwise");
        Verifier.Verify(swapped).Should().Contain($"team for {team.TargetId} members: bundle says {string.Join(", ", team.Members.Reverse())}, recomputed {string.Join(", ", team.Members)}");
        Verifier.Verify(twoMarket).Should().Contain(d => d.StartsWith($"team for {team.TargetId} members", StringComparison.Ordinal));
    }

    [Fact]
    public void The_published_joint_vectors_are_reproduced()
    {
        var path = Path.Combine(RepoPaths.DrawSpec, "vectors", "joint-draw-vectors.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var vector in root["draws"]!.AsArray())
        {
            var name = (string)vector!["name"]!;
            var published = DrawBundle.FromJson(vector["bundle"]!.ToJsonString());
            Verifier.Verify(published).Should().BeEmpty(name);
            Seals.CommitmentSha256(published.Commitment).Should().Be((string)vector["commitmentSha256"]!, name);
            Seals.BundleSha256(published).Should().Be((string)vector["bundleSha256"]!, name);

            // Drawn again from its inputs alone: the same picks, teams (every emission), positions and replacements.
            var redrawn = Bundles.Create(CeremonyOf(published), afterDraw: s => Supplements.Replay(s, published));
            redrawn.ToJson().Should().Be(published.ToJson(), name);
            foreach (var team in published.Teams.Where(t => t.Status == TeamRule.Complete))
            {
                var units = team.Members.Select(m => CanonicalFrames.ParseInspectors(published.Frames.Inspectors!).Rows.Single(r => r.Id == m).Unit).ToArray();
                foreach (var department in published.Commitment.Rules.Teams.Departments!)
                {
                    units.Should().Contain(u => department.Units.Contains(u), $"{name}: team of {team.TargetId} holds {department.Name}");
                }
            }

            var expected = vector["teams"]!.AsArray().Select(t => $"{t!["targetId"]}: {string.Join(", ", t["members"]!.AsArray().Select(m => (string)m!))} ({t["status"]})");
            published.Teams.Select(t => $"{t.TargetId}: {string.Join(", ", t.Members)} ({t.Status})").Should().Equal(expected, name);
        }
    }

    /// <summary>The ceremony a bundle's commitment and reveal describe (frames inline).</summary>
    private static DrawCeremony CeremonyOf(DrawBundle b) => new(
        b.Commitment.DrawId,
        CanonicalFrames.ParseTargets(b.Frames.Targets!),
        CanonicalFrames.ParseInspectors(b.Frames.Inspectors!),
        CanonicalFrames.ParseExclusions(b.Frames.Exclusions!),
        b.Commitment.Rules,
        b.Commitment.Conflicts,
        b.Commitment.Inspections,
        b.Commitment.DrawDate,
        b.Commitment.CommittedAt,
        b.Commitment.EntropyDeadline,
        b.Contributions,
        b.Nonce,
        b.RevealedAt,
        b.Commitment.Beacon,
        b.Commitment.Staffing);

    /// <summary>Writes draw/spec/vectors/joint-draw-vectors.json (SAMPLES_WRITE_JOINT_VECTORS=1): run once when the spec changes.</summary>
    [Fact]
    public void Write_the_joint_vectors_when_asked()
    {
        if (Environment.GetEnvironmentVariable("SAMPLES_WRITE_JOINT_VECTORS") != "1")
        {
            return;
        }

        var bundle = Bundles.Create(Ceremony(), afterDraw: s =>
        {
            var team = s.Result.Teams[0];
            s.Replace(team.TargetId, team.Members.Single(m => DepartmentOf(UnitOf[m]) == Drugs.Id), "declined");
        });
        var vector = new JsonObject
        {
            ["name"] = "two departments, teams of 2, one replacement of the drug administration's member",
            ["commitmentSha256"] = Seals.CommitmentSha256(bundle.Commitment),
            ["bundleSha256"] = Seals.BundleSha256(bundle),
            ["teams"] = new JsonArray([.. bundle.Teams.Select(t => new JsonObject
            {
                ["targetId"] = t.TargetId,
                ["members"] = new JsonArray([.. t.Members.Select(m => (JsonNode)m)]),
                ["status"] = t.Status,
            })]),
            ["bundle"] = JsonNode.Parse(bundle.ToJson()),
        };
        var root = new JsonObject
        {
            ["description"] = "Joint draws (draw-spec.md §5.1): every team holds a member of each department in rules.teams.departments. "
                + "Each vector is a whole bundle (frames inline) with its commitment and bundle hashes and the teams it must give.",
            ["draws"] = new JsonArray(vector),
        };
        File.WriteAllText(Path.Combine(RepoPaths.DrawSpec, "vectors", "joint-draw-vectors.json"), root.ToJsonString(DrawBundle.Json) + "\n");
    }
}
