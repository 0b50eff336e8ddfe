using System.Text;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;
using static Samples.Domain.Tests.Directory.DirectoryFormats;

namespace Samples.Domain.Tests.Directory;

public sealed class InspectorCsvTests
{
    private const string Header = "number,name,unit,region_code,qualified_categories,on_leave,max_open_tasks";

    [Fact]
    public void A_minimal_row_gets_the_defaults_and_an_empty_requester()
    {
        var result = Inspector();

        result.Problems.Should().BeEmpty();
        result.Row.Should().Be(2);
        result.Inspector.Should().BeEquivalentTo(new DefineInspector("QH-HX-0012", "马建国", "海西州市场监督管理局", "632800",
            ["lithium-carbonate", "potash-kcl"], false, 5, ""), "categories sorted, on_leave false, max_open_tasks 5, RequestedBy for the caller");
        result.Conflicts.Should().BeEmpty();
    }

    [Fact]
    public void The_header_must_have_every_required_column_and_may_have_conflicts()
    {
        var problem = OnlyProblem(Inspectors("number,name,unit,region,qualified_categories,on_leave\nQH-1,马,局,632800,drugs,\n").Single().Problems);

        problem.Should().BeEquivalentTo(new { Row = 1, Field = "header" });
        problem.Reason.Should().StartWith("missing columns: region_code, max_open_tasks; unknown columns: 'region'; expected the columns number, name, unit,")
            .And.EndWith("and optionally conflicts");
        Inspectors(Header + ",conflicts\nQH-1,马,局,632800,drugs,,,\n").Single().Problems.Should().BeEmpty();
    }

    [Fact]
    public void An_empty_file_says_which_header_is_expected()
    {
        OnlyProblem(Inspectors("").Single().Problems).Reason.Should().StartWith("is empty: the first row must be the header; expected the columns number, name,");
    }

    [Theory]
    [InlineData("", "is required: 1-32 letters, digits or dashes, e.g. QH-HX-0012")]
    [InlineData("QH HX 12", "'QH HX 12' is not an inspector number: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-HX-0012")]
    [InlineData("-QH", "'-QH' is not an inspector number: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-HX-0012")]
    [InlineData("检查员1", "'检查员1' is not an inspector number: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-HX-0012")]
    [InlineData("A23456789012345678901234567890123", "'A23456789012345678901234567890123' is not an inspector number: 1-32 letters, digits or dashes, starting with a letter or digit, e.g. QH-HX-0012")]
    public void A_number_is_1_to_32_letters_digits_or_dashes(string number, string reason)
    {
        OnlyProblem(Inspector(("number", number)).Problems).Should().Be(new ImportProblem(2, "number", reason));
    }

    [Fact]
    public void A_number_of_32_characters_is_accepted() =>
        Inspector(("number", "A2345678901234567890123456789012")).Inspector!.Number.Should().HaveLength(32);

    [Fact]
    public void A_repeated_number_names_the_row_it_first_appeared_in_ignoring_case()
    {
        string[] Row(string number) => [number, "马建国", "海西州市场监督管理局", "632800", "drugs", "", ""];
        var results = Inspectors(File(Header.Split(','), [Row("QH-1"), Row("QH-2"), Row("qh-1")]));

        results.Select(r => r.IsValid).Should().Equal(true, true, false);
        OnlyProblem(results[2].Problems).Should().Be(new ImportProblem(4, "number", "duplicate of row 2"));
    }

    [Fact]
    public void Name_and_unit_are_required_Chinese_text_of_at_most_200_characters()
    {
        Inspector(("name", new string('马', 200)), ("unit", new string('局', 200))).IsValid.Should().BeTrue();
        Inspector(("name", ""), ("unit", "")).Problems.Should().Equal(new ImportProblem(2, "name", "is required"), new ImportProblem(2, "unit", "is required"));
        OnlyProblem(Inspector(("unit", new string('局', 201))).Problems).Should().Be(new ImportProblem(2, "unit", "is 201 characters long; at most 200"));
        OnlyProblem(Inspector(("name", "马\u0007")).Problems).Reason.Should().Be("contains the control character U+0007 at position 2");
    }

    [Theory]
    [InlineData("", "region_code is required")]
    [InlineData("632100", "region_code 632100 was replaced on")]
    [InlineData("110000", "region_code 110000 is not a Qinghai division")]
    public void A_region_is_a_Qinghai_division_on_the_reference_date(string code, string start)
    {
        var problem = OnlyProblem(Inspector(("region_code", code)).Problems);

        problem.Field.Should().Be("region_code");
        problem.Reason.Should().StartWith(start);
    }

    [Fact]
    public void Qualified_categories_are_a_list_of_known_categories_with_at_least_one()
    {
        Inspector(("qualified_categories", " drugs | cosmetics |drugs| ")).Inspector!.QualifiedCategories.Should().Equal("cosmetics", "drugs");
        OnlyProblem(Inspector(("qualified_categories", "|")).Problems).Should().Be(new ImportProblem(2, "qualified_categories",
            "is required: one or more category codes separated by |"));
        OnlyProblem(Inspector(("qualified_categories", "drugs|化肥")).Problems).Reason.Should().StartWith("'化肥' is not a known category; known: cosmetics, drugs,");
    }

