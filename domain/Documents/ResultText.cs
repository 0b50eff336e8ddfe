using System.Globalization;
using Samples.Contracts.Tasks;
using Samples.Domain.Catalogue;

namespace Samples.Domain.Documents;

/// <summary>How results, limits and verdicts read on paper: Chinese first, English beside it, figures as the lab reported them.</summary>
public static class ResultText
{
    public static string Result(ItemResult r, string unit) => r.Kind switch
    {
        "value" => $"{r.ReportedAs ?? Number(r.Value)}{Unit(unit)}",
        "not-detected" => r.DetectionLimit is { } dl ? $"未检出 not detected (<{Number(dl)}{Unit(unit)})" : "未检出 not detected",
        "detected" => "检出 detected",
        "conforms" => "符合 conforms",
        "does-not-conform" => "不符合 does not conform",
        _ => r.Kind,
    };

    public static string Outcome(string? outcome) => outcome switch
    {
        "pass" => "合格 pass",
        "fail" => "不合格 fail",
        "incomplete" => "不完整 incomplete",
        "not-applicable" => "不适用 not applicable",
        "not-tested" => "未检 not tested",
        "invalid-input" => "输入有误 invalid input",
        null => "—",
        _ => outcome,
    };

    /// <summary>The limit that applies to this sample: a grade's or a property band's limit is resolved from the sampling record.</summary>
    public static string Limit(Limit limit, string unit, SamplingFacts? sampling) => limit switch
    {
        MinimumLimit m => $"{(m.Exclusive ? ">" : "≥")} {Number(m.Min)}{Unit(m.Unit ?? unit)}{Times(m.TimesProperty)}",
        MaximumLimit m => $"{(m.Exclusive ? "<" : "≤")} {Number(m.Max)}{Unit(m.Unit ?? unit)}{Times(m.TimesProperty)}",
        RangeLimit r => $"{Number(r.Min)}–{Number(r.Max)}{Unit(unit)}",
        NotDetectedLimit n => n.DetectionLimit is { } dl ? $"不得检出 not detected (DL {Number(dl)}{Unit(unit)})" : "不得检出 not detected",
        PassFailLimit p => p.Requirement,
        ByVariantLimit v => sampling?.Variants.TryGetValue(v.Axis, out var value) == true && v.Limits.TryGetValue(value, out var chosen)
            ? $"{Limit(chosen, unit, sampling)}（{value}）"
            : string.Join("; ", v.Limits.Select(kv => $"{kv.Key}: {Limit(kv.Value, unit, sampling)}")),
        ByPropertyLimit p => Band(p, unit, sampling),
        NotApplicableLimit n => $"不适用 not applicable{(n.Reason is null ? string.Empty : $" ({n.Reason})")}",
        _ => limit.ToString() ?? string.Empty,
    };

    /// <summary>A disposal case's status with its Chinese first (the workflow records it in English).</summary>
    public static string Disposal(string? status) => status switch
    {
        null => "—",
        _ when status.StartsWith("open:", StringComparison.Ordinal) => $"立即停止生产销售，待责令整改 / {status}",
        _ when status.StartsWith("ordered:", StringComparison.Ordinal) => $"已责令整改：60 日内整改，75 日内复查，复查合格前不得销售 / {status}",
        _ when status.StartsWith("rectified:", StringComparison.Ordinal) => $"已整改，待复查 / {status}",
        _ when status.StartsWith("closed:", StringComparison.Ordinal) => $"复查合格，已结案 / {status}",
        _ when status.StartsWith("failed again:", StringComparison.Ordinal) => $"复查仍不合格，待省级公告 / {status}",
        _ when status.StartsWith("notice published:", StringComparison.Ordinal) => $"已公告，第 60 至 90 日内再次复查 / {status}",
        _ when status.StartsWith("failed a third time:", StringComparison.Ordinal) => $"再次复查不合格：责令停业，直至吊销许可证 / {status}",
        _ => status,
    };

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";

    private static string Band(ByPropertyLimit p, string unit, SamplingFacts? sampling)
    {
        if (sampling?.Properties.TryGetValue(p.Property, out var x) == true)
        {
            var band = p.Bands.FirstOrDefault(b => b.UpTo is not { } upTo || x <= upTo) ?? p.Bands[^1];
            return $"{Limit(band.Limit, unit, sampling)}（{p.Property} = {Number(x)}）";
        }

        return string.Join("; ", p.Bands.Select(b => $"{(b.UpTo is { } u ? $"≤ {Number(u)}" : "else")}: {Limit(b.Limit, unit, sampling)}"));
    }

    private static string Unit(string unit) => unit.Length == 0 ? string.Empty : unit == "%" ? " %" : $" {unit}";

    private static string Times(string? property) => property is null ? string.Empty : $"（× {property}）";
}
