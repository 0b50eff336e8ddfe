using System.Text.Json;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;

namespace Samples.Domain.Tasks;

/// <summary>Turns posted results into the verdict engine's measurements, and verdicts into their stored view.</summary>
public static class ItemResults
{
    /// <summary>The measurement, or the reason the result is malformed.</summary>
    public static (Measurement? Measurement, string? Problem) ToMeasurement(ItemResult r) => r.Kind switch
    {
        "value" when r.Value is null => (null, "kind 'value' needs a value"),
        "value" => (Measurement.Of(r.Value.Value, r.ReportedAs), null),
        "not-detected" => (Measurement.NotDetected(r.DetectionLimit), null),
        "detected" => (Measurement.Detected(r.ReportedAs), null),
        "conforms" => (Measurement.Conforms(r.Note), null),
        "does-not-conform" => (Measurement.DoesNotConform(r.Note), null),
        _ => (null, $"kind '{r.Kind}' is not one of: {string.Join(", ", ItemResult.Kinds)}"),
    };

    public static Dictionary<string, Measurement> Measurements(IEnumerable<ItemResult> results) =>
        results.ToDictionary(r => r.Item, r => ToMeasurement(r).Measurement!, StringComparer.Ordinal);

    public static VerdictView View(BatchVerdict verdict) => new(
        Kebab(verdict.Outcome.ToString()),
        verdict.Summary,
        verdict.CatalogueVersion,
        verdict.Items.Select(i => new ItemVerdictView(i.ItemCode, Kebab(i.Outcome.ToString()), i.Required, i.Reason)).ToArray());

    private static string Kebab(string pascal) => JsonNamingPolicy.KebabCaseLower.ConvertName(pascal);
}
