using System.Diagnostics;
using System.Text;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using Samples.Domain.Tests.Directory;
using Samples.Silo.Api;
using Xunit.Abstractions;
using static Samples.Domain.Tests.Directory.DirectoryCsv;

namespace Samples.Tests.Host.Directory;

public sealed class EnterpriseCsvFileTests(ITestOutputHelper output)
{
    private static readonly string[] Header = [.. EnterpriseCsvColumns.Required];

    private static string[] RowValues(string uscc, string region = "632800") =>
        [uscc, "青海示例有限公司", region, "", "seller", "drugs", "", "", "", ""];

    [Fact]
    public void A_repeated_USCC_names_the_row_it_first_appeared_in()
    {
        var text = File(Header, [RowValues(Uscc(1)), RowValues(Uscc(2)), RowValues(Uscc(1).ToLowerInvariant())]);

        var results = Import(text);

        results.Select(r => r.IsValid).Should().Equal([true, true, false]);
        results[2].Problems.Should().ContainSingle().Which.Should().Be(new ImportProblem(4, "uscc", "duplicate of row 2"),
            "codes are compared after upper-casing");
    }

    [Fact]
    public void Rows_are_numbered_as_a_spreadsheet_shows_them_even_with_line_breaks_inside_values()
    {
        var first = RowValues(Uscc(1));
        first[3] = "第一行\n第二行";
        var text = File(Header, [first, RowValues(Uscc(1))]);

        Import(text)[1].Problems.Single().Should().Be(new ImportProblem(3, "uscc", "duplicate of row 2"));
    }

    [Fact]
    public void Reading_stops_after_the_maximum_number_of_problems_with_a_final_problem_saying_so()
    {
        var rows = Enumerable.Range(0, 50).Select(i => RowValues(Uscc(i), region: "632100"));

        var results = Import(File(Header, rows), Context(maxProblems: 5));

        results.Should().HaveCount(6, "five rows with one problem each, then the stop");
        results[^1].Problems.Single().Should().Be(new ImportProblem(6, "file", "stopped after 5 problems (the limit is 5); rows after row 6 were not read"));
    }

    [Fact]
    public void Valid_rows_keep_coming_between_invalid_ones()
    {
        var results = Import(File(Header, [RowValues(Uscc(1)), RowValues(Uscc(2), "632100"), RowValues(Uscc(3))]));

        results.Select(r => (r.Row, r.IsValid)).Should().Equal([(2, true), (3, false), (4, true)]);
    }

    [Fact]
    public void An_unterminated_quote_is_one_problem_naming_the_row_and_column()
    {
        var text = File(Header, [RowValues(Uscc(1))]) + $"{Uscc(2)},\"青海示例有限公司,632800,,seller,drugs,,,,\n";

        var results = Import(text);

        results.Should().HaveCount(2);
        results[1].Problems.Should().ContainSingle().Which.Should().Be(new ImportProblem(3, "name",
            "column 2 has a quoted value that is never closed: the file ends before its closing quote (\"); reading stopped here"));
    }

    [Fact]
    public void Invalid_UTF8_in_a_row_names_the_column_by_its_header_name()
    {
        var bytes = Encoding.UTF8.GetBytes(File(Header, [RowValues(Uscc(1))]) + Uscc(2) + ",")
            .Concat(new byte[] { 0xC7, 0xE0, 0xBA, 0xA3 })
            .Concat(Encoding.UTF8.GetBytes(",632800,,seller,drugs,,,,\n")).ToArray();

        var problem = Import(new MemoryStream(bytes))[^1].Problems.Single();

        (problem.Row, problem.Field).Should().Be((3, "name"));
        problem.Reason.Should().StartWith("column 2 is not valid UTF-8").And.EndWith("reading stopped here");
    }

