using System.Text;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;
using static Samples.Domain.Tests.Directory.DirectoryFormats;

namespace Samples.Domain.Tests.Directory;

public sealed class BatchCsvTests
{
    private const string Header = "batch_id,enterprise_uscc,producer_uscc,category,product_name,trademark,spec_model,standard,batch_number,production_date";

    [Fact]
    public void A_minimal_row_becomes_a_normalised_definition()
    {
        var result = Batch(("enterprise_uscc", " " + Uscc(1).ToLowerInvariant()), ("product_name", " 氯化钾 "));

        result.Problems.Should().BeEmpty();
        result.Batch.Should().Be(new DefineBatch("QH-2025/0001", Uscc(1), Uscc(2), "potash-kcl", "氯化钾", null, null, "GB 6549-2011", "20250301", null, ""),
            "values trimmed, codes upper case, empty optional values null, RequestedBy for the caller");
    }

    [Fact]
    public void The_header_must_have_every_column()
    {
        var problem = OnlyProblem(Batches("batch_id,enterprise_uscc,producer_uscc,category,product,trademark,spec_model,standard,batch_number,production_date,standard\n").Single().Problems);

        problem.Reason.Should().StartWith("missing columns: product_name; unknown columns: 'product'; columns named more than once: standard; expected the columns batch_id,");
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("QH 2025", "'QH 2025' is not a batch id: 1-64 letters, digits and . _ : / -, starting with a letter or digit")]
    [InlineData("/QH", "'/QH' is not a batch id: 1-64 letters, digits and . _ : / -, starting with a letter or digit")]
    [InlineData("批次1", "'批次1' is not a batch id: 1-64 letters, digits and . _ : / -, starting with a letter or digit")]
    public void A_batch_id_is_1_to_64_letters_digits_and_punctuation(string id, string reason) =>
        OnlyProblem(Batch(("batch_id", id)).Problems).Should().Be(new ImportProblem(2, "batch_id", reason));

