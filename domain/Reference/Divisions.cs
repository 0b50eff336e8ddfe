using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.Domain.Reference;

/// <summary>
/// Qinghai's administrative divisions (GB/T 2260) as dated reference data. <see cref="Shipped"/> is the
/// list embedded in this assembly (Reference/Data/qinghai-divisions.json); other lists can be built for
/// tests or loaded from elsewhere. Instances are immutable and safe to share between threads.
/// </summary>
public sealed class Divisions
{
    /// <summary>The province all codes belong to.</summary>
    public const string ProvinceCode = "630000";

    private static readonly Lazy<Divisions> LazyShipped = new(LoadShipped);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    private readonly Dictionary<string, Division[]> byCode;

    /// <summary>Builds a list, checking it is coherent (codes, parents, replacements, non-overlapping periods).</summary>
    /// <exception cref="ArgumentException">The list is not coherent; the message says which entry and why.</exception>
    public Divisions(IEnumerable<Division> divisions)
    {
        All = [.. divisions.OrderBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.ValidFrom ?? DateOnly.MinValue)];
        byCode = All.GroupBy(d => d.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        Validate();
    }

    /// <summary>The divisions shipped with this assembly, loaded once.</summary>
    public static Divisions Shipped => LazyShipped.Value;

    /// <summary>Every entry, ordered by code and then start date.</summary>
    public IReadOnlyList<Division> All { get; }

    /// <summary>Reads a list in the format of Reference/Data/qinghai-divisions.json (UTF-8 JSON).</summary>
    /// <exception cref="ArgumentException">The JSON is malformed or the list is not coherent.</exception>
    public static Divisions Load(Stream utf8Json)
    {
        DivisionFile? file;
        try
        {
            file = JsonSerializer.Deserialize<DivisionFile>(utf8Json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"division list is not valid: {e.Message}", nameof(utf8Json), e);
        }

        if (file?.Divisions is not { } divisions)
        {
            throw new ArgumentException("division list is not valid: it has no 'divisions' array", nameof(utf8Json));
        }

        return new Divisions(divisions);
    }

