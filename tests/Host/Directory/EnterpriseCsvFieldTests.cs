using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Silo.Api;
using static Samples.Domain.Tests.Directory.DirectoryCsv;

namespace Samples.Tests.Host.Directory;

public sealed class EnterpriseCsvFieldTests
{
    private static readonly string[] PotashOnly = ["potash-kcl"];

    [Fact]
    public void A_minimal_row_gets_the_defaults()
    {
        var row = Valid(("address", ""));

        row.Should().BeEquivalentTo(new
        {
            Row = 2,
            Uscc = Uscc(0),
            Name = "青海盐湖示例钾肥有限公司",
            Address = (string?)null,
            RegionCode = "632800",
            Kind = EnterpriseKind.Producer,
            Categories = PotashOnly,
            Licences = Array.Empty<string>(),
            Status = EnterpriseStatus.Active,
            KeySupervision = false,
            RiskClass = RiskClass.B,
            UsccOverrideReason = (string?)null,
            UsccOverriddenProblem = (string?)null,
        }, "empty optional values are null or empty, status defaults to active, key supervision to false, risk to B");
    }

    [Fact]
    public void Values_are_trimmed_including_ideographic_spaces_and_the_code_is_upper_cased()
    {
        var row = Valid(("uscc", " " + Uscc(0).ToLowerInvariant() + " "), ("name", "\u3000青海示例 有限公司 "), ("region_code", " 632800"));

        row.Uscc.Should().Be(Uscc(0));
        row.Name.Should().Be("青海示例 有限公司", "only surrounding white space goes, inner spaces stay");
        row.RegionCode.Should().Be("632800");
    }

    [Fact]
    public void A_missing_uscc_is_required()
    {
        Problem(("uscc", "")).Should().Be(new ImportProblem(2, "uscc", "is required: 18 characters, digits and upper-case letters except I, O, Z, S, V"));
    }

    [Fact]
    public void A_uscc_with_a_forbidden_letter_names_the_position()
    {
        Problem(("uscc", "91310115MO1K3BTP2B")).Reason.Should().Be("'91310115MO1K3BTP2B': position 10: 'O' is not allowed (digits and letters except I, O, Z, S, V)");
    }

    [Fact]
    public void A_wrong_check_character_without_a_reason_points_to_the_override_column()
    {
        Problem(("uscc", "91310115MA1K3BTP2C")).Reason.Should().Be(
            "'91310115MA1K3BTP2C': position 18: check character is 'C', expected 'B'; if this is a legal early pilot code, give the reason in column uscc_override_reason");
    }

    [Fact]
    public void A_wrong_check_character_with_a_reason_is_accepted_and_records_what_was_overridden()
    {
        var row = Valid(("uscc", "91310115MA1K3BTP2C"), ("uscc_override_reason", "2015 pilot code confirmed by the registry office"));

        row.UsccOverrideReason.Should().Be("2015 pilot code confirmed by the registry office");
        row.UsccOverriddenProblem.Should().Be("position 18: check character is 'C', expected 'B'");
    }

    [Fact]
    public void A_too_short_reason_is_refused()
    {
        var problem = Problem(("uscc", "91310115MA1K3BTP2C"), ("uscc_override_reason", "pilot"));

        problem.Field.Should().Be("uscc_override_reason");
        problem.Reason.Should().EndWith("at least 10 characters");
    }

    [Fact]
    public void A_reason_for_a_valid_code_is_refused()
    {
        Problem(("uscc_override_reason", "no reason is needed here")).Should().Be(new ImportProblem(2, "uscc_override_reason",
            "is only allowed for a code that fails its check character; this code is valid"));
    }

    [Fact]
    public void A_forbidden_character_cannot_be_overridden()
    {
        Problem(("uscc", "91310115MO1K3BTP2B"), ("uscc_override_reason", "please accept it anyway")).Field.Should().Be("uscc");
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("a\u0007b", "contains the control character U+0007 at position 2")]
    public void A_name_is_required_and_plain_text(string name, string reason)
    {
        Problem(("name", name)).Should().Be(new ImportProblem(2, "name", reason));
    }

    [Fact]
    public void A_name_may_have_200_characters_but_not_201()
    {
        Valid(("name", new string('青', 200))).Name.Should().HaveLength(200);
        Problem(("name", new string('青', 201))).Reason.Should().Be("is 201 characters long; at most 200");
    }

