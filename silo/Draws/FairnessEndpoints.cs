using Samples.Contracts.Common;
using Samples.Contracts.Draws;
using Samples.Draw;
using Samples.Domain.Tasks;
using Samples.Silo.Api;
using Samples.Silo.Tasks;

namespace Samples.Silo.Draws;

/// <summary>
/// The fairness report of a plan's drawn rounds over a period (by draw date, China time): selected against expected per
/// stratum, chi-square tests of selections per enterprise and per inspector, teams' unit mix, and each draw verified;
/// targeted inspections are in no test and are counted apart.
/// </summary>
public static class FairnessEndpoints
{
    public const int DefaultCells = 20;

    public static void MapFairnessEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/plans/{planId}/fairness", ReportAsync).RequireAuthorization(Roles.Supervisors).Produces<FairnessReport>();

    private static async Task<IResult> ReportAsync(string planId, DateOnly? from, DateOnly? to, int? cells, IGrainFactory grains, TaskQueries queries, CancellationToken ct)
    {
        if (from > to)
        {
            return Problems.Validation("No report was made.", new FieldProblem("from", "must not be after 'to'"));
        }

        if (cells is < 0 or > 100_000)
        {
            return Problems.Validation("No report was made.", new FieldProblem("cells", "must be between 0 and 100000"));
        }

        var prefix = planId.Trim() + ":R";
        var drawn = (await grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ListAsync())
            .Where(d => d.DrawId.StartsWith(prefix, StringComparison.Ordinal) && d.Step == DrawStatus.Drawn);
        var bundles = new List<DrawBundle>();
        var frames = new Dictionary<string, FrameFiles>(StringComparer.Ordinal);
        foreach (var entry in drawn)
        {
            var grain = grains.GetGrain<IDrawGrain>(entry.DrawId);
            if (await grain.GetBundleAsync() is { } json
                && DrawBundle.FromJson(json) is var bundle
                && (from is null || bundle.Commitment.DrawDate >= from) && (to is null || bundle.Commitment.DrawDate <= to))
            {
                bundles.Add(bundle);

                // Bundles hold their frames by hash (published as files): the report verifies each draw with the grain's frozen frames.
                frames[bundle.Commitment.DrawId] = new FrameFiles(
                    Utf8(await grain.GetFrameAsync(DrawFrame.Targets)), Utf8(await grain.GetFrameAsync(DrawFrame.Inspectors)), Utf8(await grain.GetFrameAsync(DrawFrame.Exclusions)));
            }
        }

        if (bundles.Count == 0)
        {
            return Problems.NotFound($"Plan {planId.Trim()} has no drawn round{Period(from, to)}.");
        }

        var report = FairnessReports.Trim(Fairness.Report(bundles, b => frames.GetValueOrDefault(b.Commitment.DrawId)), cells ?? DefaultCells);
        return Results.Json(report with { Targeted = await TargetedAsync(planId.Trim(), bundles, from, to, queries, ct) }, DrawBundle.Json);
    }

    /// <summary>The targeted tasks opened in the period (none of them in a bundle, so none in the tests), beside the targets the rounds drew.</summary>
    private static async Task<TargetedTally> TargetedAsync(string planId, IReadOnlyList<DrawBundle> bundles, DateOnly? from, DateOnly? to, TaskQueries queries, CancellationToken ct)
    {
        var targeted = (await queries.BasisAsync(planId, from, to, ct)).Where(c => c.TargetedReason is not null).ToArray();
        var drawn = bundles.Sum(b => b.Teams.Count(t => t.Status != TeamRule.TargetReplaced));
        var tasks = targeted.Sum(c => c.Tasks);
        return new TargetedTally(tasks, drawn, TargetedInspections.Share(tasks, tasks + drawn),
            [.. targeted.Select(c => new TargetedReasonTally(c.TargetedReason!, TargetedInspections.ReasonName(c.TargetedReason), c.Tasks))]);
    }

    private static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => string.Empty,
        _ => $" drawn between {from?.ToString("yyyy-MM-dd") ?? "the start"} and {to?.ToString("yyyy-MM-dd") ?? "today"}",
    };

    private static byte[]? Utf8(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);
}
