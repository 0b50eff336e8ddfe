using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Samples.Domain.Catalogue;

/// <summary>
/// Reads catalogue versions: the ones shipped in this assembly (<c>Catalogue/Data/catalogue-v*.json</c>)
/// and new versions supplied by an administrator, checked field by field (see README.md in this folder).
/// </summary>
public static partial class CatalogueLoader
{
    private const string ResourcePrefix = "Samples.Domain.Catalogue.Data.catalogue-v";

    private static readonly Lazy<IReadOnlyList<CatalogueVersion>> Shipped = new(ReadShipped);

    /// <summary>The newest catalogue version shipped with the product.</summary>
    /// <exception cref="InvalidOperationException">The shipped data is invalid (a defect of the build, not user input).</exception>
    public static CatalogueVersion LoadShipped() => Shipped.Value[^1];

    /// <summary>Every shipped catalogue version, oldest first.</summary>
    public static IReadOnlyList<CatalogueVersion> LoadShippedVersions() => Shipped.Value;

    /// <summary>
    /// Parses and checks a catalogue document. Returns the catalogue, or the problems found, each
    /// with its path (<c>categories[2].items[1].limit.min</c>) and the category and item it concerns.
    /// A malformed document (bad JSON, wrong type, unknown field or kind) reports its first error; a
    /// well-formed one reports every rule it breaks.
    /// </summary>
    public static CatalogueParseResult Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new(null, [new(string.Empty, "the document is empty")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new(null, [new(string.Empty, $"is not valid JSON: {Describe(e.Message)}{Position(e)}")]);
        }

        using (document)
        {
            CatalogueVersion? catalogue;
            try
            {
                catalogue = document.Deserialize<CatalogueVersion>(CatalogueJson.Options);
            }
            catch (JsonException e)
            {
                return new(null, [Problem(document, e.Path, e.Message, Position(e))]);
            }
            catch (NotSupportedException e)
            {
                // Thrown for an object without "kind" where a limit or measurement is expected.
                var path = PathInMessage().Match(e.Message) is { Success: true } m ? m.Groups[1].Value : null;
                return new(null, [Problem(document, path, e.Message, string.Empty)]);
            }

            if (catalogue is null)
            {
                return new(null, [new(string.Empty, "must be an object with version, effectiveDate and categories, not null")]);
            }

            var problems = CatalogueValidator.Validate(catalogue);
            return problems.Count == 0 ? new(catalogue, []) : new(null, problems);
        }
    }

    /// <summary>Writes a catalogue in the same format <see cref="Parse"/> reads.</summary>
    public static string Serialize(CatalogueVersion catalogue) => JsonSerializer.Serialize(catalogue, CatalogueJson.Options);