    [Fact]
    public void Ten_megabytes_of_random_bytes_get_one_clean_problem_within_a_second()
    {
        var bytes = new byte[10 * 1024 * 1024];
        new Random(20250601).NextBytes(bytes);
        var stopwatch = Stopwatch.StartNew();

        var results = Import(new MemoryStream(bytes));

        stopwatch.Stop();
        output.WriteLine($"10 MB of random bytes answered in {stopwatch.Elapsed.TotalMilliseconds:N1} ms: {results.Single().Problems.Single()}");
        var problem = results.Should().ContainSingle().Which.Problems.Should().ContainSingle().Which;
        (problem.Row, problem.Field).Should().Be((1, "file"));
        problem.Reason.Should().EndWith("reading stopped here");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "garbage must fail fast, not be buffered");
    }

    [Fact]
    public void Ten_megabytes_of_random_printable_text_get_one_clean_problem_within_a_second()
    {
        var random = new Random(7);
        const string alphabet = "abcdefghij ,\"\r\n青海0123456789";
        var stopwatch = Stopwatch.StartNew();

        var results = Import(CsvStreams.Lines(10 * 1024, _ => new string([.. Enumerable.Range(0, 1024).Select(_ => alphabet[random.Next(alphabet.Length)])])));

        stopwatch.Stop();
        output.WriteLine($"10 MB of random text answered in {stopwatch.Elapsed.TotalMilliseconds:N1} ms: {results[^1].Problems[^1]}");
        results.Should().ContainSingle("random text fails as a CSV or as a header, and either stops the import").Which.Problems.Should().ContainSingle();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_binary_file_with_NULs_is_refused_as_binary()
    {
        // The start of a ZIP archive (an .xlsx saved instead of a CSV).
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];

        var problem = Import(new MemoryStream(zip)).Single().Problems.Single();

        problem.Should().Be(new ImportProblem(1, "file",
            "column 1 contains a NUL character: this looks like a binary file (or UTF-16 text), not a UTF-8 CSV; reading stopped here"));
    }

    [Fact]
    public void Export_then_import_gives_back_equal_rows_and_the_same_bytes()
    {
        var rows = GeneratedRows(2_000, new Random(42)).ToList();
        var exported = new MemoryStream();

        EnterpriseCsv.Write(exported, rows);
        var bytes = exported.ToArray();
        var results = Import(new MemoryStream(bytes));

        bytes.Take(3).Should().NotEqual(Encoding.UTF8.Preamble.ToArray(), "export is UTF-8 without a BOM");
        results.Should().OnlyContain(r => r.IsValid, "export writes only what import accepts");
        results.Select(r => r.Enterprise).Should().BeEquivalentTo(rows, o => o.WithStrictOrdering(), "every field survives, lists in order");
        var again = new MemoryStream();
        EnterpriseCsv.Write(again, results.Select(r => r.Enterprise!));
        again.ToArray().Should().Equal(bytes, "the same data always gives the same file");
    }

    [Fact]
    public void Export_writes_the_header_and_canonical_words()
    {
        var row = new EnterpriseRow(2, Uscc(1), "青海示例, \"有限\"公司", null, "632803", EnterpriseKind.TouristSiteRetailer, ["cosmetics", "drugs"], [],
            EnterpriseStatus.AbnormalOperation, true, RiskClass.D, null, null);
        var text = new StringWriter();

        EnterpriseCsv.Write(text, [row]);

        text.ToString().Should().Be(
            "uscc,name,region_code,address,kind,categories,licences,status,key_supervision,risk_class,uscc_override_reason\r\n" +
            $"{Uscc(1)},\"青海示例, \"\"有限\"\"公司\",632803,,tourist-site-retailer,cosmetics|drugs,,abnormal,true,D,\r\n");
    }

    [Fact]
    public void Export_refuses_a_list_item_containing_the_separator()
    {
        var row = new EnterpriseRow(2, Uscc(1), "青海示例", null, "632800", EnterpriseKind.Seller, ["a|b"], [], EnterpriseStatus.Active, false, RiskClass.B, null, null);

        var act = () => EnterpriseCsv.Write(new StringWriter(), [row]);

        act.Should().Throw<ArgumentException>().WithMessage("*categories item 'a|b' contains '|'*");
    }

    [Fact]
    public void A_million_generated_rows_are_imported_quickly()
    {
        const int count = 1_000_000;
        var regions = new[] { "630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800", "630106", "632301", "632803" };
        string Line(int i) => i == 0
            ? string.Join(',', EnterpriseCsvColumns.Required)
            : $"{Uscc(i)},青海示例企业{i}有限公司,{regions[i % regions.Length]},\"格尔木市, {i}号\",{(i % 3 == 0 ? "生产" : "seller")},potash-kcl|lithium-carbonate,QS-{i},active,{i % 2},{"ABCD"[i % 4]}";
        using var stream = CsvStreams.Lines(count + 1, Line);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();

        var valid = 0;
        var invalid = 0;
        foreach (var result in EnterpriseCsv.Read(stream, Context()))
        {
            if (result.IsValid)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
        }

        stopwatch.Stop();
        var rate = count / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"EnterpriseCsv.Read: {count:N0} rows in {stopwatch.Elapsed.TotalMilliseconds:N0} ms = {rate:N0} rows/s " +
            $"(input generated on the fly, ~{(GC.GetAllocatedBytesForCurrentThread() - before) / count} bytes allocated per row, working set {Environment.WorkingSet / 1024 / 1024} MB)");

        (valid, invalid).Should().Be((count, 0));
        rate.Should().BeGreaterThan(30_000, "well above 200k rows/s is expected; this bound only catches a pathological slowdown on a shared machine");
    }

    /// <summary>Normalised rows (as import would produce them) with quoting hazards, Chinese text and overridden codes.</summary>
    private static IEnumerable<EnterpriseRow> GeneratedRows(int count, Random random)
    {
        string[] regions = ["630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800", "630106", "632301", "632803"];
        string[] names = ["青海盐湖示例钾肥有限公司", "Golmud \"Lithium\" Co., Ltd.", "西宁, 示例药店", "玉树景区 商店"];
        string?[] addresses = [null, "格尔木市察尔汗", "Line 1\r\nLine 2", "a,b,\"c\"", "西宁市城西区 五四大街 1号"];
        string[] categories = [.. Categories];
        for (var i = 0; i < count; i++)
        {
            var code = Uscc(i * 7 + 3);
            string? reason = null;
            string? overridden = null;
            if (i % 50 == 0)
            {
                code = WithWrongCheck(code);
                reason = "early pilot code, confirmed by the registry office, 2015";
                overridden = Samples.Domain.Directory.Uscc.Validate(code).Problem;
            }

            var cats = categories.Where(_ => random.Next(3) == 0).DefaultIfEmpty(categories[i % categories.Length]).Order(StringComparer.Ordinal).ToList();
            var licences = Enumerable.Range(0, random.Next(3)).Select(k => $"QS{i}-{k}, 青").Order(StringComparer.Ordinal).ToList();
            yield return new EnterpriseRow(i + 2, code, names[i % names.Length] + i, addresses[random.Next(addresses.Length)], regions[random.Next(regions.Length)],
                (EnterpriseKind)random.Next(3), cats, licences, (EnterpriseStatus)random.Next(3), random.Next(2) == 1, (RiskClass)random.Next(4), reason, overridden);
        }
    }
}
