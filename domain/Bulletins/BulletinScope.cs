using System.Globalization;
using System.Text.RegularExpressions;
using Samples.Domain.Publication;
using Samples.Domain.Reference;

namespace Samples.Domain.Bulletins;

/// <summary>A bulletin's period: a year (<c>2026</c>) or a quarter (<c>2026-Q4</c>), with its first and last day.</summary>
public sealed partial record BulletinPeriod(int Year, int? Quarter)
{
    public DateOnly From => Quarter is { } q ? new DateOnly(Year, ((q - 1) * 3) + 1, 1) : new DateOnly(Year, 1, 1);

    public DateOnly To => Quarter is not null ? From.AddMonths(3).AddDays(-1) : new DateOnly(Year, 12, 31);

    public string Code => Quarter is { } q ? $"{Year}-Q{q}" : Year.ToString(CultureInfo.InvariantCulture);

    public string NameZh => Quarter is { } q ? $"{Year} 年第{"一二三四"[q - 1]}季度" : $"{Year} 年";

    /// <summary>The period just before this one, of the same length.</summary>
    public BulletinPeriod Previous => Quarter is { } q ? (q == 1 ? new(Year - 1, 4) : new(Year, q - 1)) : new(Year - 1, null);

    /// <summary>The <paramref name="count"/> periods before this one, oldest first.</summary>
    public IReadOnlyList<BulletinPeriod> Earlier(int count)
    {
        var list = new List<BulletinPeriod>();
        var p = this;
        for (var i = 0; i < count; i++)
        {
            p = p.Previous;
            list.Insert(0, p);
        }

        return list;
    }

    public static BulletinPeriod? Parse(string? text)
    {
        var m = text is null ? null : PeriodPattern().Match(text.Trim());
        return m is { Success: true } && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
            ? new BulletinPeriod(year, m.Groups[2].Success ? m.Groups[2].Value[0] - '0' : null)
            : null;
    }

    [GeneratedRegex(@"^(\d{4})(?:-Q([1-4]))?$")]
    private static partial Regex PeriodPattern();
}

/// <summary>What a bulletin covers: the province, one prefecture (<c>prefecture:632800</c>) or one category (<c>category:potash</c>).</summary>
public sealed record BulletinScope(string Kind, string? Code)
{
    public const string Province = "province";
    public const string PrefectureKind = "prefecture";
    public const string CategoryKind = "category";

    public string Text => Code is null ? Kind : $"{Kind}:{Code}";

    public bool Covers(PublicResult r) => Kind switch
    {
        PrefectureKind => Divisions.Shipped.Prefecture(r.Region) == Code,
        CategoryKind => r.Category == Code,
        _ => true,
    };

    /// <summary>The scope named by <paramref name="text"/>, or why it is not one.</summary>
    public static (BulletinScope? Scope, string? Problem) Parse(string? text, IReadOnlyCollection<string> categories)
    {
        var t = (text ?? Province).Trim();
        if (t == Province)
        {
            return (new(Province, null), null);
        }

        var parts = t.Split(':', 2);
        return parts switch
        {
            [PrefectureKind, var code] when Divisions.Shipped.All.Any(d => d.Code == code && d.Level == DivisionLevel.Prefecture) => (new(PrefectureKind, code), null),
            [PrefectureKind, _] => (null, "names no prefecture of Qinghai (e.g. prefecture:632800)"),
            [CategoryKind, var code] when categories.Contains(code) => (new(CategoryKind, code), null),
            [CategoryKind, _] => (null, $"names no category of the catalogue (one of: {string.Join(", ", categories)})"),
            _ => (null, "is province, prefecture:CODE or category:CODE"),
        };
    }
}
