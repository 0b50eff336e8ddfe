using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Samples.Contracts.Common;
using Samples.Contracts.Draws;
using Samples.Domain.Risk;
using Samples.Silo.Api;

namespace Samples.Silo.Risk;

/// <summary>
/// Risk-based supervision for supervisors: the evaluation model's versions (upload a new one), the month's imported
/// indicators (CSV), the monthly run that classifies every enterprise A–D and feeds the next rounds' frames, each
/// enterprise's classes with their explanation, and the early-warning list. The public sees each run's model (its
/// weights) and the SHA-256 of its inputs, never an enterprise's class (internal).
/// </summary>
public static partial class RiskEndpoints
{
    private const int MaxCsvBytes = 20 * 1024 * 1024;

    public static void MapRiskEndpoints(this IEndpointRouteBuilder app)
    {
        var risk = app.MapGroup("/api/risk").RequireAuthorization(Roles.Supervisors);
        risk.MapGet("/models", async (RiskStore store, CancellationToken ct) => Results.Ok((await store.ModelsAsync(ct)).Select(ModelView.Of).ToList())).Produces<List<ModelView>>();
        risk.MapPost("/models", UploadModelAsync).Produces<ModelView>(StatusCodes.Status201Created)
            .WithDescription("Stores a new version of the evaluation model (indicators with definition, source system|import, pointsPerUnit, cap; class thresholds D, C, B, A). Its version must be above every version stored; the next run uses it.");
        risk.MapPost("/indicators", ImportAsync).Produces<IndicatorImport>()
            .WithDescription("A month's imported indicators as CSV with the header uscc,indicator,value (e.g. complaints). Each indicator must be an 'import' indicator of the newest model. ?month=YYYY-MM.");
        risk.MapPost("/runs", RunAsync).Produces<RunView>()
            .WithDescription("Classifies every registered enterprise for the month under the newest model; each changed class is set for the month, so the next round's frames (and its commitment) hold it.");
        risk.MapGet("/runs/{month}", GetRunAsync).Produces<RunView>();
        risk.MapGet("/runs/{month}/classifications", ClassificationsAsync).Produces<List<RiskEvaluation>>();
        risk.MapGet("/enterprises/{uscc}", EnterpriseAsync).Produces<List<EnterpriseRiskView>>();
        risk.MapGet("/runs/{month}/csv", ExportAsync).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithDescription("A run's classes as CSV (uscc, name, score, class, then each indicator's value and points), for the standards and brand work seed 004 names.");
        // The credit record: supervisors read any enterprise's; an enterprise reads its own (the subject of its credential).
        app.MapGet("/api/enterprises/{uscc}/credit", CreditAsync).RequireAuthorization(Roles.TaskReaders).Produces<List<CreditEntry>>()
            .WithDescription("The enterprise's credit record from supervision sampling: each failure, refusal to be sampled and failed re-inspection with its date and task. Supervisors and admins read any; an enterprise its own.");
        app.MapGet("/api/public/risk/runs/{month}", PublicRunAsync).AllowAnonymous().Produces<PublicRunView>()
            .WithDescription("A month's run as published: the model with its weights, the SHA-256 of the model and of every input, and how many enterprises fell in each class.");
        app.MapGet("/api/public/risk/draws/{drawId}", DrawRunAsync).AllowAnonymous().Produces<PublicRunView>()
            .WithDescription("The run whose classes a draw's frames froze (the last run recorded before the draw's commitment), published with it so the weighting of every round stays auditable. 404 when no run preceded it (classes entered by hand).");
    }

    private static async Task<IResult> UploadModelAsync(HttpRequest http, ClaimsPrincipal user, RiskStore store, TimeProvider clock, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var (model, problems) = RiskModel.Parse(await reader.ReadToEndAsync(ct));
        if (model is null)
        {
            return Problems.Validation("The model was not stored.", [.. problems.Select(p => new FieldProblem(p.Split(':')[0], p.Contains(':', StringComparison.Ordinal) ? p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() : p))]);
        }

        var newest = (await store.ModelsAsync(ct))[0].Model;
        if (model.Version <= newest.Version)
        {
            return Problems.Validation("The model was not stored.", new FieldProblem("version", $"must be above {newest.Version}, the newest version stored (a version never changes)"));
        }

        if (!await store.AddModelAsync(model, Caller.Describe(user), clock.GetUtcNow(), ct))
        {
            return Problems.Conflict($"Version {model.Version} was stored meanwhile.");
        }

        return Results.Created($"/api/risk/models", ModelView.Of((await store.ModelsAsync(ct))[0]));
    }

