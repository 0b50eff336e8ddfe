using System.Globalization;
using Samples.Domain.Directory;

namespace Samples.Domain.Bulletins;

/// <summary>
/// A bulletin as CSV for other systems and spreadsheets: one row per tally (section total, category, prefecture,
/// enterprise-kind, trend) and one per failing product (section failing), UTF-8 with a byte-order mark so spreadsheet
/// programs read the Chinese; cells that a spreadsheet would run as a formula are neutralised.
/// </summary>
public static class BulletinCsv
{
    public static readonly string[] Header =
        ["section", "key", "name", "batches", "passed", "failed", "pass_rate", "enterprise", "producer", "product", "trademark", "specification", "batch_number", "failed_items", "lab", "disposal"];

    public static string Write(BulletinFigures f)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var csv = new CsvWriter(text);
        csv.WriteRecord(Header);
        void Tallies(string section, IEnumerable<Tally> tallies)
        {
            foreach (var t in tallies)
            {
                csv.WriteRecord([section, t.Key, t.Name, Int(t.Batches), Int(t.Passed), Int(t.Failed), t.PassRate?.ToString("0.0", CultureInfo.InvariantCulture) ?? string.Empty,
                    .. Enumerable.Repeat(string.Empty, 9)]);
            }
        }

        Tallies("total", [f.Total]);
        Tallies("basis", new[] { f.Random, f.Targeted }.OfType<Tally>());
        Tallies("category", f.ByCategory);
        Tallies("prefecture", f.ByPrefecture);
        Tallies("enterprise-kind", f.ByEnterpriseKind);
        Tallies("trend", f.Trend);
        foreach (var p in f.Failing)
        {
            csv.WriteRecord(["failing", p.TaskId, p.Category, string.Empty, string.Empty, string.Empty, string.Empty, p.Enterprise, p.Producer, p.Product, p.Trademark,
                p.Specification, p.BatchNumber, string.Join("; ", p.FailedItems.Select(i => $"{i.Name}: {i.Limit} / {i.Result}")), p.Lab, p.Disposal]);
        }

        return "\uFEFF" + text;
    }

    private static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