    [Fact]
    public void A_batch_id_may_use_every_allowed_character_and_64_of_them()
    {
        Batch(("batch_id", "a.B_c:1/2-3")).IsValid.Should().BeTrue();
        Batch(("batch_id", "A" + new string('1', 63))).IsValid.Should().BeTrue();
        Batch(("batch_id", "A" + new string('1', 64))).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_repeated_batch_id_names_the_row_it_first_appeared_in()
    {
        string[] Row(string id) => [id, Uscc(1), Uscc(2), "drugs", "药品", "", "", "GB 1", "1", ""];
        var results = Batches(File(Header.Split(','), [Row("B-1"), Row("B-2"), Row("b-1")]));

        results.Select(r => r.IsValid).Should().Equal(true, true, false);
        OnlyProblem(results[2].Problems).Should().Be(new ImportProblem(4, "batch_id", "duplicate of row 2"));
    }

    [Fact]
    public void Both_codes_must_be_valid_USCCs()
    {
        Batch(("enterprise_uscc", ""), ("producer_uscc", "91350100M000100Y44")).Problems.Should().Equal(
            new ImportProblem(2, "enterprise_uscc", "is required: 18 characters, digits and upper-case letters except I, O, Z, S, V"),
            new ImportProblem(2, "producer_uscc", "'91350100M000100Y44': position 18: check character is '4', expected '3'"));
    }

    [Fact]
    public void The_category_is_required_and_known()
    {
        OnlyProblem(Batch(("category", "")).Problems).Should().Be(new ImportProblem(2, "category", "is required"));
        OnlyProblem(Batch(("category", "fertiliser")).Problems).Reason.Should().StartWith("'fertiliser' is not a known category; known: cosmetics,");
        OnlyProblem(Batch(("category", "钾肥")).Problems).Reason.Should().StartWith("'钾肥' is not a category code");
    }

    [Fact]
    public void Text_fields_have_their_limits_and_Chinese_counts_one_per_character()
    {
        var valid = Batch(("product_name", new string('钾', 200)), ("trademark", new string('盐', 100)), ("spec_model", "50kg/袋, 粉状"),
            ("standard", new string('G', 100)), ("batch_number", new string('9', 64)));
        valid.Problems.Should().BeEmpty();
        valid.Batch!.SpecModel.Should().Be("50kg/袋, 粉状");

        Batch(("product_name", ""), ("trademark", new string('盐', 101)), ("spec_model", new string('x', 101)), ("standard", ""), ("batch_number", new string('9', 65)))
            .Problems.Select(p => (p.Field, p.Reason)).Should().Equal(
                ("product_name", "is required"),
                ("trademark", "is 101 characters long; at most 100"),
                ("spec_model", "is 101 characters long; at most 100"),
                ("standard", "is required"),
                ("batch_number", "is 65 characters long; at most 64"));
    }

    [Theory]
    [InlineData("2025-03-01")]
    [InlineData("2025/03/01")]
    [InlineData("20250301")]
    [InlineData(" 2025-03-01 ")]
    public void A_production_date_may_be_written_three_ways(string value) =>
        Batch(("production_date", value)).Batch!.ProductionDate.Should().Be(new DateOnly(2025, 3, 1));

    [Theory]
    [InlineData("2025-13-01", "'2025-13-01' is not a date; use yyyy-MM-dd (or yyyy/MM/dd, yyyyMMdd)")]
    [InlineData("2025-02-29", "'2025-02-29' is not a date; use yyyy-MM-dd (or yyyy/MM/dd, yyyyMMdd)")]
    [InlineData("01/03/2025", "'01/03/2025' is not a date; use yyyy-MM-dd (or yyyy/MM/dd, yyyyMMdd)")]
    [InlineData("2025年3月1日", "'2025年3月1日' is not a date; use yyyy-MM-dd (or yyyy/MM/dd, yyyyMMdd)")]
    [InlineData("2025-06-02", "2025-06-02 is after 2025-06-01: a batch cannot have been produced in the future")]
    public void A_production_date_is_a_real_date_not_after_the_reference_date(string value, string reason) =>
        OnlyProblem(Batch(("production_date", value)).Problems).Should().Be(new ImportProblem(2, "production_date", reason));

    [Fact]
    public void The_reference_date_itself_is_allowed() =>
        Batch(("production_date", "2025-06-01")).IsValid.Should().BeTrue();

    [Fact]
    public void Problems_come_in_column_order_whichever_check_found_them()
    {
        Batch(("batch_id", "x y"), ("category", "unknown"), ("production_date", "bad"), ("standard", ""), ("trademark", "a\u0001")).Problems
            .Select(p => p.Field).Should().Equal("batch_id", "category", "trademark", "standard", "production_date");
    }

    [Fact]
    public void A_BOM_and_Windows_line_ends_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Header + $"\r\nB-1,{Uscc(1)},{Uscc(1)},drugs,药品,,,GB 1,1,2025/05/31\r\n")).ToArray();

        var result = Batches(new MemoryStream(bytes)).Should().ContainSingle().Which;

        result.Problems.Should().BeEmpty();
        result.Batch!.ProductionDate.Should().Be(new DateOnly(2025, 5, 31), "the last column must not keep a CR");
    }

    [Fact]
    public void Export_writes_dates_as_iso_and_empty_optional_values_as_nothing()
    {
        var text = new StringWriter();

        BatchCsv.Write(text, [new DefineBatch("B-1", Uscc(1), Uscc(2), "drugs", "药品, \"片剂\"", null, "10mg", "GB 1", "1", new DateOnly(2025, 1, 2), "ignored")]);

        text.ToString().Should().Be(Header + $"\r\nB-1,{Uscc(1)},{Uscc(2)},drugs,\"药品, \"\"片剂\"\"\",,10mg,GB 1,1,2025-01-02\r\n");
    }

    [Fact]
    public void Export_then_import_gives_back_equal_rows_and_the_same_bytes_and_every_row_passes_the_batch_rules()
    {
        var random = new Random(8);
        string[] categories = [.. Categories];
        string?[] trademarks = [null, "盐湖", "Salt \"Lake\"", "A, B"];
        var batches = Enumerable.Range(0, 500).Select(i => new DefineBatch($"QH-2025/{i:D5}", Uscc(i), Uscc(i + 1000), categories[i % categories.Length],
            $"产品 {i}", trademarks[random.Next(trademarks.Length)], i % 3 == 0 ? null : $"{i}kg/袋", "GB 6549-2011", $"{20250000 + i}",
            i % 4 == 0 ? null : ReferenceDate.AddDays(-random.Next(1000)), string.Empty)).ToList();
        var exported = new MemoryStream();

        BatchCsv.Write(exported, batches);
        var results = Batches(new MemoryStream(exported.ToArray()));

        results.Select(r => r.Batch).Should().Equal(batches, "DefineBatch has no lists, so records compare by value");
        var again = new MemoryStream();
        BatchCsv.Write(again, results.Select(r => r.Batch!));
        again.ToArray().Should().Equal(exported.ToArray());
        results.Should().OnlyContain(r => BatchRules.Check(r.Batch!, ReferenceDate).Count == 0);
    }
}
