namespace Samples.Draw;

/// <summary>Shaping a report for people: a plan of a million enterprises has a million cells; a supervisor reads the extremes.</summary>
public static class FairnessReports
{
    /// <summary>The report with each test's cells cut to the <paramref name="cells"/> most over-selected (largest (O − E)/√E), ties by id.</summary>
    public static FairnessReport Trim(FairnessReport report, int cells) => report with
    {
        Enterprises = Trim(report.Enterprises, cells),
        Inspectors = Trim(report.Inspectors, cells),
        InspectorEmissions = Trim(report.InspectorEmissions, cells),
    };

    private static SelectionTest Trim(SelectionTest test, int cells) => test with
    {
        Cells = test.Cells
            .OrderByDescending(c => c.Expected > 0 ? (c.Observed - c.Expected) / Math.Sqrt(c.Expected) : c.Observed)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(Math.Max(0, cells))
            .ToArray(),
    };
}