    /// <summary>The division with this code valid on <paramref name="asOf"/>, or null.</summary>
    public Division? Find(string? code, DateOnly asOf)
    {
        if (code is null || !byCode.TryGetValue(code.Trim(), out var entries))
        {
            return null;
        }

        foreach (var entry in entries)
        {
            if (entry.IsValidOn(asOf))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>True when the code names a division valid on <paramref name="asOf"/>.</summary>
    public bool IsKnown(string? code, DateOnly asOf) => Find(code, asOf) is not null;

    /// <summary>
    /// The prefecture a division counts under (for strata): a county's parent prefecture, a prefecture's own
    /// code. Independent of dates (a former code still belongs where it belonged); null for an unknown code.
    /// </summary>
    public string? Prefecture(string? code) =>
        code is not null && byCode.TryGetValue(code.Trim(), out var entries) ? entries[^1].PrefectureCode : null;

    /// <summary>
    /// Why a code cannot be used on <paramref name="asOf"/>, as a sentence starting with
    /// <paramref name="field"/> (e.g. "region_code 632100 was replaced on 2013-02-08 (approx.); use 630200"),
    /// or null when the code is valid then.
    /// </summary>
    public string? Problem(string? code, DateOnly asOf, string field = "region_code")
    {
        var trimmed = code?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return $"{field} is required: the 6-digit GB/T 2260 code of a Qinghai prefecture or county, e.g. 632800 ({Name("632800", asOf)})";
        }

        if (Find(trimmed, asOf) is not null)
        {
            return null;
        }

        if (trimmed.Length != 6 || !trimmed.All(char.IsAsciiDigit))
        {
            return $"{field} '{trimmed}' is not a 6-digit GB/T 2260 code, e.g. 632800 ({Name("632800", asOf)})";
        }

        if (byCode.TryGetValue(trimmed, out var entries))
        {
            var ended = entries.Where(e => e.ValidTo is { } to && to <= asOf).MaxBy(e => e.ValidTo);
            if (ended is not null)
            {
                var successor = Successor(ended, asOf);
                var verb = ended.ReplacedBy is null ? "ceased to be valid" : "was replaced";
                var use = successor is null ? string.Empty : $"; use {successor.Code} ({successor.NameEn})";
                return $"{field} {trimmed} {verb} on {Date(ended.ValidTo!.Value)}{Approx(ended)}{use}";
            }

            var future = entries.Where(e => e.ValidFrom is { } from && from > asOf).MinBy(e => e.ValidFrom)!;
            var predecessor = All.FirstOrDefault(d => d.ReplacedBy == trimmed && d.IsValidOn(asOf));
            var instead = predecessor is null ? string.Empty : $"; on {Date(asOf)} use {predecessor.Code} ({predecessor.NameEn})";
            return $"{field} {trimmed} is valid only from {Date(future.ValidFrom!.Value)}{Approx(future)}{instead}";
        }

        if (!trimmed.StartsWith("63", StringComparison.Ordinal))
        {
            return $"{field} {trimmed} is not a Qinghai division (Qinghai codes start with 63)";
        }

        if (trimmed == ProvinceCode)
        {
            return $"{field} {trimmed} is the whole province; give the prefecture or county, e.g. 632800 ({Name("632800", asOf)})";
        }

        var prefecture = Find(string.Concat(trimmed.AsSpan(0, 4), "00"), asOf);
        if (prefecture is not null)
        {
            return $"{field} {trimmed} is not in the division reference data; use its prefecture {prefecture.Code} ({prefecture.NameEn}) or have the county added to the reference data";
        }

        var known = All.Where(d => d.Level == DivisionLevel.Prefecture && d.IsValidOn(asOf)).Select(d => $"{d.Code} {d.NameEn}");
        return $"{field} {trimmed} is not a known Qinghai division; prefectures on {Date(asOf)}: {string.Join(", ", known)}";
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Approx(Division division) => division.DatesApproximate ? " (approx.)" : string.Empty;

    private string Name(string code, DateOnly asOf) => Find(code, asOf)?.NameEn ?? code;

    /// <summary>Follows <see cref="Division.ReplacedBy"/> to the code valid on <paramref name="asOf"/>.</summary>
    private Division? Successor(Division ended, DateOnly asOf)
    {
        var current = ended;
        for (var hops = 0; hops < All.Count && current.ReplacedBy is { } next; hops++)
        {
            if (Find(next, asOf) is { } valid)
            {
                return valid;
            }

            current = byCode.TryGetValue(next, out var entries) ? entries[^1] : current;
        }

        return null;
    }

    private void Validate()
    {
        foreach (var d in All)
        {
            string Where() => $"division {d.Code ?? "(no code)"}";

            if (d.Code is null || d.Code.Length != 6 || !d.Code.All(char.IsAsciiDigit) || !d.Code.StartsWith("63", StringComparison.Ordinal))
            {
                throw new ArgumentException($"{Where()}: code must be 6 digits starting with 63");
            }

            if (string.IsNullOrWhiteSpace(d.NameZh) || string.IsNullOrWhiteSpace(d.NameEn))
            {
                throw new ArgumentException($"{Where()}: nameZh and nameEn are required");
            }

            if (d.ValidFrom is { } from && d.ValidTo is { } to && from >= to)
            {
                throw new ArgumentException($"{Where()}: validFrom {Date(from)} is not before validTo {Date(to)}");
            }

            if (d.Level == DivisionLevel.Prefecture && d.ParentPrefecture is not null)
            {
                throw new ArgumentException($"{Where()}: a prefecture has no parentPrefecture");
            }

            if (d.Level == DivisionLevel.County &&
                (d.ParentPrefecture is null || !byCode.TryGetValue(d.ParentPrefecture, out var parents) || parents.Any(p => p.Level != DivisionLevel.Prefecture)))
            {
                throw new ArgumentException($"{Where()}: a county needs a parentPrefecture that is a listed prefecture");
            }

            if (d.ReplacedBy is { } successor && (d.ValidTo is null || !byCode.ContainsKey(successor)))
            {
                throw new ArgumentException($"{Where()}: replacedBy needs a validTo and a listed code");
            }
        }

        foreach (var (code, entries) in byCode)
        {
            for (var i = 1; i < entries.Length; i++)
            {
                if (entries[i - 1].ValidTo is not { } end || entries[i].ValidFrom is not { } start || start < end)
                {
                    throw new ArgumentException($"division {code}: its periods overlap");
                }
            }
        }
    }

    private static Divisions LoadShipped() => ShippedData.Load("qinghai-divisions.json", Load);

    private sealed record DivisionFile(string? Source, string? ValidToMeaning, IReadOnlyList<Division>? Divisions);
}