    [Fact]
    public void A_known_category_that_is_not_a_catalogue_code_is_refused_so_the_inspector_rules_accept_every_row()
    {
        var context = new ImportContext(ReferenceDate, _ => true);

        OnlyProblem(Inspectors(OneRow(ValidInspector(), ("qualified_categories", "Potash KCl")), context).Single().Problems)
            .Should().Be(new ImportProblem(2, "qualified_categories", "'Potash KCl' is not a category code (lower-case letters, digits and dashes)"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("YES", true)]
    [InlineData("no", false)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    public void On_leave_takes_the_same_words_as_key_supervision(string value, bool expected) =>
        Inspector(("on_leave", value)).Inspector!.OnLeave.Should().Be(expected);

    [Fact]
    public void On_leave_names_the_accepted_words()
    {
        OnlyProblem(Inspector(("on_leave", "休假")).Problems).Should().Be(new ImportProblem(2, "on_leave",
            "'休假' is not yes or no; use true/false, yes/no, 1/0 or 是/否, or leave it empty for false"));
    }

    [Theory]
    [InlineData("", 5)]
    [InlineData("1", 1)]
    [InlineData(" 100 ", 100)]
    [InlineData("+8", 8)]
    public void Max_open_tasks_is_1_to_100_and_defaults_to_5(string value, int expected) =>
        Inspector(("max_open_tasks", value)).Inspector!.MaxOpenTasks.Should().Be(expected);

    [Theory]
    [InlineData("0", "is 0; must be from 1 to 100")]
    [InlineData("101", "is 101; must be from 1 to 100")]
    [InlineData("-3", "is -3; must be from 1 to 100")]
    [InlineData("5.0", "'5.0' is not a whole number; use 1 to 100, or leave it empty for 5")]
    [InlineData("五", "'五' is not a whole number; use 1 to 100, or leave it empty for 5")]
    [InlineData("99999999999", "'99999999999' is not a whole number; use 1 to 100, or leave it empty for 5")]
    public void Max_open_tasks_outside_the_range_is_refused(string value, string reason) =>
        OnlyProblem(Inspector(("max_open_tasks", value)).Problems).Should().Be(new ImportProblem(2, "max_open_tasks", reason));

    [Fact]
    public void Conflicts_are_USCC_reason_pairs_upper_cased_trimmed_and_ordered_by_code()
    {
        var result = Inspector(("conflicts", $" {Uscc(9).ToLowerInvariant()} = 配偶任职于该企业 | {Uscc(3)}=曾在该企业任职 |"));

        result.Problems.Should().BeEmpty();
        result.Conflicts.Should().Equal((Uscc(3), "曾在该企业任职"), (Uscc(9), "配偶任职于该企业"));
    }

    [Fact]
    public void Every_bad_conflict_is_named()
    {
        var value = string.Join('|', "91350100M000100Y44=配偶任职", $"{Uscc(1)}", $"{Uscc(2)}=亲属", $"{Uscc(3)}=a=b reason", $"{Uscc(4)}=配偶任职于该企业", $"{Uscc(4)}=又一次声明", "=无代码原因");

        Inspector(("conflicts", value)).Problems.Select(p => (p.Field, p.Reason)).Should().Equal(
            ("conflicts", "'91350100M000100Y44': position 18: check character is '4', expected '3'"),
            ("conflicts", $"'{Uscc(1)}' is not USCC=reason: give the enterprise's code, '=', and why the inspector must not inspect it"),
            ("conflicts", $"the reason for {Uscc(2)} is required: at least 4 characters"),
            ("conflicts", $"the reason for {Uscc(3)} contains '=', which separates the code from the reason"),
            ("conflicts", $"{Uscc(4)} is listed more than once"),
            ("conflicts", "'=无代码原因': the code before '=' is required: 18 characters, digits and upper-case letters except I, O, Z, S, V"));
    }

    [Fact]
    public void All_problems_of_a_row_are_reported_together()
    {
        Inspector(("number", "QH 1"), ("region_code", "632100"), ("on_leave", "maybe"), ("max_open_tasks", "0")).Problems
            .Select(p => p.Field).Should().Equal("number", "region_code", "on_leave", "max_open_tasks");
    }

    [Fact]
    public void A_BOM_and_Windows_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\r\nQH-1,马建国,海西州局,632800,drugs,是,7\r\n")).ToArray();

        var result = Inspectors(new MemoryStream(bytes)).Should().ContainSingle().Which;

        result.Problems.Should().BeEmpty();
        result.Inspector!.MaxOpenTasks.Should().Be(7, "the last column must not keep a CR");
        result.Inspector.OnLeave.Should().BeTrue();
    }

    [Fact]
    public void Export_writes_the_header_and_canonical_words()
    {
        var inspector = new DefineInspector("QH-1", "马, \"建国\"", "海西州局", "632800", ["drugs", "potash-kcl"], true, 12, "ignored");
        var text = new StringWriter();

        InspectorCsv.Write(text, [(inspector, [(Uscc(1), "配偶任职于该企业")])]);

        text.ToString().Should().Be(
            "number,name,unit,region_code,qualified_categories,on_leave,max_open_tasks,conflicts\r\n" +
            $"QH-1,\"马, \"\"建国\"\"\",海西州局,632800,drugs|potash-kcl,true,12,{Uscc(1)}=配偶任职于该企业\r\n");
    }

    [Fact]
    public void Export_refuses_a_conflict_reason_that_could_not_be_read_back()
    {
        var inspector = new DefineInspector("QH-1", "马建国", "海西州局", "632800", ["drugs"], false, 5, "");

        var act = () => InspectorCsv.Write(new StringWriter(), [(inspector, [(Uscc(1), "a=b reason")])]);

        act.Should().Throw<ArgumentException>().WithMessage("inspector QH-1: conflict*contains '|' or '='*");
    }

    [Fact]
    public void Export_then_import_gives_back_equal_rows_and_the_same_bytes()
    {
        var rows = GeneratedInspectors(500, new Random(11)).ToList();
        var exported = new MemoryStream();

        InspectorCsv.Write(exported, rows);
        var bytes = exported.ToArray();
        var results = Inspectors(new MemoryStream(bytes));

        results.Should().OnlyContain(r => r.IsValid, "export writes only what import accepts");
        results.Select(r => (r.Inspector!, r.Conflicts)).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering());
        var again = new MemoryStream();
        InspectorCsv.Write(again, results.Select(r => (r.Inspector!, r.Conflicts)));
        again.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public void Every_accepted_row_passes_the_inspector_rules()
    {
        var random = new Random(5);
        string[] numbers = ["QH-1", "qh-2", "A", "0-0", "X" + new string('9', 25)];
        string[] names = ["马建国", " 马 建国 ", new string('马', 200), "Ma Jianguo"];
        string[] regions = ["630100", "630106", "632800", " 632803 ", "632301"];
        string[] categories = ["drugs", " drugs|cosmetics ", "potash-kcl||pv-module", "medical-devices|drugs|drugs"];
        string[] leave = ["", "是", "否", "yes", "0", "TRUE"];
        string[] tasks = ["", "1", "100", "+42", " 7 "];
        string[] conflicts = ["", $"{Uscc(1)}=配偶任职于该企业", $"{Uscc(2).ToLowerInvariant()} = 曾在该企业任职 |{Uscc(1)}=亲属关系"];
        var rows = Enumerable.Range(0, 400).Select(i => new[]
        {
            numbers[i % numbers.Length] + "-" + i, names[random.Next(names.Length)], "海西州局", regions[random.Next(regions.Length)],
            categories[random.Next(categories.Length)], leave[random.Next(leave.Length)], tasks[random.Next(tasks.Length)], conflicts[random.Next(conflicts.Length)],
        });

        var results = Inspectors(File([.. InspectorCsvColumns.All], rows));

        results.SelectMany(r => r.Problems).Should().BeEmpty();
        results.Should().HaveCount(400);
        foreach (var result in results)
        {
            var state = new InspectorState();
            InspectorRules.Define(state, result.Inspector!.Number, result.Inspector).Problems.Should().BeEmpty();
            state.QualifiedCategories.Should().Equal(result.Inspector.QualifiedCategories, "the CSV normalises lists as the rules do");
            state.Name.Should().Be(result.Inspector.Name, "the CSV trims as the rules do");
            foreach (var (code, reason) in result.Conflicts)
            {
                InspectorRules.DeclareConflict(state, new DeclareConflict(code, reason, "import"), DateTimeOffset.UnixEpoch).Problems.Should().BeEmpty();
            }
        }
    }

    private static IEnumerable<(DefineInspector, IReadOnlyList<(string Uscc, string Reason)>)> GeneratedInspectors(int count, Random random)
    {
        string[] names = ["马建国", "Zhang \"Wei\", Jr.", "扎西 才让", "李\r\n"];
        string[] regions = ["630100", "630200", "632800", "630106", "632803"];
        string[] categories = [.. Categories];
        for (var i = 0; i < count; i++)
        {
            var cats = categories.Where(_ => random.Next(3) == 0).DefaultIfEmpty(categories[i % categories.Length]).Order(StringComparer.Ordinal).ToList();
            var conflicts = Enumerable.Range(0, random.Next(3)).Select(k => (Uscc(i * 3 + k), $"原因 {k}, \"quoted\"")).OrderBy(c => c.Item1, StringComparer.Ordinal).ToList();
            var name = names[i % names.Length].Trim() + i;
            yield return (new DefineInspector($"QH-{i}", name, $"单位 {i % 7}", regions[random.Next(regions.Length)], cats, random.Next(2) == 1,
                random.Next(1, 101), string.Empty), conflicts);
        }
    }
}
