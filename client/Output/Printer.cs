using System.Text.Json;
using Samples.Client.Http;
using Samples.Client.Language;
using Spectre.Console;
using Text = Samples.Client.Language.Text;

namespace Samples.Client.Output;

/// <summary>
/// Prints results as aligned "field  value" lines or a borderless table for people, or as JSON with --json for scripts.
/// Columns are padded by display width (a Chinese character takes two terminal columns; Spectre.Console measures it),
/// and separated by at least two spaces, so scripts may split a line on two or more spaces.
/// </summary>
public sealed class Printer(TextWriter output, bool json, Lang lang)
{
    public Lang Lang => lang;

    /// <summary>Whether --json was given (a command that prints several parts prints its JSON once).</summary>
    public bool IsJson => json;

    public void Print(object value, IEnumerable<(Text Label, string? Value)> fields)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), ApiClient.Json));
            return;
        }

        var rows = fields.Select(f => (Label: f.Label.Label(lang), f.Value)).ToList();
        var width = rows.Max(r => Width(r.Label));
        foreach (var (label, text) in rows)
        {
            // A value of several lines continues under the value column.
            var lines = (text ?? "-").Split('\n');
            output.WriteLine($"{Pad(label, width)}  {lines[0]}".TrimEnd());
            foreach (var more in lines.Skip(1))
            {
                output.WriteLine($"{new string(' ', width + 2)}{more}".TrimEnd());
            }
        }
    }

    public void Table(object value, IReadOnlyList<Text> headers, IEnumerable<string[]> rows)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), ApiClient.Json));
            return;
        }

        var titles = headers.Select(h => h.Label(lang)).ToArray();
        var all = rows.ToList();
        var widths = titles.Select((h, i) => Math.Max(Width(h), all.Select(r => Width(r[i])).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(Line(titles, widths));
        foreach (var row in all)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    /// <summary>Terminal columns the text takes: East Asian wide characters count two, combining marks none.</summary>
    public static int Width(string text) => text.GetCellWidth();

    /// <summary>The text followed by spaces up to <paramref name="width"/> display columns.</summary>
    public static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - Width(text)));

    private static string Line(string[] cells, int[] widths) => string.Join("  ", cells.Select((c, i) => Pad(c, widths[i]))).TrimEnd();
}