    private static List<CatalogueVersion> ReadShipped()
    {
        var assembly = typeof(CatalogueLoader).Assembly;
        var versions = new List<CatalogueVersion>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var result = Parse(ReadResource(assembly, name));
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"The shipped catalogue {name} is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, result.Problems)}");
            }

            versions.Add(result.Catalogue!);
        }

        if (versions.Count == 0)
        {
            throw new InvalidOperationException($"No shipped catalogue found: the assembly has no resource {ResourcePrefix}*.json (is Catalogue/Data/*.json embedded?)");
        }

        versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < versions.Count; i++)
        {
            if (versions[i].Version == versions[i - 1].Version)
            {
                throw new InvalidOperationException($"Two shipped catalogues have version {versions[i].Version}");
            }
        }

        return versions;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is listed but cannot be opened");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Turns System.Text.Json's message and path into "categories[0].items[1].limit.min: must be a number".</summary>
    private static CatalogueProblem Problem(JsonDocument document, string? jsonPath, string message, string position)
    {
        var path = jsonPath is null ? string.Empty : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var (category, item) = CodesAt(document, path);
        return new CatalogueProblem(path, Describe(message) + position, category, item);
    }

    private static (string? Category, string? Item) CodesAt(JsonDocument document, string path)
    {
        var match = CategoryItemPath().Match(path);
        if (!match.Success
            || document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("categories", out var categories)
            || categories.ValueKind != JsonValueKind.Array)
        {
            return (null, null);
        }

        var c = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (c >= categories.GetArrayLength())
        {
            return (null, null);
        }

        var categoryElement = categories[c];
        var category = CodeOf(categoryElement);
        if (!match.Groups[2].Success
            || categoryElement.ValueKind != JsonValueKind.Object
            || !categoryElement.TryGetProperty("items", out var items)
            || items.ValueKind != JsonValueKind.Array)
        {
            return (category, null);
        }

        var i = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return (category, i < items.GetArrayLength() ? CodeOf(items[i]) : null);
    }

    private static string? CodeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : null;

    private static string Describe(string message)
    {
        var text = Trailer().Replace(message, string.Empty).Trim();
        if (ConversionTo().Match(text) is { Success: true } conversion)
        {
            return conversion.Groups[1].Value switch
            {
                "System.Decimal" or "System.Nullable`1[System.Decimal]" => "must be a number",
                "System.Int32" => "must be a whole number",
                "System.Boolean" => "must be true or false",
                "System.String" => "must be a string",
                "System.DateOnly" => "must be a date written yyyy-mm-dd",
                var type when type.EndsWith(".Regime", StringComparison.Ordinal) => "must be one of: " + EnumNames<Regime>(),
                var type when type.EndsWith(".SupervisionLevel", StringComparison.Ordinal) => "must be one of: " + EnumNames<SupervisionLevel>(),
                var type when type.EndsWith(".ComparisonMethod", StringComparison.Ordinal) => "must be one of: " + EnumNames<ComparisonMethod>(),
                var type when type.EndsWith(".Confidence", StringComparison.Ordinal) => "must be one of: C, R, ?",
                var type when type.Contains("IReadOnlyList", StringComparison.Ordinal) => "must be an array",
                _ => "must be an object",
            };
        }

        if (UnknownMember().Match(text) is { Success: true } unknown)
        {
            return $"unknown field '{unknown.Groups[1].Value}'";
        }

        if (UnknownDiscriminator().Match(text) is { Success: true } kind)
        {
            return $"unknown kind '{kind.Groups[1].Value}': one of {string.Join(", ", Limit.Kinds)}";
        }

        if (text.Contains("must specify a type discriminator", StringComparison.Ordinal) || text.Contains("abstract types is not supported", StringComparison.Ordinal))
        {
            return $"needs a \"kind\": one of {string.Join(", ", Limit.Kinds)}";
        }

        if (MissingRequired().Match(text) is { Success: true } missing)
        {
            return $"is missing required field(s) {missing.Groups[1].Value.TrimEnd('.')}";
        }

        if (NullNotAllowed().IsMatch(text))
        {
            return "must not be null";
        }

        if (text.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return "a field appears twice: " + text;
        }

        return text;
    }

    private static string EnumNames<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetNames<T>().Select(n => JsonNamingPolicy.CamelCase.ConvertName(n)));

    private static string Position(JsonException e) =>
        e.LineNumber is { } line ? $" (line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1})" : string.Empty;

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?(LineNumber: \d+ \| BytePositionInLine: \d+\.)?\s*$")]
    private static partial Regex Trailer();

    [GeneratedRegex(@"Path: (\$\S*)")]
    private static partial Regex PathInMessage();

    [GeneratedRegex(@"^categories\[(\d+)\](?:\.items\[(\d+)\])?")]
    private static partial Regex CategoryItemPath();

    [GeneratedRegex(@"could not be converted to ([^\s.]+(?:\.[^\s.]+)*)\.?")]
    private static partial Regex ConversionTo();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownMember();

    [GeneratedRegex(@"unrecognized type discriminator id '([^']*)'")]
    private static partial Regex UnknownDiscriminator();

    [GeneratedRegex(@"missing required properties including: (.*)$")]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"property or field '([^']*)' .*doesn't allow (getting|setting) null")]
    private static partial Regex NullNotAllowed();
}
