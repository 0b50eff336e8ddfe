using System.Text.RegularExpressions;
using Samples.Client.Language;
using Samples.Client.Output;

namespace Samples.Tests.Host.Client;

/// <summary>Tables and fields line up by display width: a Chinese character takes two terminal columns.</summary>
public sealed class PrinterTests
{
    [Fact]
    public void A_table_with_Chinese_text_lines_up_its_columns_by_display_width()
    {
        var output = new StringWriter();

        new Printer(output, json: false, Lang.Zh).Table(new object(), [new Text("名称", "Name"), new Text("地区", "Region"), new Text("结果", "Outcome")],
        [
            ["青海示例钾肥有限公司", "632800", "pass"],
            ["Example Ltd", "632700", "fail"],
        ]);

        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        lines[0].Should().StartWith("名称 Name");
        lines.Should().HaveCount(3);
        // Each column starts at the same display column on every line, and columns are two or more spaces apart.
        var starts = lines.Select(l => Regex.Matches(l, @"(?<=  )\S").Select(m => Printer.Width(l[..m.Index])).ToArray()).ToArray();
        starts[1].Should().Equal(starts[0]).And.Equal(starts[2]);
        lines.Select(l => Regex.Split(l, "  +").Length).Should().AllBeEquivalentTo(3, "scripts split a line on two or more spaces");
        Printer.Width("青海").Should().Be(4);
    }

    [Fact]
    public void Fields_are_labelled_Chinese_first_or_in_English_by_setting_and_a_value_of_several_lines_stays_under_its_column()
    {
        var zh = new StringWriter();
        var en = new StringWriter();
        (Text, string?)[] fields = [(new Text("统一社会信用代码", "USCC"), "91632800MA7QHX0817"), (new Text("历史", "History"), "first\nsecond")];

        new Printer(zh, json: false, Lang.Zh).Print(new object(), fields);
        new Printer(en, json: false, Lang.En).Print(new object(), fields);

        zh.ToString().Split(Environment.NewLine).Should().StartWith(["统一社会信用代码 USCC  91632800MA7QHX0817", "历史 History           first", "                       second"]);
        en.ToString().Split(Environment.NewLine).Should().StartWith(["USCC     91632800MA7QHX0817", "History  first", "         second"]);
    }

    [Fact]
    public async Task Without_a_terminal_progress_is_a_start_line_and_a_final_line()
    {
        var error = new StringWriter();

        var result = await ProgressReport.RunAsync(error, "上传 a.csv", 4 << 20, ProgressReport.Megabytes(4 << 20), report =>
        {
            for (var i = 1; i <= 4; i++)
            {
                report(i << 20);
            }

            return Task.FromResult(42);
        });

        result.Should().Be(42);
        error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Should().Equal("上传 a.csv …", "上传 a.csv [#########################] 100% 4.0/4.0 MB");
    }
}
