using System.Text.Json.Nodes;
using Json.Schema;
using Samples.Domain.Tests.Support;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>draw/spec/bundle.schema.json (draft 2020-12) describes every v2 bundle the draw makes, and nothing more.</summary>
public sealed class BundleSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(RepoPaths.DrawSpec, "bundle.schema.json")));

    private static EvaluationResults Evaluate(JsonNode bundle) =>
        Schema.Evaluate(bundle, new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static string Errors(EvaluationResults results) => string.Join("; ", results.Details
        .Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    [Fact]
    public void Every_kind_of_generated_bundle_is_valid()
    {
        var paced = DrawFixture.Rules() with
        {
            Quotas = DrawFixture.Rules().Quotas with
            {
                Weights = [new("h", 2m)],
                Pacing = new(100, 10, 5, 3, 40, 2, 0.1m, 30, [new("630100|potash-kcl-gb6549|C", 3)]),
            },
        };
        var rules = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(paced, DrawBundle.Json))!;
        rules["quotas"]!["weights"].Should().NotBeNull("the paced, weighted rule set below has every optional member");
        rules["quotas"]!["pacing"].Should().NotBeNull();

        foreach (var (name, bundle) in SealFixture.All())
        {
            var results = Evaluate(JsonNode.Parse(bundle.ToJson())!);
            results.IsValid.Should().BeTrue($"{name}: {Errors(results)}");
        }

        // The optional members of the rules (pacing, weights) and frames by hash only (null).
        var plain = JsonNode.Parse(SealFixture.Plain().ToJson())!;
        plain["commitment"]!["rules"] = rules;
        plain["frames"]!["targets"] = null;
        var optional = Evaluate(plain);
        optional.IsValid.Should().BeTrue(Errors(optional));
    }

    [Fact]
    public void The_generated_bundles_use_every_optional_member_the_schema_names()
    {
        var texts = string.Concat(SealFixture.All().Select(b => b.Bundle.ToJson()));
        foreach (var member in new[] { "\"beacon\"", "\"staffing\"", "\"departments\"", "\"replacements\": [\n", "\"alternateUses\": [\n", "\"withdrawn\": \"\"" })
        {
            texts.Should().Contain(member, "the bundles the schema is checked against have it");
        }
    }

    [Theory]
    [InlineData("", "surprise")]
    [InlineData("commitment", "surprise")]
    [InlineData("commitment.rules.teams", "surprise")]
    [InlineData("picks.0", "surprise")]
    [InlineData("teams.0.emissions.0", "surprise")]
    [InlineData("seals", "surprise")]
    [InlineData("commitment.beacon", "surprise")]
    public void An_unknown_member_fails(string at, string member)
    {
        var bundle = JsonNode.Parse(SealFixture.Beacon().ToJson())!;
        At(bundle, at).AsObject()[member] = 1;
        Evaluate(bundle).IsValid.Should().BeFalse($"{at}.{member} is not in the format");
    }

    [Theory]
    [InlineData("", "seals")]
    [InlineData("", "alternateUses")]
    [InlineData("commitment", "nonceSha256")]
    [InlineData("commitment.rules.quotas", "pacing")]
    [InlineData("teams.0", "status")]
    [InlineData("teams.0.emissions.0", "rule")]
    [InlineData("seals", "reveal")]
    [InlineData("replacements.0", "replacer")]
    public void A_missing_member_fails(string at, string member)
    {
        var bundle = JsonNode.Parse(SealFixture.Supplemented().ToJson())!;
        At(bundle, at).AsObject().Remove(member).Should().BeTrue();
        Evaluate(bundle).IsValid.Should().BeFalse($"{at}.{member} is required");
    }

    [Fact]
    public void A_v1_bundle_or_a_seal_that_is_not_a_hash_fails()
    {
        var v1 = JsonNode.Parse(Bundles.Create(DrawFixture.Ceremony()).ToJson())!;
        Evaluate(v1).IsValid.Should().BeFalse("the schema is of v2");
        var bundle = JsonNode.Parse(SealFixture.Plain().ToJson())!;
        bundle["seals"]!["teams"] = "ABC";
        Evaluate(bundle).IsValid.Should().BeFalse();
    }

    private static JsonNode At(JsonNode root, string path)
    {
        var node = root;
        foreach (var step in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(step, out var i) ? node!.AsArray()[i] : node![step];
        }

        return node!;
    }
}
