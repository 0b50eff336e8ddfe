using System.Globalization;
using Samples.Domain.Directory;

namespace Samples.Domain.Risk;

/// <summary>A run's classes as CSV: one row per enterprise, each indicator's value and points in columns, UTF-8 with a BOM, formulas neutralised.</summary>
public static class RiskCsv
{
    public static string Write(RiskModel model, IEnumerable<RiskEvaluation> evaluations, IReadOnlyDictionary<string, string> names)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        csv.WriteRecord(["uscc", "name", "score", "class", .. model.Indicators.SelectMany(i => new[] { i.Code, $"{i.Code}_points" })]);
        foreach (var e in evaluations)
        {
            var byCode = e.Contributions.ToDictionary(c => c.Indicator, StringComparer.Ordinal);
            csv.WriteRecord([e.Uscc, names.GetValueOrDefault(e.Uscc), N(e.Score), e.Class.ToString(),
                .. model.Indicators.SelectMany(i => byCode.TryGetValue(i.Code, out var c) ? new[] { N(c.Value), N(c.Points) } : ["", ""])]);
        }

        return "\uFEFF" + text;
    }

    private static string N(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
