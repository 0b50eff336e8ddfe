using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;

namespace Samples.Domain.Tests.Directory;

/// <summary>Exports keep spreadsheets from running cells as formulas, and imports read back the values that were exported.</summary>
public sealed class CsvFormulaGuardTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+8613800000000", "'+8613800000000")]
    [InlineData("-40℃", "'-40℃")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-", "'-")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("'=x", "''=x")]
    [InlineData("''-x", "'''-x")]
    [InlineData("'plain", "'plain")]
    [InlineData("'", "'")]
    [InlineData("a=b", "a=b")]
    [InlineData("plain-text", "plain-text")]
    [InlineData(" -x", "\" -x\"")]
    public void A_value_starting_like_a_formula_is_written_after_an_apostrophe_and_read_back_unchanged(string value, string written)
    {
        var text = new StringWriter();
        new CsvWriter(text).WriteRecord(["h", value]);

        text.ToString().Should().Be($"h,{written}\r\n");
        using var csv = new CsvReader(new StringReader(text.ToString()));
        csv.Read().Should().BeTrue();
        csv.GetString(1).Should().Be(value);
    }

    [Fact]
    public void An_enterprise_export_neutralises_formulas_and_its_import_restores_the_values()
    {
        var row = new EnterpriseRow(2, Uscc(1), "-青海示例公司", "=cmd|' /C calc'!A0", "632800", EnterpriseKind.Seller, ["drugs"], ["+L2", "@L-1"],
            EnterpriseStatus.Active, false, RiskClass.B, null, null);
        var exported = new StringWriter();

        EnterpriseCsv.Write(exported, [row]);

        var line = exported.ToString().Split("\r\n")[1];
        line.Should().Be($"{Uscc(1)},'-青海示例公司,632800,'=cmd|' /C calc'!A0,seller,drugs,'+L2|@L-1,active,false,B,");
        var imported = EnterpriseCsv.Read(new StringReader(exported.ToString()), Context()).Single();
        imported.Problems.Should().BeEmpty();
        imported.Enterprise.Should().BeEquivalentTo(row);
        var again = new StringWriter();
        EnterpriseCsv.Write(again, [imported.Enterprise!]);
        again.ToString().Should().Be(exported.ToString(), "export, import, export gives the same bytes");
    }

    [Fact]
    public void A_batch_export_round_trips_values_that_start_like_formulas()
    {
        var batch = new DefineBatch("QH-2025/1", Uscc(1), Uscc(2), "drugs", "=产品", "+商标", "-40℃/袋", "GB 6549-2011", "@20250301", null, string.Empty);
        var exported = new MemoryStream();

        BatchCsv.Write(exported, [batch]);

        var text = System.Text.Encoding.UTF8.GetString(exported.ToArray());
        text.Should().Contain(",'=产品,'+商标,'-40℃/袋,GB 6549-2011,'@20250301,");
        var imported = BatchCsv.Read(new MemoryStream(exported.ToArray()), Context()).Single();
        imported.Problems.Should().BeEmpty();
        imported.Batch.Should().Be(batch);
    }
}