    private static async Task<IResult> ImportAsync(string? month, HttpRequest http, ClaimsPrincipal user, RiskStore store, TimeProvider clock, CancellationToken ct)
    {
        if (!IsMonth(month))
        {
            return Problems.Validation("Nothing was imported.", new FieldProblem("month", "is YYYY-MM, e.g. 2026-12"));
        }

        if (http.ContentLength > MaxCsvBytes)
        {
            return Problems.Validation("Nothing was imported.", new FieldProblem("body", $"at most {MaxCsvBytes} bytes"));
        }

        var imported = (await store.ModelsAsync(ct))[0].Model.Indicators.Where(i => i.Source == RiskModelRules.Import).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync(ct)).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || lines[0].Trim() != "uscc,indicator,value")
        {
            return Problems.Validation("Nothing was imported.", new FieldProblem("body", "the first line is the header uscc,indicator,value"));
        }

        var rows = new List<(string, string, decimal)>();
        var problems = new List<FieldProblem>();
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != 3)
            {
                problems.Add(new($"row {i + 1}", "has three cells: uscc,indicator,value"));
            }
            else if (!imported.Contains(cells[1].Trim()))
            {
                problems.Add(new($"row {i + 1}.indicator", $"'{cells[1].Trim()}' is no imported indicator of the model (one of: {string.Join(", ", imported)})"));
            }
            else if (!decimal.TryParse(cells[2].Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                problems.Add(new($"row {i + 1}.value", "is a number, 0 or more"));
            }
            else if (!Samples.Domain.Directory.Uscc.Validate(cells[0].Trim()).IsValid)
            {
                problems.Add(new($"row {i + 1}.uscc", "is a valid 18-character unified social credit code (GB 32100)"));
            }
            else
            {
                rows.Add((cells[0].Trim(), cells[1].Trim(), value));
            }
        }

        if (problems.Count > 0)
        {
            return Problems.Validation("Nothing was imported.", [.. problems.Take(50)]);
        }

        await store.ImportAsync(month!, rows, Caller.Describe(user), clock.GetUtcNow(), ct);
        return Results.Ok(new IndicatorImport(month!, rows.Count));
    }

    private static async Task<IResult> RunAsync(RunRequest body, ClaimsPrincipal user, RiskRunner runner, CancellationToken ct)
    {
        if (!IsMonth(body.Month))
        {
            return Problems.Validation("Nothing was run.", new FieldProblem("month", "is YYYY-MM, e.g. 2026-12"));
        }

        if (runner.AsOf(body.Month!) is not { } asOf)
        {
            return Problems.Validation("Nothing was run.", new FieldProblem("month", $"{body.Month} has not begun: a month is classified from the records up to its days"));
        }

        var (run, warnings) = await runner.RunAsync(body.Month!, asOf, Caller.Describe(user), ct);
        return Results.Ok(new RunView(run, warnings));
    }

    private static async Task<IResult> GetRunAsync(string month, RiskStore store, CancellationToken ct) =>
        IsMonth(month) && await store.RunAsync(month, ct) is { } run
            ? Results.Ok(new RunView(run, await WarningsAsync(store, run, ct)))
            : Problems.NotFound($"No run for {month}.");

    private static async Task<IResult> ClassificationsAsync(string month, string? riskClass, RiskStore store, CancellationToken ct)
    {
        if (riskClass is not null and not ("A" or "B" or "C" or "D"))
        {
            return Problems.Validation("No list.", new FieldProblem("riskClass", "is A, B, C or D"));
        }

        return IsMonth(month) && await store.RunAsync(month, ct) is { } run
            ? Results.Ok(await store.ClassificationsAsync(run, null, riskClass, ct))
            : Problems.NotFound($"No run for {month}.");
    }

    private static async Task<IResult> EnterpriseAsync(string uscc, RiskStore store, CancellationToken ct) => Results.Ok(await store.HistoryAsync(uscc, ct));

    private static async Task<IResult> ExportAsync(string month, RiskStore store, RiskRunner runner, CancellationToken ct)
    {
        if (!IsMonth(month) || await store.RunAsync(month, ct) is not { } run)
        {
            return Problems.NotFound($"No run for {month}.");
        }

        var model = (await store.ModelsAsync(ct)).First(m => m.Model.Id == run.ModelId && m.Model.Version == run.ModelVersion).Model;
        var names = await runner.NamesAsync(ct);
        return Results.File(Encoding.UTF8.GetBytes(RiskCsv.Write(model, await store.ClassificationsAsync(run, null, null, ct), names)), "text/csv; charset=utf-8", $"risk-{month}-run{run.Run}.csv");
    }

    private static async Task<IResult> CreditAsync(string uscc, ClaimsPrincipal user, RiskRunner runner, CancellationToken ct)
    {
        var actor = Samples.Silo.Tasks.TaskEndpoints.ActorOf(user);
        var mayRead = actor.Role is Contracts.Access.Role.Supervisor or Contracts.Access.Role.Admin || (actor.Role == Contracts.Access.Role.Enterprise && actor.Subject == uscc);
        return mayRead ? Results.Ok(CreditRecord.Of(await runner.CreditFactsAsync(uscc, ct))) : Results.Problem(detail: "Only supervisors and the enterprise itself read its credit record.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
    }

    private static async Task<IResult> PublicRunAsync(string month, RiskStore store, CancellationToken ct) =>
        IsMonth(month) && await store.RunAsync(month, ct) is { } run ? Results.Ok(await PublicAsync(run, store, ct)) : Problems.NotFound($"No run for {month}.");

    private static async Task<IResult> DrawRunAsync(string drawId, IGrainFactory grains, RiskStore store, CancellationToken ct)
    {
        // Asked of the draw index: a guessed id activates no draw grain.
        var draw = (await grains.GetGrain<IDrawRegistryGrain>(IDrawRegistryGrain.Key).ListAsync()).FirstOrDefault(d => d.DrawId == drawId);
        if (draw is null)
        {
            return Problems.NotFound($"No draw {drawId}.");
        }

        return await store.InEffectAsync(draw.CommittedAt, ct) is { } run
            ? Results.Ok(await PublicAsync(run, store, ct))
            : Problems.NotFound($"No run of the evaluation model preceded {drawId}: its classes were entered by hand.");
    }

    private static async Task<PublicRunView> PublicAsync(RiskRun run, RiskStore store, CancellationToken ct)
    {
        var model = (await store.ModelsAsync(ct)).First(m => m.Model.Id == run.ModelId && m.Model.Version == run.ModelVersion);
        return new PublicRunView(run.Month, run.Run, run.RunAt, model.Model, run.ModelSha256, run.InputsSha256, run.Enterprises, run.Counts);
    }

    private static async Task<IReadOnlyList<RiskWarning>> WarningsAsync(RiskStore store, RiskRun run, CancellationToken ct)
    {
        var previous = await store.PreviousAsync(run.Month, run.Run, ct);
        return previous is null ? [] : RiskEvaluator.Warnings((await store.ClassificationsAsync(previous, null, null, ct)).ToDictionary(v => v.Uscc, StringComparer.Ordinal),
            await store.ClassificationsAsync(run, null, null, ct));
    }

    private static bool IsMonth(string? month) => month is not null && MonthPattern().IsMatch(month);

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthPattern();
}

public sealed record RunRequest(string? Month);

public sealed record IndicatorImport(string Month, int Rows);

/// <summary>A run with the enterprises whose class worsened since the previous month's (信用风险预警).</summary>
public sealed record RunView(RiskRun Run, IReadOnlyList<RiskWarning> Warnings);

public sealed record ModelView(RiskModel Model, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static ModelView Of(StoredModel m) => new(m.Model, m.Sha256, m.UploadedBy, m.UploadedAt);
}

public sealed record EnterpriseRiskView(string Month, int Run, decimal Score, string Class, IReadOnlyList<RiskContribution> Contributions);

public sealed record PublicRunView(string Month, int Run, DateTimeOffset RunAt, RiskModel Model, string ModelSha256, string InputsSha256, int Enterprises, IReadOnlyDictionary<string, int> Counts);
