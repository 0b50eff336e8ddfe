using System.Diagnostics;
using System.Text;
using Samples.Domain.Directory;
using Xunit.Abstractions;

namespace Samples.Domain.Tests.Directory;

public sealed class CsvReaderTests(ITestOutputHelper output)
{
    private static List<string[]> ReadAll(Stream stream, CsvLimits? limits = null)
    {
        using var csv = new CsvReader(stream, limits);
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(csv.ToArray());
        }

        return records;
    }

    private static List<string[]> ReadAll(string text, CsvLimits? limits = null) => ReadAll(CsvStreams.Utf8(text), limits);

    /// <summary>Each record's values joined by '¦', for compact exact comparisons.</summary>
    private static List<string> Joined(List<string[]> records) => [.. records.Select(r => string.Join('¦', r))];

    private static CsvFormatException Failure(Stream stream, CsvLimits? limits = null)
    {
        var act = () => ReadAll(stream, limits);
        return act.Should().Throw<CsvFormatException>().Which;
    }

    private static CsvFormatException Failure(string text, CsvLimits? limits = null) => Failure(CsvStreams.Utf8(text), limits);

    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\nc,d")]
    [InlineData("a,b\r\nc,d\r\n\r\n")]
    [InlineData("\uFEFFa,b\nc,d\n")]
    public void Line_ends_a_final_line_break_a_trailing_empty_line_and_a_BOM_make_no_difference(string text)
    {
        Joined(ReadAll(text)).Should().Equal(["a¦b", "c¦d"],
            "LF, CRLF and CR all end a record, the last line break is optional and the BOM is not data");
    }

    [Fact]
    public void A_UTF8_BOM_in_the_bytes_is_skipped()
    {
        ReadAll(CsvStreams.Utf8("uscc,name\n", bom: true)).Single().Should().Equal(["uscc", "name"], "the BOM must not stick to the first column name");
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var records = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"line1\r\nline2\",\"\"\n\"\"\"\",x\n");

        records.Should().HaveCount(2);
        records[0].Should().Equal(["a,b", "say \"hi\"", "line1\r\nline2", ""], "RFC 4180 quoting keeps everything inside the quotes");
        records[1].Should().Equal(["\"", "x"]);
    }

    [Fact]
    public void Empty_fields_and_a_trailing_comma_give_empty_values()
    {
        ReadAll(",a,,\n").Single().Should().Equal(["", "a", "", ""]);
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_as_rows()
    {
        using var csv = new CsvReader(CsvStreams.Utf8("h\n\nx\n\r\ny\n"));

        var rows = new List<(int, string)>();
        while (csv.Read())
        {
            rows.Add((csv.Row, csv.GetString(0)));
        }

        rows.Should().Equal([(1, "h"), (3, "x"), (5, "y")], "row numbers must match what a spreadsheet shows");
    }

    [Fact]
    public void A_line_of_one_quoted_empty_value_is_a_record_not_a_blank_line()
    {
        ReadAll("\"\"\n").Single().Should().Equal([""]);
    }

    [Fact]
    public void Chinese_text_survives_byte_by_byte_reads_across_every_buffer_boundary()
    {
        const string text = "名称,地址\r\n\"青海盐湖示例钾肥有限公司\",\"格尔木市, 察尔汗\"\r\n😀,é\r\n";

        var records = ReadAll(CsvStreams.OneByteAtATime(Encoding.UTF8.GetBytes(text)));

        Joined(records).Should().Equal(["名称¦地址", "青海盐湖示例钾肥有限公司¦格尔木市, 察尔汗", "😀¦é"],
            "multi-byte sequences and CRLF split across reads must decode the same");
    }

    [Fact]
    public void A_TextReader_is_read_the_same_and_its_BOM_character_skipped()
    {
        using var csv = new CsvReader(new StringReader("\uFEFFa,\"b\"\n"));

        csv.Read().Should().BeTrue();
        csv.ToArray().Should().Equal(["a", "b"]);
        csv.Read().Should().BeFalse();
    }

    [Fact]
    public void An_empty_input_has_no_records()
    {
        ReadAll("").Should().BeEmpty();
        ReadAll("\uFEFF").Should().BeEmpty();
    }

    [Fact]
    public void An_unterminated_quote_names_the_row_and_column_where_it_opened()
    {
        var error = Failure("a,b\nc,\"never closed\nmore\n");

        error.Row.Should().Be(2);
        error.Column.Should().Be(2);
        error.Message.Should().Be("row 2, column 2: has a quoted value that is never closed: the file ends before its closing quote (\")");
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_is_refused()
    {
        var error = Failure("a,b\nc,d\"e\n");

        (error.Row, error.Column).Should().Be((2, 2));
        error.Reason.Should().StartWith("has a quote inside an unquoted value");
    }

    [Fact]
    public void Text_after_a_closing_quote_is_refused()
    {
        var error = Failure("\"a\"b,c\n");

        (error.Row, error.Column).Should().Be((1, 1));
        error.Reason.Should().StartWith("has 'b' after a closing quote");
    }

    [Fact]
    public void A_NUL_character_is_refused_as_binary()
    {
        var error = Failure(new MemoryStream([(byte)'a', (byte)',', (byte)'b', (byte)'\n', (byte)'c', 0, (byte)'d']));

        (error.Row, error.Column).Should().Be((2, 1));
        error.Reason.Should().Contain("NUL character");
    }

    [Fact]
    public void Invalid_UTF8_names_the_row_column_and_byte_offset()
    {
        // "h1,h2\n" (6 bytes), "ok,\xC0\xAF": an overlong encoding of '/', which UTF-8 forbids, at byte 9.
        var bytes = Encoding.ASCII.GetBytes("h1,h2\nok,").Concat(new byte[] { 0xC0, 0xAF, (byte)'\n' }).ToArray();

        var error = Failure(new MemoryStream(bytes));

        (error.Row, error.Column).Should().Be((2, 2), "the error must point at the value holding the bad bytes");
        error.Reason.Should().StartWith("is not valid UTF-8 (byte offset 9, byte 0xC0)");
    }

    [Fact]
    public void A_GBK_file_is_refused_with_a_hint_to_save_as_UTF8()
    {
        var gbk = new byte[] { (byte)'a', (byte)'\n', 0xC7, 0xE0, 0xBA, 0xA3, (byte)'\n' }; // 青海 in GBK

        Failure(new MemoryStream(gbk)).Reason.Should().Contain("CSV UTF-8").And.Contain("GBK");
    }

    [Fact]
    public void A_UTF8_sequence_cut_off_at_the_end_of_the_file_is_refused()
    {
        var error = Failure(new MemoryStream([(byte)'a', (byte)',', 0xE9, 0x9D]));

        (error.Row, error.Column).Should().Be((1, 2));
        error.Reason.Should().StartWith("is not valid UTF-8 (byte offset 2");
    }

    [Fact]
    public void A_UTF16_file_is_recognised_and_explained()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b\n")).ToArray();

        Failure(new MemoryStream(bytes)).Reason.Should().StartWith("the file is UTF-16");
    }

    [Fact]
    public void A_field_longer_than_the_limit_is_refused()
    {
        var limits = new CsvLimits(MaxFieldLength: 10);

        ReadAll("0123456789\n", limits).Single().Should().Equal(["0123456789"], "exactly the limit is allowed");
        var error = Failure("ok,01234567890\n", limits);
        (error.Row, error.Column).Should().Be((1, 2));
        error.Reason.Should().Be("is longer than 10 characters");
    }

    [Fact]
    public void A_long_quoted_field_suggests_a_missing_closing_quote()
    {
        Failure("\"" + new string('x', 20), new CsvLimits(MaxFieldLength: 10)).Reason.Should().Be("is longer than 10 characters (is a closing quote missing?)");
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_refused()
    {
        var error = Failure("12345,12345,12345\n", new CsvLimits(MaxRecordLength: 12));

        error.Column.Should().Be(3);
        error.Reason.Should().Be("makes the row longer than 12 characters");
    }

    [Fact]
    public void More_columns_than_the_limit_are_refused()
    {
        ReadAll("a,b,c\n", new CsvLimits(MaxColumns: 3)).Single().Should().HaveCount(3);
        var error = Failure("a,b,c,d\n", new CsvLimits(MaxColumns: 3));
        (error.Row, error.Column).Should().Be((1, 4));
        error.Reason.Should().Be("has more than 3 columns");
    }

    [Fact]
    public void After_an_error_every_further_read_throws_the_same_error()
    {
        using var csv = new CsvReader(CsvStreams.Utf8("\"a"));

        var first = ((Action)(() => csv.Read())).Should().Throw<CsvFormatException>().Which;
        ((Action)(() => csv.Read())).Should().Throw<CsvFormatException>().Which.Should().BeSameAs(first, "a broken reader must not resume mid-record");
    }

    [Fact]
    public void Ten_megabytes_of_one_endless_line_fail_fast_at_the_field_limit()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = Failure(CsvStreams.Lines(1, _ => new string('x', 10_000_000)));

        error.Reason.Should().Be("is longer than 2000 characters");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "the reader stops at the limit instead of buffering the line");
    }

    [Fact]
    public void A_million_rows_of_ten_short_fields_are_read_at_well_over_200k_rows_per_second()
    {
        const int rows = 1_000_000;
        string Line(int i) => $"{i},91632800MA7QHX0817,青海示例{i % 97},632800,producer,potash|lithium,QS-{i % 1000},active,true,\"B, low\"";
        using var stream = CsvStreams.Lines(rows, Line);

        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        long chars = 0;
        using (var csv = new CsvReader(stream))
        {
            while (csv.Read())
            {
                count++;
                chars += csv.Field(csv.FieldCount - 1).Length;
            }
        }

        stopwatch.Stop();
        var rate = count / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"CsvReader: {count:N0} rows of 10 fields in {stopwatch.Elapsed.TotalMilliseconds:N0} ms = {rate:N0} rows/s (generation of the input included)");

        count.Should().Be(rows);
        chars.Should().Be(6L * rows, "the quoted last field is 'B, low'");
        rate.Should().BeGreaterThan(50_000, "the target is 200k rows/s on one core; this bound only catches a pathological slowdown on a busy machine");
    }
}
