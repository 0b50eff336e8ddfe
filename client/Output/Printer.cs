using System.Text.Json;
using Samples.Client.Http;

namespace Samples.Client.Output;

/// <summary>Prints results as aligned "field  value" lines for people, or as JSON with --json for scripts.</summary>
public sealed class Printer(TextWriter output, bool json)
{
    public void Print(object value, IEnumerable<(string Label, string? Value)> fields)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), ApiClient.Json));
            return;
        }

        var rows = fields.ToList();
        var width = rows.Max(r => r.Label.Length);
        foreach (var (label, text) in rows)
        {
            output.WriteLine($"{label.PadRight(width)}  {text ?? "-"}");
        }
    }

    public void Table(object value, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, value.GetType(), ApiClient.Json));
            return;
        }

        var all = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, all.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in all)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }
    }
}
