using Samples.Client.Input;
using Samples.Silo.Api;

namespace Samples.Tests.Host.Client;

public sealed class ResultsCsvTests
{
    [Fact]
    public void Columns_in_any_order_with_a_bom_crlf_and_comments_give_one_result_per_item()
    {
        var (results, problems) = ResultsCsv.Parse("\uFEFF# lab BL-1, report 7\r\nkind,item,detection_limit,value,reported_as,note\r\nnot-detected,pb,0.5,,,\r\nvalue,li2co3,,99.61,99.61 %,\r\n\r\n");

        problems.Should().BeEmpty();
        results.Should().HaveCount(2);
        results[0].Should().BeEquivalentTo(new { Item = "pb", Kind = "not-detected", DetectionLimit = 0.5m, Value = (decimal?)null });
        results[1].Should().BeEquivalentTo(new { Item = "li2co3", Kind = "value", Value = 99.61m, ReportedAs = "99.61 %" });
    }

    [Fact]
    public void A_bad_header_is_reported_before_any_row()
    {
        var (results, problems) = ResultsCsv.Parse("item,result,kind,kind\nli2co3,1,value,value\n");

        results.Should().BeEmpty();
        problems.Select(p => p.En).Should().Equal("line 1: unknown column 'result'; the columns are: item, kind, value, reported_as, detection_limit, note", "line 1: column 'kind' appears twice");
    }

    [Fact]
    public void Every_row_problem_is_listed_with_its_line()
    {
        var (_, problems) = ResultsCsv.Parse("item,kind,value\n,value,1\nna,value\nmg,value,\nca,value,1,5\n");

        problems.Select(p => p.En).Should().Equal(
            "line 2: item is empty",
            "line 3: 2 fields, the header has 3 (a comma inside a note is not allowed)",
            "line 4: kind 'value' needs a value",
            "line 5: 4 fields, the header has 3 (a comma inside a note is not allowed)");
    }

    [Fact]
    public void A_problem_reads_in_Chinese_too()
    {
        var (_, problems) = ResultsCsv.Parse("item,kind,value\nna,value,0.0O1\n");

        problems.Should().ContainSingle().Which.Zh.Should().Be("第 2 行：value '0.0O1' 不是数字（小数用小数点，例如 0.025）");
    }

    [Theory]
    [InlineData("", "the file is empty: expected a header line, e.g. item,kind,value")]
    [InlineData("item,kind,value\n", "the file has a header but no results")]
    [InlineData("item,value\nna,1\n", "line 1: the header needs a 'kind' column")]
    public void An_empty_or_headless_file_says_what_is_missing(string text, string problem) =>
        ResultsCsv.Parse(text).Problems.Select(p => p.En).Should().Equal(problem);
}
