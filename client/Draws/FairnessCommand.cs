using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Samples.Client.Commands;
using Samples.Client.Http;
using Samples.Client.Output;
using Samples.Draw;
using Samples.Client.Language;

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
                throw new CliException(Errors.PlanOrBundles, ExitCodes.Usage);
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
                Print(result.InvocationConfiguration.Output, report, global.Language(result));
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
        return json.Deserialize<FairnessReport>(ReportJson) ?? throw new CliException(Errors.EmptyReport, ExitCodes.Unavailable);
    }

    private static async Task<FairnessReport> OfflineAsync(DirectoryInfo folder, DateOnly? from, DateOnly? to, int cells, CancellationToken cancellationToken)
    {
        if (!folder.Exists)
        {
            throw new CliException(Errors.NoSuchFolder(folder.FullName), ExitCodes.Usage);
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
                throw new CliException(Errors.NotABundle(file.Name, ex.Message), ExitCodes.Usage);
            }

            if ((from is null || bundle.Commitment.DrawDate >= from) && (to is null || bundle.Commitment.DrawDate <= to))
            {
                bundles.Add(bundle);
            }
        }

        return bundles.Count == 0
            ? throw new CliException(Errors.NoBundleInPeriod(folder.FullName), ExitCodes.Usage)
            : FairnessReports.Trim(Fairness.Report(bundles, b => PublishedFrames.FromFolder(folder.FullName, b.Commitment)), cells);
    }

    private static void Print(TextWriter output, FairnessReport report, Lang lang)
    {
        var c = CultureInfo.InvariantCulture;
        var printer = new Output.Printer(output, false, lang);
        void Table(IReadOnlyList<Text> headers, IEnumerable<string[]> rows) => printer.Table(report, headers, rows);

        output.WriteLine(Messages.DrawsTitle.Label(lang));
        Table([Labels.Draw, Labels.Date, Labels.Verification, Labels.OutsideEntropy], report.Draws.Select(d => new[]
        {
            d.DrawId, d.DrawDate.ToString("yyyy-MM-dd", c),
            d.Status switch
            {
                VerificationStatus.Verified => Messages.Verified.In(lang),
                VerificationStatus.FramesMissing => Messages.FramesMissing.In(lang),
                _ => Messages.NotVerifiedCell(d.Problems, d.FirstProblem ?? "").In(lang),
            },
            d.OutsideEntropy ? Messages.YesWith(d.Contributions).In(lang) : Messages.No.In(lang),
        }));
        output.WriteLine();
        output.WriteLine(Messages.StrataTitle.Label(lang));
        Table([Labels.Stratum, Labels.Rounds, Labels.Members, Labels.Expected, Labels.Selected, Labels.AlternatesUsed], report.Strata.Select(s => new[]
        {
            Samples.Domain.Plans.SamplingWeightRules.Describe(s.Stratum), s.Rounds.ToString(c), s.LastMembers.ToString(c), s.Expected.ToString(c), s.Selected.ToString(c), s.AlternatesUsed.ToString(c),
        }));
        output.WriteLine();
        output.WriteLine(Messages.ChiSquareTitle.Label(lang));
        Table([Labels.Test, Labels.Statistic, Labels.DegreesOfFreedom, Labels.PValue, Labels.Cells, Labels.SmallExpected, Labels.Impossible], new[]
        {
            Row(Messages.PerEnterprise.In(lang), report.Enterprises),
            Row(Messages.PerInspectorSeats.In(lang), report.Inspectors),
            Row(Messages.PerInspectorEmissions.In(lang), report.InspectorEmissions),
        });
        foreach (var (enterprises, test) in new[] { (true, report.Enterprises), (false, report.Inspectors) })
        {
            if (test.Cells.Count > 0)
            {
                output.WriteLine();
                output.WriteLine(Messages.MostOverSelected(enterprises).Label(lang));
                Table([Labels.Id, Labels.Selected, Labels.Expected], test.Cells.Select(x => new[] { x.Id, x.Observed.ToString(c), x.Expected.ToString("0.00", c) }));
            }
        }

        output.WriteLine();
        output.WriteLine(Messages.UnitMixTitle.Label(lang));
        Table([Labels.DistinctUnits, Labels.Teams], report.UnitMix.Teams.Select(t => new[] { t.DistinctUnits.ToString(c), t.Teams.ToString(c) }));
        Table([Labels.Unit, Labels.Seats, Labels.Share, Labels.FairShare, Labels.FrameShare], report.UnitMix.Units.Select(u => new[]
        {
            u.Unit, u.Seats.ToString(c), u.SeatShare.ToString("P1", c), u.ExpectedSeatShare.ToString("P1", c), u.FrameShare.ToString("P1", c),
        }));

        string[] Row(string name, SelectionTest t) =>
        [
            name, t.Statistic.ToString("0.00", c), t.DegreesOfFreedom.ToString("0.##", c), t.PValue.ToString("0.0000", c),
            t.CellsTested.ToString(c), t.SmallExpected.ToString(c), t.Impossible.ToString(c),
        ];
    }
}