    [Fact]
    public void An_address_may_have_500_characters_commas_quotes_and_line_breaks()
    {
        Valid(("address", new string('路', 500))).Address.Should().HaveLength(500);
        Valid(("address", "格尔木市, \"察尔汗\"\r\n盐湖路1号")).Address.Should().Be("格尔木市, \"察尔汗\"\r\n盐湖路1号");
        Problem(("address", new string('路', 501))).Should().Be(new ImportProblem(2, "address", "is 501 characters long; at most 500"));
    }

    [Theory]
    [InlineData("630100")]
    [InlineData("630106")]
    [InlineData("632301")]
    [InlineData("632803")]
    public void A_region_valid_on_the_reference_date_is_accepted(string code)
    {
        Valid(("region_code", code)).RegionCode.Should().Be(code);
    }

    [Fact]
    public void A_replaced_region_names_its_successor()
    {
        Problem(("region_code", "632100")).Should().Be(new ImportProblem(2, "region_code", "region_code 632100 was replaced on 2013-02-08 (approx.); use 630200 (Haidong)"));
    }

    [Fact]
    public void A_replaced_region_is_accepted_when_importing_as_of_an_earlier_date()
    {
        var context = new ImportContext(new DateOnly(2012, 1, 1), Categories);

        Single(OneRow(("region_code", "632100")), context).Problems.Should().BeEmpty("632100 was valid in 2012");
    }

    [Theory]
    [InlineData("", "region_code is required")]
    [InlineData("999999", "region_code 999999 is not a Qinghai division")]
    [InlineData("632801", "region_code 632801 is not in the division reference data; use its prefecture 632800")]
    public void An_unknown_region_is_explained(string code, string start)
    {
        var problem = Problem(("region_code", code));

        problem.Field.Should().Be("region_code");
        problem.Reason.Should().StartWith(start);
    }

    [Theory]
    [InlineData("producer", EnterpriseKind.Producer)]
    [InlineData("Seller", EnterpriseKind.Seller)]
    [InlineData("TOURIST-SITE-RETAILER", EnterpriseKind.TouristSiteRetailer)]
    [InlineData("生产", EnterpriseKind.Producer)]
    [InlineData("销售", EnterpriseKind.Seller)]
    [InlineData("景区零售", EnterpriseKind.TouristSiteRetailer)]
    public void Kinds_are_read_in_English_or_Chinese(string word, EnterpriseKind kind)
    {
        Valid(("kind", word)).Kind.Should().Be(kind);
    }

    [Theory]
    [InlineData("", "is required: producer, seller or tourist-site-retailer (生产, 销售, 景区零售)")]
    [InlineData("manufacturer", "'manufacturer' is not a kind; use producer, seller or tourist-site-retailer (生产, 销售, 景区零售)")]
    public void An_unknown_kind_lists_the_words(string word, string reason)
    {
        Problem(("kind", word)).Should().Be(new ImportProblem(2, "kind", reason));
    }

    [Fact]
    public void Categories_are_split_trimmed_deduplicated_and_sorted()
    {
        Valid(("categories", " pv-module | potash-kcl|pv-module||")).Categories.Should().Equal(["potash-kcl", "pv-module"],
            "the same data must always give the same row");
    }

    [Fact]
    public void An_unknown_category_is_named_with_the_known_ones()
    {
        Problem(("categories", "potash-kcl|钾肥")).Should().Be(new ImportProblem(2, "categories",
            "'钾肥' is not a known category; known: cosmetics, drugs, lithium-carbonate, medical-devices, potash-kcl, pv-module"));
    }

    [Fact]
    public void Each_unknown_category_is_its_own_problem()
    {
        Single(OneRow(("categories", "x|y"))).Problems.Select(p => p.Reason[..3]).Should().Equal(["'x'", "'y'"]);
    }

    [Fact]
    public void An_empty_category_list_is_an_enterprise_whose_categories_are_not_yet_known()
    {
        Valid(("categories", " | ")).Categories.Should().BeEmpty("registration allows an enterprise without categories, so export writes it and import reads it");
    }

    [Fact]
    public void A_predicate_context_checks_categories_without_listing_them()
    {
        var context = new ImportContext(ReferenceDate, code => code.StartsWith("potash", StringComparison.Ordinal));

        Single(OneRow(("categories", "drugs")), context).Problems.Single().Reason.Should().Be("'drugs' is not a known category");
    }

