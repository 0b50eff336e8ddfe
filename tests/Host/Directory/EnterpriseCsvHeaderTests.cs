using System.Text;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Silo.Api;
using static Samples.Domain.Tests.Directory.DirectoryCsv;

namespace Samples.Tests.Host.Directory;

public sealed class EnterpriseCsvHeaderTests
{
    private const string Header = "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class";

    private static string Row() => $"{Uscc(1)},青海示例有限公司,632800,,seller,drugs,,,,";

    [Fact]
    public void Missing_and_unknown_columns_are_listed_in_one_header_problem()
    {
        var results = Import("uscc,name,region,address,kind,categories,licences,state,key_supervision\n" + Row() + "\n");

        var problem = results.Should().ContainSingle("a wrong header stops the import before any row").Which.Problems.Should().ContainSingle().Which;
        problem.Row.Should().Be(1);
        problem.Field.Should().Be("header");
        problem.Reason.Should().StartWith("missing columns: region_code, status, risk_class; unknown columns: 'region', 'state'; expected the columns uscc, name, region_code,");
    }

    [Fact]
    public void A_column_name_with_a_space_gets_a_suggestion()
    {
        var header = Header.Replace("region_code", "Region Code", StringComparison.Ordinal);

        Single(header + "\n").Problems.Single().Reason.Should().StartWith("missing columns: region_code; unknown columns: 'Region Code' (did you mean region_code?)");
    }

    [Fact]
    public void A_column_named_twice_is_a_header_problem()
    {
        Single(Header + ",name\n").Problems.Single().Reason.Should().StartWith("columns named more than once: name;");
    }

    [Fact]
    public void Column_names_are_matched_ignoring_case_and_spaces_in_any_order()
    {
        var header = " RISK_CLASS , Key_Supervision,status,licences,categories,kind,address,region_code,Name,USCC ";
        var row = ",,,,drugs,seller,,632800,青海示例有限公司," + Uscc(1);

        var result = Single(header + "\n" + row + "\n");

        result.Problems.Should().BeEmpty();
        result.Enterprise!.Uscc.Should().Be(Uscc(1));
        result.Enterprise.Kind.Should().Be(EnterpriseKind.Seller);
    }

    [Fact]
    public void A_BOM_before_the_header_and_Windows_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + "\r\n" + Row() + "\r\n")).ToArray();

        var result = Import(new MemoryStream(bytes)).Should().ContainSingle().Which;

        result.Problems.Should().BeEmpty("Excel's 'CSV UTF-8' writes a BOM and CRLF");
        result.Row.Should().Be(2);
        result.Enterprise!.RiskClass.Should().Be(RiskClass.B, "the last column must not keep a CR");
    }

    [Fact]
    public void The_optional_override_column_may_be_present_and_empty()
    {
        Single(Header + ",uscc_override_reason\n" + Row() + ",\n").Problems.Should().BeEmpty();
    }

    [Fact]
    public void Unnamed_empty_columns_are_ignored_but_a_value_in_one_is_a_problem()
    {
        Single(Header + ",\n" + Row() + ",\n").Problems.Should().BeEmpty("spreadsheets often add empty trailing columns");
        Single(Header + ",\n" + Row() + ",oops\n").Problems.Should().ContainSingle()
            .Which.Should().Be(new ImportProblem(2, "row", "column 11 has a value but no name in the header"));
    }

    [Fact]
    public void An_empty_file_says_a_header_is_expected()
    {
        var problem = Single("").Problems.Single();

        problem.Should().BeEquivalentTo(new { Row = 1, Field = "file" });
        problem.Reason.Should().StartWith("is empty: the first row must be the header; expected the columns uscc,");
    }

    [Fact]
    public void A_header_without_rows_gives_no_results()
    {
        Import(Header + "\n").Should().BeEmpty("there is nothing to import and nothing wrong");
    }
}
