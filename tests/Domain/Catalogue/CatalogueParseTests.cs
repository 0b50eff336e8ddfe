using System.Text.Json.Nodes;
using Samples.Domain.Catalogue;

namespace Samples.Domain.Tests.Catalogue;

/// <summary>An administrator's new catalogue version: accepted when right, refused with every problem named by path, category and item.</summary>
public sealed class CatalogueParseTests
{
    private const string Valid = """
        {
          "version": 2,
          "effectiveDate": "2026-05-01",
          // comments and trailing commas are allowed: admins edit these files by hand
          "categories": [
            {
              "code": "cat-a", "nameZh": "甲", "nameEn": "A", "regime": "order18Industrial", "supervision": "key",
              "source": { "standard": "S-1", "confidence": "C" },
              "variants": [
                { "code": "grade", "nameZh": "等级", "nameEn": "grade", "options": [
                  { "code": "premium", "nameZh": "优等品", "nameEn": "premium grade" },
                  { "code": "first", "nameZh": "一等品", "nameEn": "first grade" } ] }
              ],
              "properties": [ { "code": "moduleArea", "nameZh": "面积", "nameEn": "module area", "unit": "m²" } ],
              "items": [
                { "code": "k2o", "symbol": "K₂O", "nameZh": "氧化钾", "nameEn": "Potassium oxide", "unit": "%", "method": "S-1",
                  "comparison": { "method": "roundedValue", "interval": 0.1 },
                  "limit": { "kind": "byVariant", "axis": "grade", "limits": {
                    "premium": { "kind": "min", "min": 60.0 }, "first": { "kind": "min", "min": 57.0 } } } },
                { "code": "r", "nameZh": "绝缘电阻", "nameEn": "Insulation resistance", "unit": "MΩ", "method": "S-1",
                  "limit": { "kind": "byProperty", "property": "moduleArea", "bands": [
                    { "upTo": 0.1, "limit": { "kind": "min", "min": 400 } },
                    { "limit": { "kind": "min", "min": 40, "timesProperty": "moduleArea", "unit": "MΩ·m²" } } ] } },
              ],
            },
            {
              "code": "cat-b", "nameZh": "乙", "nameEn": "B", "regime": "cosmetics", "supervision": "general",
              "source": { "standard": "S-2", "confidence": "R" },
              "items": [
                { "code": "x", "nameZh": "x", "nameEn": "X", "unit": "mg/kg", "method": "S-2", "required": false, "limit": { "kind": "max", "max": 1 } },
                { "code": "y", "nameZh": "y", "nameEn": "Y", "method": "S-2", "limit": { "detectionLimit": 0.1, "kind": "notDetected" } }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void A_valid_document_parses_with_defaults_filled_in()
    {
        var result = CatalogueLoader.Parse(Valid);

        result.Problems.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        var catalogue = result.Catalogue!;
        catalogue.Version.Should().Be(2);
        catalogue.EffectiveDate.Should().Be(new DateOnly(2026, 5, 1));
        var k2o = catalogue.FindCategory("cat-a")!.FindItem("k2o")!;
        k2o.Required.Should().BeTrue("required defaults to true");
        k2o.Comparison.Should().Be(Comparison.Rounded(0.1m));
        var x = catalogue.FindCategory("cat-b")!.FindItem("x")!;
        x.Comparison.Method.Should().Be(ComparisonMethod.FullValue, "the full-value method is the default");
        x.Required.Should().BeFalse();
        catalogue.FindCategory("cat-b")!.Source.Confidence.Should().Be(Confidence.Recalled);
    }

    [Fact]
    public void A_parsed_catalogue_judges_like_the_shipped_one()
    {
        var category = CatalogueLoader.Parse(Valid).Catalogue!.FindCategory("cat-a")!;

        var verdict = VerdictEngine.EvaluateItem(category, category.FindItem("k2o")!, SampleDescription.WithVariants(("grade", "premium")), Measurement.Of(59.96m));

        verdict.Reason.Should().Be("K₂O 59.96 % rounds to 60.0 % ≥ 60.0 % (premium grade, rounded-value method, interval 0.1): passes");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_document_is_refused(string json) =>
        CatalogueLoader.Parse(json).Problems.Should().ContainSingle().Which.ToString().Should().Be("(document): the document is empty");

    [Fact]
    public void Broken_json_is_refused_with_its_line()
    {
        var problem = CatalogueLoader.Parse("{\n  \"version\": 2,\n  \"categories\": [ }\n").Problems.Should().ContainSingle().Subject;

        problem.Path.Should().BeEmpty();
        problem.Message.Should().StartWith("is not valid JSON: ").And.Contain("(line 3,");
    }

    [Fact]
    public void Null_is_refused() =>
        CatalogueLoader.Parse("null").Problems.Should().ContainSingle().Which.Message.Should().Contain("must be an object");

    [Theory]
    [InlineData("categories[1].items[0].limit.max", "\"one\"", "categories[1].items[0].limit.max", "must be a number")]
    [InlineData("categories[0].regime", "\"industrial\"", "categories[0].regime", "must be one of: order18Industrial, cosmetics, medicalDevices, drugs")]
    [InlineData("categories[0].supervision", "\"重点\"", "categories[0].supervision", "must be one of: key, general")]
    [InlineData("categories[0].source.confidence", "\"confirmed\"", "categories[0].source.confidence", "must be one of: C, R, ?")]
    [InlineData("categories[0].items[0].comparison.method", "\"rounded\"", "categories[0].items[0].comparison.method", "must be one of: fullValue, roundedValue")]
    [InlineData("effectiveDate", "\"1 May 2026\"", "effectiveDate", "must be a date written yyyy-mm-dd")]
    [InlineData("version", "\"2\"", "version", "must be a whole number")]
    [InlineData("categories[1].items[0].required", "\"yes\"", "categories[1].items[0].required", "must be true or false")]
    [InlineData("categories[1].items[0].nameEn", "null", "categories[1].items[0].nameEn", "must not be null")]
    [InlineData("categories[1].items[0].nameEn", "5", "categories[1].items[0].nameEn", "must be a string")]
    [InlineData("categories[1].items", "{}", "categories[1].items", "must be an array")]
    public void A_value_of_the_wrong_type_names_its_path(string path, string value, string expectedPath, string expected)
    {
        var problem = Single(Set(Valid, path, value));

        problem.Path.Should().Be(expectedPath);
        problem.Message.Should().StartWith(expected);
    }

    [Fact]
    public void A_problem_names_the_category_and_item_it_is_in()
    {
        var problem = Single(Set(Valid, "categories[1].items[0].limit.max", "\"one\""));

        problem.Category.Should().Be("cat-b");
        problem.Item.Should().Be("x");
        problem.ToString().Should().StartWith("categories[1].items[0].limit.max (category cat-b, item x): must be a number (line ");
    }

    [Fact]
    public void An_unknown_limit_kind_lists_the_kinds()
    {
        var problem = Single(Set(Valid, "categories[1].items[0].limit.kind", "\"atLeast\""));

        problem.Path.Should().StartWith("categories[1].items[0].limit");
        problem.Message.Should().StartWith("unknown kind 'atLeast': one of min, max, range, notDetected, passFail, byVariant, byProperty, notApplicable");
    }

    [Fact]
    public void A_limit_without_kind_is_refused()
    {
        var problem = Single(Remove(Valid, "categories[1].items[0].limit", "kind"));

        problem.Path.Should().StartWith("categories[1].items[0].limit");
        problem.Message.Should().StartWith("needs a \"kind\"");
    }

    [Fact]
    public void An_unknown_field_is_refused_so_typos_do_not_pass_silently()
    {
        var problem = Single(Set(Valid, "categories[1].items[0].limit.maximum", "1"));

        problem.Message.Should().StartWith("unknown field 'maximum'");
        problem.Path.Should().StartWith("categories[1].items[0].limit");
        problem.Item.Should().Be("x");
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var problem = Single(Remove(Valid, "categories[1].items[0]", "method"));

        problem.Message.Should().StartWith("is missing required field(s) 'method'");
        problem.Category.Should().Be("cat-b");
    }

    [Fact]
    public void A_field_written_twice_is_refused()
    {
        var json = Valid.Replace("\"version\": 2,", "\"version\": 2, \"version\": 3,", StringComparison.Ordinal);

        Single(json).Message.Should().Contain("twice");
    }

    [Theory]
    [InlineData("categories[1].code", "\"cat-a\"", "categories[1].code", "'cat-a' is used by an earlier category")]
    [InlineData("categories[1].code", "\"Cat_B\"", "categories[1].code", "'Cat_B' must be kebab-case")]
    [InlineData("categories[1].items[1].code", "\"x\"", "categories[1].items[1].code", "'x' is used by an earlier item of cat-b")]
    [InlineData("categories[0].nameEn", "\" \"", "categories[0].nameEn", "must not be empty")]
    [InlineData("categories[0].source.standard", "\"\"", "categories[0].source.standard", "must not be empty")]
    [InlineData("categories[1].items", "[]", "categories[1].items", "must list at least one test item")]
    [InlineData("categories", "[]", "categories", "must list at least one category")]
    [InlineData("version", "0", "version", "must be 1 or more, got 0")]
    [InlineData("categories[0].variants[0].options[1].code", "\"premium\"", "categories[0].variants[0].options[1].code", "'premium' is used by an earlier option of grade")]
    [InlineData("categories[0].variants[0].code", "\"Grade\"", "categories[0].variants[0].code", "'Grade' must be lower camel case")]
    [InlineData("categories[0].properties[0].unit", "\"\"", "categories[0].properties[0].unit", "must not be empty")]
    [InlineData("categories[1].items[0].unit", "\"\"", "categories[1].items[0].unit", "is required for an item with a numeric limit")]
    public void Catalogue_rules_name_the_field(string path, string value, string expectedPath, string expected)
    {
        var problems = CatalogueLoader.Parse(Set(Valid, path, value)).Problems;

        // Some changes break more than one rule (a renamed axis no longer matches its tables): look for this one.
        problems.Should().Contain(p => p.Path == expectedPath && p.Message.StartsWith(expected, StringComparison.Ordinal),
            "the problem list names {0}: {1}", expectedPath, string.Join(" | ", problems));
    }

    [Theory]
    [InlineData("categories[0].items[0].limit.limits.first", null, "categories[0].items[0].limit.limits", "has no limit for grade 'first'")]
    [InlineData("categories[0].items[0].limit.limits.second", """{ "kind": "min", "min": 1 }""", "categories[0].items[0].limit.limits.second", "'second' is not an option of grade (premium, first)")]
    [InlineData("categories[0].items[0].limit.axis", "\"form\"", "categories[0].items[0].limit.axis", "'form' is not a variant axis of the category (defined: grade)")]
    [InlineData("categories[0].items[0].limit.limits.first", """{ "kind": "byVariant", "axis": "grade", "limits": { "premium": { "kind": "min", "min": 1 }, "first": { "kind": "min", "min": 1 } } }""", "categories[0].items[0].limit.limits.first.axis", "'grade' is already chosen by an enclosing table")]
    [InlineData("categories[0].items[0].limit.limits.first.min", "57.05", "categories[0].items[0].limit.limits.first.min", "57.05 is not a multiple of the item's rounding interval 0.1")]
    [InlineData("categories[0].items[0].comparison.interval", "0.3", "categories[0].items[0].comparison.interval", "0.3 is not a GB/T 8170 rounding interval")]
    [InlineData("categories[0].items[0].comparison.interval", null, "categories[0].items[0].comparison.interval", "is required for the rounded-value method")]
    [InlineData("categories[1].items[0].comparison", """{ "method": "fullValue", "interval": 0.1 }""", "categories[1].items[0].comparison.interval", "is only allowed with the rounded-value method")]
    [InlineData("categories[1].items[0].limit", """{ "kind": "range", "min": 5, "max": 5 }""", "categories[1].items[0].limit.max", "must be greater than min (5), got 5")]
    [InlineData("categories[1].items[0].limit", """{ "kind": "notApplicable" }""", "categories[1].items[0].limit.kind", "notApplicable may only appear inside")]
    [InlineData("categories[1].items[0].limit", """{ "kind": "notDetected", "detectionLimit": 0 }""", "categories[1].items[0].limit.detectionLimit", "must be positive, got 0")]
    [InlineData("categories[1].items[0].limit", """{ "kind": "passFail", "requirement": "" }""", "categories[1].items[0].limit.requirement", "must not be empty")]
    [InlineData("categories[1].items[0].limit", """{ "kind": "max", "max": 1, "timesProperty": "area", "unit": "x" }""", "categories[1].items[0].limit.timesProperty", "'area' is not a property of the category (it defines none)")]
    [InlineData("categories[0].items[1].limit.bands[1].limit.unit", null, "categories[0].items[1].limit.bands[1].limit.unit", "is required with timesProperty")]
    [InlineData("categories[0].items[1].limit.bands[0].upTo", null, "categories[0].items[1].limit.bands[0].upTo", "is required on every band but the last")]
    [InlineData("categories[0].items[1].limit.bands[1].upTo", "5", "categories[0].items[1].limit.bands[1].upTo", "must be absent on the last band")]
    [InlineData("categories[0].items[1].limit.bands[0].upTo", "-1", "categories[0].items[1].limit.bands[0].upTo", "must be positive")]
    [InlineData("categories[0].items[1].limit.property", "\"area\"", "categories[0].items[1].limit.property", "'area' is not a property of the category (defined: moduleArea)")]
    [InlineData("categories[0].items[1].limit.bands", "[]", "categories[0].items[1].limit.bands", "must list at least one band")]
    public void Limit_rules_name_the_field(string path, string? value, string expectedPath, string expected)
    {
        var json = value is null ? Remove(Valid, path[..path.LastIndexOf('.')], path[(path.LastIndexOf('.') + 1)..]) : Set(Valid, path, value);

        var problem = Single(json);

        problem.Path.Should().Be(expectedPath);
        problem.Message.Should().StartWith(expected);
    }

    [Fact]
    public void Bands_must_increase()
    {
        var json = Set(Valid, "categories[0].items[1].limit.bands", """
            [ { "upTo": 1, "limit": { "kind": "min", "min": 1 } }, { "upTo": 0.5, "limit": { "kind": "min", "min": 1 } }, { "limit": { "kind": "min", "min": 1 } } ]
            """);

        Single(json).Should().Be(new CatalogueProblem("categories[0].items[1].limit.bands[1].upTo", "must be greater than the previous band's 1, got 0.5", "cat-a", "r"));
    }

    [Fact]
    public void Every_rule_broken_is_reported_at_once()
    {
        var json = Set(Set(Set(Valid, "categories[1].code", "\"cat-a\""), "categories[0].items[0].comparison.interval", "0.3"), "categories[1].items[0].limit", """{ "kind": "range", "min": 2, "max": 1 }""");

        var problems = CatalogueLoader.Parse(json).Problems.Select(p => p.ToString()).ToList();

        problems.Should().Equal(
            "categories[0].items[0].comparison.interval (category cat-a, item k2o): 0.3 is not a GB/T 8170 rounding interval: use 1, 2 or 5 × 10ⁿ (e.g. 0.1, 0.5, 0.02)",
            "categories[1].code (category cat-a): 'cat-a' is used by an earlier category",
            "categories[1].items[0].limit.max (category cat-a, item x): must be greater than min (2), got 1");
    }

    [Fact]
    public void The_validator_also_checks_catalogues_built_in_code()
    {
        var catalogue = new CatalogueVersion
        {
            Version = 1,
            EffectiveDate = new DateOnly(2025, 1, 1),
            Categories = [TestCategories.Category(TestCategories.Item("x", new NotApplicableLimit()))],
        };

        CatalogueValidator.Validate(catalogue).Should().ContainSingle().Which.Path.Should().Be("categories[0].items[0].limit.kind");
    }

    private static CatalogueProblem Single(string json)
    {
        var result = CatalogueLoader.Parse(json);
        result.IsValid.Should().BeFalse();
        result.Catalogue.Should().BeNull("a catalogue with problems is not returned");
        return result.Problems.Should().ContainSingle().Subject;
    }

    /// <summary>Sets the JSON value at a dotted path ("categories[1].items[0].limit.max").</summary>
    private static string Set(string json, string path, string value)
    {
        var root = Parse(json);
        var (parent, key) = Navigate(root, path);
        var node = JsonNode.Parse(value);
        if (parent is JsonArray array)
        {
            array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = node;
        }
        else
        {
            parent.AsObject()[key] = node;
        }

        return root.ToJsonString();
    }

    private static string Remove(string json, string path, string field)
    {
        var root = Parse(json);
        var target = path.Length == 0 ? root : Navigate(root, path + ".x").Parent;
        target.AsObject().Remove(field).Should().BeTrue("the test removes an existing field {0}", field);
        return root.ToJsonString();
    }

    private static JsonNode Parse(string json) =>
        JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    private static (JsonNode Parent, string Key) Navigate(JsonNode root, string path)
    {
        var steps = path.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        var node = root;
        foreach (var step in steps[..^1])
        {
            node = node is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
        }

        return (node, steps[^1]);
    }
}
