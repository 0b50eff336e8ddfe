using System.Globalization;
using Samples.Contracts.Tasks;
using Samples.Client.Language;

namespace Samples.Client.Input;

/// <summary>
/// A lab's results file, checked before anything is sent: UTF-8 CSV with a header naming <c>item</c> and <c>kind</c>
/// and optionally <c>value</c>, <c>reported_as</c>, <c>detection_limit</c>, <c>note</c> (any order); one row per item.
/// Every problem is reported with its line, so a file is fixed in one go (in both languages: the command prints it in the run's).
/// </summary>
public static class ResultsCsv
{
    public static readonly string[] Columns = ["item", "kind", "value", "reported_as", "detection_limit", "note"];

    private static readonly string[] RequiredColumns = ["item", "kind"];

    public static (IReadOnlyList<ItemResult> Results, IReadOnlyList<Text> Problems) Parse(string text)
    {
        var problems = new List<Text>();
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select((line, i) => (Text: line, Number: i + 1))
            .Where(l => l.Text.Trim().Length > 0 && !l.Text.TrimStart().StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
        {
            return ([], [ResultsFileProblems.Empty("item,kind,value")]);
        }

        var header = lines[0].Text.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        foreach (var unknown in header.Where(h => !Columns.Contains(h)))
        {
            problems.Add(ResultsFileProblems.UnknownColumn(lines[0].Number, unknown, string.Join(", ", Columns)));
        }

        foreach (var missing in RequiredColumns.Where(c => !header.Contains(c)))
        {
            problems.Add(ResultsFileProblems.MissingColumn(lines[0].Number, missing));
        }

        foreach (var twice in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(ResultsFileProblems.ColumnTwice(lines[0].Number, twice.Key));
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var results = new List<ItemResult>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, number) in lines.Skip(1))
        {
            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
            {
                problems.Add(ResultsFileProblems.FieldCount(number, cells.Length, header.Length));
                continue;
            }

            string? Cell(string column) => Array.IndexOf(header, column) is var i and >= 0 && cells[i].Length > 0 ? cells[i] : null;
            var item = Cell("item");
            var kind = Cell("kind");
            if (item is null)
            {
                problems.Add(ResultsFileProblems.ItemEmpty(number));
                continue;
            }

            if (seen.TryGetValue(item, out var first))
            {
                problems.Add(ResultsFileProblems.ItemTwice(number, item, first));
                continue;
            }

            seen[item] = number;
            if (kind is null || !ItemResult.Kinds.Contains(kind))
            {
                problems.Add(ResultsFileProblems.UnknownKind(number, kind, string.Join(", ", ItemResult.Kinds)));
                continue;
            }

            var value = Number(Cell("value"), "value", number, problems);
            var limit = Number(Cell("detection_limit"), "detection_limit", number, problems);
            if (kind == "value" && value is null && Cell("value") is null)
            {
                problems.Add(ResultsFileProblems.ValueNeeded(number));
                continue;
            }

            results.Add(new ItemResult(item, kind, value, Cell("reported_as"), limit, Cell("note")));
        }

        if (problems.Count == 0 && results.Count == 0)
        {
            problems.Add(ResultsFileProblems.NoResults);
        }

        return (results, problems);
    }

    private static decimal? Number(string? text, string column, int line, List<Text> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(ResultsFileProblems.NotNumber(line, column, text));
        return null;
    }
}
