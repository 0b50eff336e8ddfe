using System.Text;
using Samples.Domain.Reference;

namespace Samples.Domain.Tests.Reference;

public sealed class DivisionsTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("630100", "西宁市", "Xining")]
    [InlineData("630200", "海东市", "Haidong")]
    [InlineData("632200", "海北藏族自治州", "Haibei Tibetan Autonomous Prefecture")]
    [InlineData("632300", "黄南藏族自治州", "Huangnan Tibetan Autonomous Prefecture")]
    [InlineData("632500", "海南藏族自治州", "Hainan Tibetan Autonomous Prefecture")]
    [InlineData("632600", "果洛藏族自治州", "Golog Tibetan Autonomous Prefecture")]
    [InlineData("632700", "玉树藏族自治州", "Yushu Tibetan Autonomous Prefecture")]
    [InlineData("632800", "海西蒙古族藏族自治州", "Haixi Mongol and Tibetan Autonomous Prefecture")]
    public void The_eight_prefectures_of_domain_section_6_are_shipped_and_valid_today(string code, string zh, string en)
    {
        var division = Divisions.Shipped.Find(code, Today);

        division.Should().NotBeNull($"{code} is one of Qinghai's 8 prefecture-level divisions");
        division!.NameZh.Should().Be(zh);
        division.NameEn.Should().Be(en);
        division.Level.Should().Be(DivisionLevel.Prefecture);
        Divisions.Shipped.Prefecture(code).Should().Be(code, "a prefecture counts under itself");
    }

    [Fact]
    public void Exactly_eight_prefectures_are_valid_today()
    {
        Divisions.Shipped.All.Where(d => d.Level == DivisionLevel.Prefecture && d.IsValidOn(Today)).Select(d => d.Code)
            .Should().BeEquivalentTo(["630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800"],
                "the stale 632100 must not count as a ninth prefecture");
    }

    [Fact]
    public void The_old_Haidong_code_is_valid_before_2013_02_08_and_replaced_from_then()
    {
        var shipped = Divisions.Shipped;

        shipped.IsKnown("632100", new DateOnly(2013, 2, 7)).Should().BeTrue("632100 was Haidong Prefecture until the change");
        shipped.IsKnown("632100", new DateOnly(2013, 2, 8)).Should().BeFalse("validTo is exclusive: the change took effect that day");
        shipped.IsKnown("630200", new DateOnly(2013, 2, 8)).Should().BeTrue();
        shipped.IsKnown("630200", new DateOnly(2012, 1, 1)).Should().BeFalse("the city did not exist yet");
        shipped.Find("632100", new DateOnly(2010, 1, 1))!.DatesApproximate.Should().BeTrue("the date is only recalled");
    }

    [Fact]
    public void A_replaced_code_gets_the_error_text_naming_the_date_and_the_successor()
    {
        Divisions.Shipped.Problem("632100", Today).Should().Be("region_code 632100 was replaced on 2013-02-08 (approx.); use 630200 (Haidong)");
    }

    [Theory]
    [InlineData("630122", "630106", "630100")]
    [InlineData("632321", "632301", "632300")]
    public void County_changes_are_dated_and_keep_their_prefecture(string oldCode, string newCode, string prefecture)
    {
        var shipped = Divisions.Shipped;

        shipped.IsKnown(oldCode, new DateOnly(2015, 1, 1)).Should().BeTrue();
        shipped.IsKnown(newCode, new DateOnly(2015, 1, 1)).Should().BeFalse();
        shipped.IsKnown(oldCode, Today).Should().BeFalse();
        shipped.IsKnown(newCode, Today).Should().BeTrue();
        shipped.Prefecture(oldCode).Should().Be(prefecture, "strata are by prefecture");
        shipped.Prefecture(newCode).Should().Be(prefecture);
        shipped.Problem(oldCode, Today).Should().StartWith($"region_code {oldCode} was replaced on ").And.EndWith($"(approx.); use {newCode} ({shipped.Find(newCode, Today)!.NameEn})");
    }

    [Fact]
    public void A_new_code_used_before_it_existed_names_the_old_code_to_use()
    {
        Divisions.Shipped.Problem("630106", new DateOnly(2015, 1, 1))
            .Should().Be("region_code 630106 is valid only from 2019-11-01 (approx.); on 2015-01-01 use 630122 (Huangzhong County (former))");
    }

    [Fact]
    public void Mangya_exists_from_2018_in_Haixi()
    {
        Divisions.Shipped.IsKnown("632803", new DateOnly(2017, 12, 31)).Should().BeFalse();
        Divisions.Shipped.IsKnown("632803", Today).Should().BeTrue();
        Divisions.Shipped.Prefecture("632803").Should().Be("632800");
        Divisions.Shipped.Find("632803", Today)!.Level.Should().Be(DivisionLevel.County);
    }

    [Theory]
    [InlineData("", "region_code is required")]
    [InlineData("6328", "region_code '6328' is not a 6-digit GB/T 2260 code")]
    [InlineData("63280A", "region_code '63280A' is not a 6-digit GB/T 2260 code")]
    [InlineData("110000", "region_code 110000 is not a Qinghai division (Qinghai codes start with 63)")]
    [InlineData("630000", "region_code 630000 is the whole province")]
    [InlineData("632801", "region_code 632801 is not in the division reference data; use its prefecture 632800 (Haixi Mongol and Tibetan Autonomous Prefecture)")]
    [InlineData("639900", "region_code 639900 is not a known Qinghai division; prefectures on 2025-06-01: 630100 Xining, 630200 Haidong,")]
    public void Unknown_codes_are_explained(string code, string start)
    {
        Divisions.Shipped.Problem(code, Today).Should().StartWith(start);
        Divisions.Shipped.IsKnown(code, Today).Should().BeFalse();
        Divisions.Shipped.Prefecture(code).Should().BeNull();
    }

    [Fact]
    public void A_valid_code_has_no_problem_and_surrounding_spaces_are_ignored()
    {
        Divisions.Shipped.Problem(" 632800 ", Today).Should().BeNull();
        Divisions.Shipped.Find(" 632800 ", Today)!.Code.Should().Be("632800");
    }

    [Fact]
    public void Every_shipped_entry_has_a_note_when_its_dates_are_approximate()
    {
        Divisions.Shipped.All.Where(d => d.DatesApproximate).Should().OnlyContain(d => !string.IsNullOrWhiteSpace(d.Note),
            "an approximate date must say why");
        Divisions.Shipped.All.Should().HaveCount(14, "8 prefectures, the stale 632100 and 5 county-level codes; nothing invented");
    }

    [Fact]
    public void An_incoherent_list_is_refused_with_the_entry_named()
    {
        var orphan = new Division("632899", "某县", "Some County", DivisionLevel.County, ParentPrefecture: "632900");

        var act = () => new Divisions([orphan]);

        act.Should().Throw<ArgumentException>().WithMessage("division 632899: a county needs a parentPrefecture*");
    }

    [Fact]
    public void Overlapping_periods_of_one_code_are_refused()
    {
        var first = new Division("632800", "海西", "Haixi", DivisionLevel.Prefecture, ValidTo: new DateOnly(2020, 1, 1));
        var second = new Division("632800", "海西", "Haixi", DivisionLevel.Prefecture, ValidFrom: new DateOnly(2019, 1, 1));

        var act = () => new Divisions([first, second]);

        act.Should().Throw<ArgumentException>().WithMessage("division 632800: its periods overlap");
    }

    [Fact]
    public void A_json_list_with_an_unknown_property_is_refused_so_typos_in_data_do_not_pass_silently()
    {
        var json = """{ "divisions": [ { "code": "630100", "nameZh": "西宁市", "nameEn": "Xining", "level": "prefecture", "validFro": "2000-01-01" } ] }""";

        var act = () => Divisions.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

        act.Should().Throw<ArgumentException>().WithMessage("division list is not valid:*validFro*");
    }
}
