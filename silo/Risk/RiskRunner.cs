using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Domain.Catalogue;
using Samples.Domain.Risk;
using Samples.Grains.Catalogue;

namespace Samples.Silo.Risk;

/// <summary>
/// The monthly run: every registered enterprise (not deregistered) evaluated under the newest model version from the
/// system's own records (the directory, the task board) and the month's imported indicators; the run and each class
/// recorded with its explanation; then each enterprise whose class changed gets it for the month (its grain keeps the
/// history), which the next round's frames read and its commitment freezes.
/// </summary>
public sealed class RiskRunner(NpgsqlDataSource database, IOptions<ClusterOptions> cluster, RiskStore store, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>The day a run of <paramref name="month"/> evaluates as of: today in the current month, the month's last day for a past one; null for a month not begun.</summary>
    public DateOnly? AsOf(string month)
    {
        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = Domain.Reference.ChinaTime.DateOf(clock.GetUtcNow());
        return first > today ? null : first.AddMonths(1).AddDays(-1) < today ? first.AddMonths(1).AddDays(-1) : today;
    }

    public async Task<(RiskRun Run, IReadOnlyList<RiskWarning> Warnings)> RunAsync(string month, DateOnly asOf, string by, CancellationToken ct)
    {
        var model = (await store.ModelsAsync(ct))[0].Model;
        var enterprises = await EnterprisesAsync(ct);
        var tasks = (await TasksAsync(ct)).ToLookup(t => t.Uscc, StringComparer.Ordinal);
        var imported = await store.ImportedAsync(month, ct);
        var keyCategories = await KeyCategoriesAsync();

        var evaluations = new List<RiskEvaluation>(enterprises.Count);
        var inputs = new StringBuilder();
        foreach (var e in enterprises.OrderBy(e => e.Uscc, StringComparer.Ordinal))
        {
            var values = new Dictionary<string, decimal>(SystemIndicators.Compute(e, tasks[e.Uscc], keyCategories, asOf), StringComparer.Ordinal);
            foreach (var (indicator, value) in imported.GetValueOrDefault(e.Uscc) ?? [])
            {
                values[indicator] = value;
            }

            foreach (var (indicator, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                inputs.Append(e.Uscc).Append('|').Append(indicator).Append('|').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
            }

            evaluations.Add(RiskEvaluator.Evaluate(model, e.Uscc, values));
        }

        var current = enterprises.ToDictionary(e => e.Uscc, e => e.Current, StringComparer.Ordinal);
        var changes = evaluations.Where(v => v.Class != current[v.Uscc]).ToList();
        var previousRun = await store.PreviousAsync(month, 0, ct);
        var previous = previousRun is null ? [] : (await store.ClassificationsAsync(previousRun, null, null, ct)).ToDictionary(v => v.Uscc, StringComparer.Ordinal);
        var run = await store.RecordAsync(new RiskRun(month, 0, model.Id, model.Version, RiskStore.Sha256(model.ToJson()), RiskStore.Sha256(inputs.ToString()),
            evaluations.Count, Enum.GetValues<RiskClass>().ToDictionary(c => c.ToString(), c => evaluations.Count(v => v.Class == c)), changes.Count, by, clock.GetUtcNow()), evaluations, ct);

        foreach (var change in changes)
        {
            var result = await grains.GetGrain<IEnterpriseGrain>(change.Uscc).SetRiskClassAsync(new SetRiskClass(month, change.Class, $"{by}: risk model {model.Id} v{model.Version}, run {month}/{run.Run}"));
            if (result.Problems.Count > 0)
            {
                throw new InvalidOperationException($"the class of {change.Uscc} was not set: {string.Join("; ", result.Problems.Select(p => $"{p.Field} {p.Message}"))}");
            }
        }

        return (run, RiskEvaluator.Warnings(previous, evaluations));
    }

    private async Task<List<EnterpriseRecord>> EnterprisesAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT uscc, name, status, key_supervision, categories, risk_class FROM directory_enterprises WHERE service_id = $1 AND status <> 'Deregistered'");
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.CommandTimeout = 300;
        var list = new List<EnterpriseRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new EnterpriseRecord(reader.GetString(0), reader.GetString(1), Enum.Parse<EnterpriseStatus>(reader.GetString(2)), reader.GetBoolean(3),
                reader.GetFieldValue<string[]>(4), Enum.Parse<RiskClass>(reader.GetString(5))));
        }

        return list;
    }

    private async Task<List<TaskRecord>> TasksAsync(CancellationToken ct)
    {
        // A refusal is dated by its last change (it ends the task); every other inspection by its conclusion.
        await using var command = database.CreateCommand("""
            SELECT uscc, CASE WHEN stage = 'Refused' THEN (changed_at AT TIME ZONE 'Asia/Shanghai')::date ELSE concluded_on END,
                   concluded_on, outcome, stage = 'Refused', coalesce(disposal LIKE 'failed%', false), purpose = 'risk-monitoring'
              FROM task_board WHERE service_id = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        var list = new List<TaskRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new TaskRecord(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6)));
        }

        return list;
    }

    /// <summary>The board's facts of one enterprise's tasks for its credit record.</summary>
    public async Task<List<CreditFact>> CreditFactsAsync(string uscc, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT task_id, outcome, stage = 'Refused', disposal, concluded_on, (changed_at AT TIME ZONE 'Asia/Shanghai')::date, published_on,
                   purpose = 'risk-monitoring'
              FROM task_board WHERE service_id = $1 AND uscc = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = cluster.Value.ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = uscc });
        var list = new List<CreditFact>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new CreditFact(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetBoolean(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4), reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), reader.GetBoolean(7)));
        }

        return list;
    }

    /// <summary>Every enterprise's name by USCC, for exports people read.</summary>
    public async Task<Dictionary<string, string>> NamesAsync(CancellationToken ct) =>
        (await EnterprisesAsync(ct)).ToDictionary(e => e.Uscc, e => e.Name ?? string.Empty, StringComparer.Ordinal);

    private async Task<IReadOnlySet<string>> KeyCategoriesAsync() =>
        (await CatalogueCache.InForceAsync(grains, clock)).Categories.Where(c => c.Supervision == SupervisionLevel.Key).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
}
