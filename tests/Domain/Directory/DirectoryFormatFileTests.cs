using System.Diagnostics;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;
using static Samples.Domain.Tests.Directory.DirectoryFormats;

namespace Samples.Domain.Tests.Directory;

/// <summary>What the inspector, lab and batch imports share with the enterprise import: garbage, format errors, row shape, the problem limit.</summary>
public sealed class DirectoryFormatFileTests
{
    public static TheoryData<string> Formats => ["inspectors", "labs", "batches"];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Ten_megabytes_of_random_bytes_get_one_clean_problem_within_a_second(string format)
    {
        var bytes = new byte[10 * 1024 * 1024];
        new Random(20250601).NextBytes(bytes);
        var stopwatch = Stopwatch.StartNew();

        var problems = Import(format, new MemoryStream(bytes));

        stopwatch.Stop();
        var problem = problems.Should().ContainSingle().Which.Should().ContainSingle().Which;
        (problem.Row, problem.Field).Should().Be((1, "file"));
        problem.Reason.Should().EndWith("reading stopped here");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Random_text_fails_as_CSV_or_as_a_header_with_one_problem(string format)
    {
        var random = new Random(7);
        const string alphabet = "abcdefghij ,\"\r\n青海0123456789|=";

        var problems = Import(format, CsvStreams.Lines(1024, _ => new string([.. Enumerable.Range(0, 1024).Select(_ => alphabet[random.Next(alphabet.Length)])])));

        problems.Should().ContainSingle().Which.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_binary_file_is_refused_as_binary(string format)
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];

        Import(format, new MemoryStream(zip)).Single().Single().Reason.Should().StartWith("column 1 contains a NUL character");
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_row_with_too_few_values_and_a_value_under_no_header_are_named(string format)
    {
        var header = string.Join(',', Columns(format));
        var commas = new string(',', Columns(format).Count - 2);

        var problems = Import(format, Bytes($"{header},\nx{commas}\n\n,{commas},oops\n"));

        problems.Should().HaveCount(2);
        problems[0].Single().Should().Be(new ImportProblem(2, "row",
            $"has {Columns(format).Count - 1} values but the header has {Columns(format).Count + 1} columns; a value containing a comma must be in double quotes"));
        problems[1][0].Should().Be(new ImportProblem(4, "row", $"column {Columns(format).Count + 1} has a value but no name in the header"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void An_unterminated_quote_names_the_row_and_column_and_stops(string format)
    {
        var header = string.Join(',', Columns(format));

        var problem = Import(format, Bytes($"{header}\nx,\"never closed\n")).Single().Single();

        problem.Should().Be(new ImportProblem(2, Columns(format)[1],
            "column 2 has a quoted value that is never closed: the file ends before its closing quote (\"); reading stopped here"));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Reading_stops_after_the_maximum_number_of_problems(string format)
    {
        var header = string.Join(',', Columns(format));
        var bad = "!" + new string(',', Columns(format).Count - 1);
        var text = header + "\n" + string.Concat(Enumerable.Repeat(bad + "\n", 20));

        var problems = Import(format, Bytes(text), Context(maxProblems: 5));

        problems[^1].Single().Field.Should().Be("file");
        problems[^1].Single().Reason.Should().StartWith("stopped after");
        problems.Count.Should().BeLessThan(7);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void A_header_without_rows_gives_no_results(string format) =>
        Import(format, Bytes(string.Join(',', Columns(format)) + "\r\n")).Should().BeEmpty();

    private static IReadOnlyList<string> Columns(string format) => format switch
    {
        "inspectors" => InspectorCsvColumns.Required,
        "labs" => LabCsvColumns.Required,
        _ => BatchCsvColumns.Required,
    };

    /// <summary>The problems of each result.</summary>
    private static List<IReadOnlyList<ImportProblem>> Import(string format, Stream stream, ImportContext? context = null) => format switch
    {
        "inspectors" => [.. Inspectors(stream, context).Select(r => r.Problems)],
        "labs" => [.. Labs(stream, context).Select(r => r.Problems)],
        _ => [.. Batches(stream, context).Select(r => r.Problems)],
    };
}
