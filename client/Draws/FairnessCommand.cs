using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Draw;

namespace Samples.Client.Draws;

/// <summary>
/// <c>samples fairness PLAN</c> asks the server for a plan's fairness report; <c>samples fairness --bundles DIR</c> makes
/// the same report offline from downloaded bundles (every *.json in the folder), with the same library.
/// </summary>
public static class FairnessCommand
{
    /// <summary>The bundle's options, except that the report's derived fields (verified, outsideEntropy) are skipped when read back.</summary>
    private static readonly JsonSerializerOptions ReportJson = new(DrawBundle.Json) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip };

    public static Command Create(GlobalOptions global)
    {
        var plan = new Argument<string?>("plan") { Description = "Plan id (asks the server)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<DateOnly?>("--from") { Description = "First draw date (yyyy-MM-dd, China time)" };
        var to = new Option<DateOnly?>("--to") { Description = "Last draw date (yyyy-MM-dd)" };
        var cells = new Option<int>("--cells") { Description = "Most over-selected enterprises and inspectors to list", DefaultValueFactory = _ => 10 };
        var bundles = new Option<DirectoryInfo?>("--bundles") { Description = "Folder of draw bundles (*.json): make the report offline, no server" };
        var command = new Command("fairness", "Fairness report of a plan's draws: selected against expected per stratum, chi-square tests per enterprise and inspector, teams' unit mix, each draw verified")
        {
            plan, from, to, cells, bundles,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var folder = result.GetValue(bundles);
            var planId = result.GetValue(plan);
            if ((folder is null) == (planId is null))
            {
                throw new CliException("give a plan id (report from the server) or --bundles DIR (offline), not both", ExitCodes.Usage);
            }

            var report = folder is null
                ? await FromServerAsync(global, result, planId!, result.GetValue(from), result.GetValue(to), result.GetValue(cells), cancellationToken)
                : await OfflineAsync(folder, result.GetValue(from), result.GetValue(to), result.GetValue(cells), cancellationToken);
            if (result.GetValue(global.Json))
            {
                await result.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(report, DrawBundle.Json));
            }
            else
            {
                Print(result.InvocationConfiguration.Output, report);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<FairnessReport> FromServerAsync(
        GlobalOptions global, ParseResult result, string planId, DateOnly? from, DateOnly? to, int cells, CancellationToken cancellationToken)
    {
        using var api = global.Client(result);
        var query = string.Join('&', new[]
        {
            from is { } f ? $"from={f:yyyy-MM-dd}" : null,
            to is { } t ? $"to={t:yyyy-MM-dd}" : null,
            string.Create(CultureInfo.InvariantCulture, $"cells={cells}"),
        }.OfType<string>());
        var json = await api.GetAsync<JsonElement>($"/api/plans/{Uri.EscapeDataString(planId)}/fairness?{query}", cancellationToken);
        return json.Deserialize<FairnessReport>(ReportJson) ?? throw new CliException("the server sent an empty report", ExitCodes.Unavailable);
    }

    private static async Task<FairnessReport> OfflineAsync(DirectoryInfo folder, DateOnly? from, DateOnly? to, int cells, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            throw new CliException($"{folder.FullName}: no such folder", ExitCodes.Usage);
        }

        var bundles = new List<DrawBundle>();
        foreach (var file in folder.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            DrawBundle bundle;
            try
            {
                bundle = DrawBundle.FromJson(await File.ReadAllTextAsync(file.FullName, cancellationToken));
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new CliException($"{file.Name}: not a draw bundle ({ex.Message})", ExitCodes.Usage);
            }

            if ((from is null || bundle.Commitment.DrawDate >= from) && (to is null || bundle.Commitment.DrawDate <= to))
            {
                bundles.Add(bundle);
            }
        }

        return bundles.Count == 0
            ? throw new CliException($"{folder.FullName}: no draw bundle in the period", ExitCodes.Usage)
            : FairnessReports.Trim(Fairness.Report(bundles), cells);
    }

    private static void Print(TextWriter output, FairnessReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("Draws");
        Table(output, ["Draw", "Date", "Verification", "Outside entropy"], report.Draws.Select(d => new[]
        {
            d.DrawId, d.DrawDate.ToString("yyyy-MM-dd", c),
            d.Status switch
            {
                VerificationStatus.Verified => "verified",
                VerificationStatus.FramesMissing => "frames missing",
                _ => $"NOT VERIFIED ({d.Problems}: {d.FirstProblem})",
            },
            d.OutsideEntropy ? $"yes ({d.Contributions})" : "no",
        }));
        output.WriteLine();
        output.WriteLine("Strata: selected against expected");
        Table(output, ["Stratum", "Rounds", "Members", "Expected", "Selected", "Alternates used"], report.Strata.Select(s => new[]
        {
            s.Stratum, s.Rounds.ToString(c), s.LastMembers.ToString(c), s.Expected.ToString(c), s.Selected.ToString(c), s.AlternatesUsed.ToString(c),
        }));
        output.WriteLine();
        output.WriteLine("Chi-square goodness of fit of selection counts");
        Table(output, ["Test", "Statistic", "df", "p-value", "Cells", "E<5", "Impossible"], new[]
        {
            Row("per enterprise", report.Enterprises),
            Row("per inspector (team seats)", report.Inspectors),
            Row("per inspector (stream emissions)", report.InspectorEmissions),
        });
        foreach (var (name, test) in new[] { ("enterprises", report.Enterprises), ("inspectors", report.Inspectors) })
        {
            if (test.Cells.Count > 0)
            {
                output.WriteLine();
                output.WriteLine($"Most over-selected {name}");
                Table(output, ["Id", "Selected", "Expected"], test.Cells.Select(x => new[] { x.Id, x.Observed.ToString(c), x.Expected.ToString("0.00", c) }));
            }
        }

        output.WriteLine();
        output.WriteLine("Teams' unit mix");
        Table(output, ["Distinct units", "Teams"], report.UnitMix.Teams.Select(t => new[] { t.DistinctUnits.ToString(c), t.Teams.ToString(c) }));
        Table(output, ["Unit", "Seats", "Share", "Fair share", "Frame share"], report.UnitMix.Units.Select(u => new[]
        {
            u.Unit, u.Seats.ToString(c), u.SeatShare.ToString("P1", c), u.ExpectedSeatShare.ToString("P1", c), u.FrameShare.ToString("P1", c),
        }));

        string[] Row(string name, SelectionTest t) =>
        [
            name, t.Statistic.ToString("0.00", c), t.DegreesOfFreedom.ToString("0.##", c), t.PValue.ToString("0.0000", c),
            t.CellsTested.ToString(c), t.SmallExpected.ToString(c), t.Impossible.ToString(c),
        ];
    }

    private static void Table(TextWriter output, IReadOnlyList<string> headers, IEnumerable<string[]> rows) =>
        new Output.Printer(output, false).Table(new object(), headers, rows);
}
