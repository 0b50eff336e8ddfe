using System.Text;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;
using static Samples.Domain.Tests.Directory.DirectoryFormats;

namespace Samples.Domain.Tests.Directory;

public sealed class LabCsvTests
{
    private const string Header = "id,name,accredited_categories,accredited_items,may_retest";

    [Fact]
    public void A_minimal_row_gets_the_defaults_and_an_empty_requester()
    {
        var result = Lab();

        result.Problems.Should().BeEmpty();
        result.Lab.Should().BeEquivalentTo(new DefineLab("QH-LAB-01", "青海省产品质量检验检测院", ["potash-kcl"], [], false, ""));
    }

    [Fact]
    public void The_header_must_have_every_column()
    {
        var problem = OnlyProblem(Labs("ID, Name ,accredited categories,may_retest\nQH-1,检验院,drugs,\n").Single().Problems);

        problem.Should().BeEquivalentTo(new { Row = 1, Field = "header" });
        problem.Reason.Should().Be("missing columns: accredited_categories, accredited_items; unknown columns: 'accredited categories' (did you mean accredited_categories?); " +
            "expected the columns id, name, accredited_categories, accredited_items, may_retest (in any order, names not case-sensitive)");
    }

    [Theory]
    [InlineData("", "is required: 1-32 letters, digits or dashes, e.g. QH-LAB-01")]
    [InlineData("QH_LAB", "'QH_LAB' is not a lab id: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-LAB-01")]
    [InlineData("检验院", "'检验院' is not a lab id: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-LAB-01")]
    public void An_id_is_1_to_32_letters_digits_or_dashes(string id, string reason) =>
        OnlyProblem(Lab(("id", id)).Problems).Should().Be(new ImportProblem(2, "id", reason));

    [Fact]
    public void A_repeated_id_names_the_row_it_first_appeared_in()
    {
        var results = Labs(Header + "\nQH-1,甲,drugs,,\nQH-2,乙,drugs,,\n\nqh-1,丙,drugs,,\n");

        results.Select(r => r.IsValid).Should().Equal(true, true, false);
        OnlyProblem(results[2].Problems).Should().Be(new ImportProblem(5, "id", "duplicate of row 2"), "the blank line counts as a row");
    }

    [Fact]
    public void A_name_is_required_and_at_most_200_characters()
    {
        OnlyProblem(Lab(("name", "")).Problems).Should().Be(new ImportProblem(2, "name", "is required"));
        OnlyProblem(Lab(("name", new string('检', 201))).Problems).Reason.Should().Be("is 201 characters long; at most 200");
    }

    [Fact]
    public void Accredited_categories_are_known_and_at_least_one()
    {
        Lab(("accredited_categories", "pv-module|drugs")).Lab!.AccreditedCategories.Should().Equal("drugs", "pv-module");
        OnlyProblem(Lab(("accredited_categories", "")).Problems).Should().Be(new ImportProblem(2, "accredited_categories",
            "is required: one or more category codes separated by |"));
        OnlyProblem(Lab(("accredited_categories", "钾肥")).Problems).Reason.Should().StartWith("'钾肥' is not a known category");
    }

    [Fact]
    public void Accredited_items_are_optional_codes_of_1_to_64_characters()
    {
        Lab(("accredited_items", " K2O | 水分|K2O||粒度 ")).Lab!.AccreditedItems.Should().Equal("K2O", "水分", "粒度");
        OnlyProblem(Lab(("accredited_items", "K2O|" + new string('x', 65))).Problems).Should().Be(new ImportProblem(2, "accredited_items",
            $"'{new string('x', 60)}…' (65 characters) is 65 characters long; an item code has at most 64"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("Yes", true)]
    [InlineData("0", false)]
    public void May_retest_is_a_yes_or_no(string value, bool expected) =>
        Lab(("may_retest", value)).Lab!.MayRetest.Should().Be(expected);

    [Fact]
    public void May_retest_names_the_accepted_words() =>
        OnlyProblem(Lab(("may_retest", "可以")).Problems).Reason.Should().Be("'可以' is not yes or no; use true/false, yes/no, 1/0 or 是/否, or leave it empty for false");

    [Fact]
    public void A_BOM_and_Windows_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\r\nQH-1,检验院,drugs,K2O,是\r\n")).ToArray();

        var result = Labs(new MemoryStream(bytes)).Should().ContainSingle().Which;

        result.Problems.Should().BeEmpty();
        result.Lab!.MayRetest.Should().BeTrue("the last column must not keep a CR");
    }

    [Fact]
    public void Export_then_import_gives_back_equal_rows_and_the_same_bytes_and_every_row_passes_the_lab_rules()
    {
        string[] categories = [.. Categories];
        var random = new Random(3);
        var labs = Enumerable.Range(0, 300).Select(i => new DefineLab($"LAB-{i}", i % 2 == 0 ? $"检验院 {i}, \"分院\"" : $"Lab {i}",
            [.. categories.Where(_ => random.Next(2) == 0).DefaultIfEmpty("drugs").Order(StringComparer.Ordinal)],
            [.. Enumerable.Range(0, random.Next(4)).Select(k => $"项目{k}").Order(StringComparer.Ordinal)], random.Next(2) == 0, string.Empty)).ToList();
        var exported = new MemoryStream();

        LabCsv.Write(exported, labs);
        var results = Labs(new MemoryStream(exported.ToArray()));

        results.Should().OnlyContain(r => r.IsValid);
        results.Select(r => r.Lab).Should().BeEquivalentTo(labs, o => o.WithStrictOrdering());
        var again = new MemoryStream();
        LabCsv.Write(again, results.Select(r => r.Lab!));
        again.ToArray().Should().Equal(exported.ToArray());
        results.Should().OnlyContain(r => LabRules.Define(new LabState(), r.Lab!.Id, r.Lab).Problems.Count == 0);
    }

    [Fact]
    public void Export_writes_the_header_and_canonical_words()
    {
        var text = new StringWriter();

        LabCsv.Write(text, [new DefineLab("QH-1", "检验院", ["drugs", "pv-module"], ["K2O"], true, "ignored")]);

        text.ToString().Should().Be(Header + "\r\nQH-1,检验院,drugs|pv-module,K2O,true\r\n");
    }

    [Fact]
    public void Export_refuses_an_item_containing_the_separator()
    {
        var act = () => LabCsv.Write(new StringWriter(), [new DefineLab("QH-1", "检验院", ["drugs"], ["a|b"], true, "")]);

        act.Should().Throw<ArgumentException>().WithMessage("lab QH-1: accredited_items item 'a|b' contains '|'*");
    }
}
