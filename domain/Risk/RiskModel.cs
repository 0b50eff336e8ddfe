using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.Domain.Risk;

/// <summary>
/// An enterprise evaluation model (企业分类指标体系及评价模型), kept as versioned data a supervisor edits, not code:
/// indicators with their definition, data source and weight, and the score from which each risk class begins. An
/// enterprise's score is the sum over indicators of min(cap, value × points per unit); its class is the first whose
/// threshold the score reaches (D before C before B; A from 0).
/// </summary>
public sealed record RiskModel
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string NameZh { get; init; }

    public required string NameEn { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>Where the model comes from (e.g. seed 004 item 23) and why its weights are what they are.</summary>
    public required string Source { get; init; }

    public required IReadOnlyList<RiskIndicator> Indicators { get; init; }

    /// <summary>Score thresholds, D first: D, C, B, A (A's is 0).</summary>
    public required IReadOnlyList<RiskThreshold> Classes { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The model in <paramref name="json"/>, or what is wrong with it (each problem names its field).</summary>
    public static (RiskModel? Model, IReadOnlyList<string> Problems) Parse(string json)
    {
        RiskModel? model;
        try
        {
            model = JsonSerializer.Deserialize<RiskModel>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, [$"{e.Path ?? "$"}: {e.Message.Split('\n')[0]}"]);
        }

        if (model is null)
        {
            return (null, ["$: a model is a JSON object"]);
        }

        var problems = RiskModelRules.Problems(model);
        return problems.Count == 0 ? (model, []) : (null, problems);
    }

    /// <summary>The model that ships with the product: the salt-lake chemical index of seed 004, version 1.</summary>
    public static RiskModel Shipped
    {
        get
        {
            using var stream = typeof(RiskModel).Assembly.GetManifestResourceStream("Samples.Domain.Risk.Data.salt-lake-chemicals-v1.json")
                ?? throw new InvalidOperationException("the shipped risk model is missing from the assembly");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd()).Model ?? throw new InvalidOperationException("the shipped risk model does not pass its own rules");
        }
    }
}

/// <summary>
/// One indicator: its code, names, definition, where its value comes from (<c>system</c>: computed from the system's
/// own records; <c>import</c>: a monthly CSV), the points one unit of it adds, and the most it may add.
/// </summary>
public sealed record RiskIndicator(string Code, string NameZh, string NameEn, string Definition, string Source, decimal PointsPerUnit, decimal Cap);

public sealed record RiskThreshold(Contracts.Directory.RiskClass Class, decimal MinScore);

/// <summary>The checks a model must pass before it is stored.</summary>
public static class RiskModelRules
{
    public const string System = "system";
    public const string Import = "import";

    public static IReadOnlyList<string> Problems(RiskModel m)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(m.Id) || m.Id.Length > 64 || !m.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            problems.Add("id: 1 to 64 letters, digits or '-'");
        }

        if (m.Version < 1)
        {
            problems.Add("version: 1 or more");
        }

        if (m.Indicators.Count == 0)
        {
            problems.Add("indicators: at least one");
        }

        foreach (var (indicator, i) in m.Indicators.Select((x, i) => (x, i)))
        {
            if (indicator.Source == System && !SystemIndicators.Codes.Contains(indicator.Code))
            {
                problems.Add($"indicators[{i}].code: '{indicator.Code}' is no indicator the system computes (one of: {string.Join(", ", SystemIndicators.Codes)}); an imported one has source 'import'");
            }

            if (indicator.Source is not (System or Import))
            {
                problems.Add($"indicators[{i}].source: 'system' or 'import'");
            }

            if (indicator.Source == Import && (indicator.Code.Length is 0 or > 40 || !indicator.Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                problems.Add($"indicators[{i}].code: 1 to 40 lower-case letters, digits or '-'");
            }

            if (indicator.PointsPerUnit < 0 || indicator.Cap < 0)
            {
                problems.Add($"indicators[{i}]: pointsPerUnit and cap are 0 or more");
            }

            if (string.IsNullOrWhiteSpace(indicator.NameZh) || string.IsNullOrWhiteSpace(indicator.Definition))
            {
                problems.Add($"indicators[{i}]: nameZh and definition are required");
            }
        }

        foreach (var code in m.Indicators.GroupBy(x => x.Code).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"indicators: '{code}' appears more than once");
        }

        var classes = m.Classes.Select(c => c.Class).ToList();
        if (!classes.SequenceEqual([Contracts.Directory.RiskClass.D, Contracts.Directory.RiskClass.C, Contracts.Directory.RiskClass.B, Contracts.Directory.RiskClass.A]))
        {
            problems.Add("classes: D, C, B and A, in that order");
        }
        else if (m.Classes[^1].MinScore != 0 || m.Classes.Zip(m.Classes.Skip(1)).Any(p => p.First.MinScore <= p.Second.MinScore))
        {
            problems.Add("classes: thresholds fall strictly from D to A, and A begins at 0");
        }

        return problems;
    }
}