    [Fact]
    public void Licences_are_optional_split_deduplicated_and_sorted()
    {
        Valid(("licences", "QS6328-2|(青)XK13-001|QS6328-2")).Licences.Should().Equal(["(青)XK13-001", "QS6328-2"]);
    }

    [Fact]
    public void A_licence_may_have_64_characters_but_not_65_nor_control_characters()
    {
        Valid(("licences", new string('L', 64))).Licences.Single().Should().HaveLength(64);
        Problem(("licences", new string('L', 65))).Reason.Should().EndWith("is 65 characters long; a licence number has at most 64");
        Problem(("licences", "QS\t1")).Should().Be(new ImportProblem(2, "licences", "contains the control character U+0009 at position 3"));
    }

    [Theory]
    [InlineData("active", EnterpriseStatus.Active)]
    [InlineData("Deregistered", EnterpriseStatus.Deregistered)]
    [InlineData("abnormal", EnterpriseStatus.AbnormalOperation)]
    [InlineData("存续", EnterpriseStatus.Active)]
    [InlineData("注销", EnterpriseStatus.Deregistered)]
    [InlineData("经营异常", EnterpriseStatus.AbnormalOperation)]
    [InlineData("", EnterpriseStatus.Active)]
    public void Statuses_are_read_in_English_or_Chinese_and_default_to_active(string word, EnterpriseStatus status)
    {
        Valid(("status", word)).Status.Should().Be(status);
    }

    [Fact]
    public void An_unknown_status_lists_the_words()
    {
        Problem(("status", "closed")).Reason.Should().Be("'closed' is not a status; use active, deregistered or abnormal (存续, 注销, 经营异常), or leave it empty for active");
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("FALSE", false)]
    [InlineData("yes", true)]
    [InlineData("No", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("", false)]
    public void Key_supervision_accepts_the_usual_yes_and_no_words(string word, bool expected)
    {
        Valid(("key_supervision", word)).KeySupervision.Should().Be(expected);
    }

    [Fact]
    public void An_unknown_yes_no_word_is_refused()
    {
        Problem(("key_supervision", "maybe")).Should().Be(new ImportProblem(2, "key_supervision",
            "'maybe' is not yes or no; use true/false, yes/no, 1/0 or 是/否, or leave it empty for false"));
    }

    [Theory]
    [InlineData("A", RiskClass.A)]
    [InlineData("b", RiskClass.B)]
    [InlineData("c", RiskClass.C)]
    [InlineData("D", RiskClass.D)]
    [InlineData("", RiskClass.B)]
    public void Risk_classes_are_A_to_D_and_default_to_B(string word, RiskClass expected)
    {
        Valid(("risk_class", word)).RiskClass.Should().Be(expected);
    }

    [Theory]
    [InlineData("E")]
    [InlineData("AB")]
    [InlineData("1")]
    public void Other_risk_classes_are_refused(string word)
    {
        Problem(("risk_class", word)).Reason.Should().Be($"'{word}' is not a risk class; use A, B, C or D, or leave it empty for B");
    }

    [Fact]
    public void Every_bad_value_of_a_row_is_reported_at_once()
    {
        var problems = Single(OneRow(("name", ""), ("region_code", "632100"), ("kind", "x"), ("risk_class", "Z"))).Problems;

        problems.Select(p => p.Field).Should().Equal(["name", "region_code", "kind", "risk_class"]);
        problems.Should().OnlyContain(p => p.Row == 2);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_values_is_one_problem()
    {
        var text = OneRow() + $"{Uscc(5)},青海示例,632800,格尔木市,察尔汗,producer,potash-kcl,,,,\n";

        var results = Import(text);

        results.Should().HaveCount(2);
        results[1].Problems.Should().ContainSingle().Which.Should().Be(new ImportProblem(3, "row",
            "has 11 values but the header has 10 columns; a value containing a comma must be in double quotes"));
    }

    [Fact]
    public void Rows_of_empty_values_are_skipped()
    {
        Import(OneRow() + ",,,,,,,,,\n\n , ,\n").Should().ContainSingle("rows with nothing in them are spreadsheet left-overs, not enterprises");
    }
}
