using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Samples.Contracts.Directory;
using Samples.Domain.Risk;

namespace Samples.Silo.Risk;

/// <summary>The risk model's versions, the imported indicators and the runs (ops/db/migrations/0017_risk.sql).</summary>
public sealed class RiskStore(NpgsqlDataSource database, IOptions<ClusterOptions> cluster)
{
    private string ServiceId => cluster.Value.ServiceId;

    /// <summary>Every stored version, newest first; the shipped version 1 when none was uploaded.</summary>
    public async Task<List<StoredModel>> ModelsAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT json, sha256, uploaded_by, uploaded_at FROM risk_models WHERE service_id = $1 ORDER BY version DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        var list = new List<StoredModel>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                list.Add(new StoredModel(RiskModel.Parse(reader.GetString(0)).Model!, reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
            }
        }

        if (list.All(m => m.Model.Version != 1))
        {
            var shipped = RiskModel.Shipped;
            list.Add(new StoredModel(shipped, Sha256(shipped.ToJson()), "shipped", DateTimeOffset.UnixEpoch));
        }

        return list;
    }

    /// <summary>Stores a new version; false when that version exists (versions never change).</summary>
    public async Task<bool> AddModelAsync(RiskModel model, string by, DateTimeOffset at, CancellationToken ct)
    {
        var json = model.ToJson();
        await using var command = database.CreateCommand("""
            INSERT INTO risk_models (service_id, model_id, version, json, sha256, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT DO NOTHING
            """);
        foreach (var value in new object[] { ServiceId, model.Id, model.Version, json, Sha256(json), by, at.UtcDateTime })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Imports a month's indicator values (a value imported again for the same month, enterprise and indicator replaces the earlier one until a run uses it).</summary>
    public async Task ImportAsync(string month, IReadOnlyList<(string Uscc, string Indicator, decimal Value)> rows, string by, DateTimeOffset at, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO risk_indicator_values (service_id, month, uscc, indicator, value, imported_by, imported_at)
            SELECT $1, $2, u, i, v, $6, $7 FROM unnest($3::text[], $4::text[], $5::numeric[]) AS r(u, i, v)
            ON CONFLICT (service_id, month, uscc, indicator) DO UPDATE SET value = EXCLUDED.value, imported_by = EXCLUDED.imported_by, imported_at = EXCLUDED.imported_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Uscc).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Indicator).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = by });
        command.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<Dictionary<string, Dictionary<string, decimal>>> ImportedAsync(string month, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT uscc, indicator, value FROM risk_indicator_values WHERE service_id = $1 AND month = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = month });
        var found = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var uscc = reader.GetString(0);
            if (!found.TryGetValue(uscc, out var values))
            {
                found[uscc] = values = new Dictionary<string, decimal>(StringComparer.Ordinal);
            }

            values[reader.GetString(1)] = reader.GetDecimal(2);
        }

        return found;
    }

    /// <summary>Records a run and every classification in one transaction; the run's number is the month's next.</summary>
    public async Task<RiskRun> RecordAsync(RiskRun run, IReadOnlyList<RiskEvaluation> evaluations, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockMonth = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext($1))", connection, transaction))
        {
            lockMonth.Parameters.Add(new NpgsqlParameter { Value = $"{ServiceId}/risk/{run.Month}" });
            await lockMonth.ExecuteNonQueryAsync(ct);
        }

        await using (var next = new NpgsqlCommand("SELECT coalesce(max(run), 0) + 1 FROM risk_runs WHERE service_id = $1 AND month = $2", connection, transaction))
        {
            next.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
            next.Parameters.Add(new NpgsqlParameter { Value = run.Month });
            run = run with { Run = (int)(await next.ExecuteScalarAsync(ct))! };
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO risk_runs (service_id, month, run, model_id, model_version, model_sha256, inputs_sha256, enterprises, counts, changed, run_by, run_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """, connection, transaction))
        {
            foreach (var value in new object[] { ServiceId, run.Month, run.Run, run.ModelId, run.ModelVersion, run.ModelSha256, run.InputsSha256, run.Enterprises })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(run.Counts), NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = run.Changed });
            insert.Parameters.Add(new NpgsqlParameter { Value = run.RunBy });
            insert.Parameters.Add(new NpgsqlParameter { Value = run.RunAt.UtcDateTime });
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using (var rows = new NpgsqlCommand("""
            INSERT INTO risk_classifications (service_id, month, run, uscc, score, class, contributions)
            SELECT $1, $2, $3, u, s, c, j::jsonb FROM unnest($4::text[], $5::numeric[], $6::text[], $7::text[]) AS r(u, s, c, j)
            """, connection, transaction))
        {
            rows.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
            rows.Parameters.Add(new NpgsqlParameter { Value = run.Month });
            rows.Parameters.Add(new NpgsqlParameter { Value = run.Run });
            rows.Parameters.Add(new NpgsqlParameter { Value = evaluations.Select(e => e.Uscc).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = evaluations.Select(e => e.Score).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = evaluations.Select(e => e.Class.ToString()).ToArray() });
            rows.Parameters.Add(new NpgsqlParameter { Value = evaluations.Select(e => JsonSerializer.Serialize(e.Contributions, Web)).ToArray() });
            await rows.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return run;
    }

    /// <summary>The newest run of <paramref name="month"/>.</summary>
    public Task<RiskRun?> RunAsync(string month, CancellationToken ct) => OneRunAsync("month = $2", month, 0, ct);

    /// <summary>
    /// The run whose classes were in the directory at <paramref name="at"/>: the last one recorded before it (a run sets the
    /// enterprises' classes as it is recorded, so a round committed after it froze them in its frames).
    /// </summary>
    public Task<RiskRun?> InEffectAsync(DateTimeOffset at, CancellationToken ct) => OneRunAsync("run_at <= $2", at.ToUniversalTime(), 0, ct, "run_at DESC");

    /// <summary>The run before run <paramref name="run"/> of <paramref name="month"/> (an earlier run of the month, or the newest of an earlier month); with run 0, the newest run up to that month.</summary>
    public Task<RiskRun?> PreviousAsync(string month, int run, CancellationToken ct) =>
        run == 0 ? OneRunAsync("month <= $2", month, 0, ct) : OneRunAsync("(month < $2 OR (month = $2 AND run < $3))", month, run, ct);

    private async Task<RiskRun?> OneRunAsync(string where, object value, int run, CancellationToken ct, string order = "month DESC, run DESC")
    {
        await using var command = database.CreateCommand($"""
            SELECT month, run, model_id, model_version, model_sha256, inputs_sha256, enterprises, counts::text, changed, run_by, run_at FROM risk_runs
            WHERE service_id = $1 AND {where} AND $3 >= 0 ORDER BY {order} LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        command.Parameters.Add(new NpgsqlParameter { Value = run });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new RiskRun(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(7))!, reader.GetInt32(8), reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(10))
            : null;
    }

    /// <summary>A run's classifications (of one enterprise when <paramref name="uscc"/> is set; of one class when <paramref name="riskClass"/> is).</summary>
    public async Task<List<RiskEvaluation>> ClassificationsAsync(RiskRun run, string? uscc, string? riskClass, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT uscc, score, class, contributions::text FROM risk_classifications
            WHERE service_id = $1 AND month = $2 AND run = $3 AND ($4::text IS NULL OR uscc = $4) AND ($5::text IS NULL OR class = $5)
            ORDER BY score DESC, uscc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = run.Month });
        command.Parameters.Add(new NpgsqlParameter { Value = run.Run });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)uscc ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)riskClass ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var list = new List<RiskEvaluation>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new RiskEvaluation(reader.GetString(0), reader.GetDecimal(1), Enum.Parse<RiskClass>(reader.GetString(2)),
                JsonSerializer.Deserialize<List<RiskContribution>>(reader.GetString(3), Web)!));
        }

        return list;
    }

    /// <summary>An enterprise's class in every run, newest first, each with its explanation.</summary>
    public async Task<List<EnterpriseRiskView>> HistoryAsync(string uscc, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT month, run, score, class, contributions::text FROM risk_classifications WHERE service_id = $1 AND uscc = $2 ORDER BY month DESC, run DESC");
        command.Parameters.Add(new NpgsqlParameter { Value = ServiceId });
        command.Parameters.Add(new NpgsqlParameter { Value = uscc });
        var list = new List<EnterpriseRiskView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            list.Add(new EnterpriseRiskView(reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2), reader.GetString(3),
                JsonSerializer.Deserialize<List<RiskContribution>>(reader.GetString(4), Web)!));
        }

        return list;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}

/// <summary>A model version as stored: the model, the SHA-256 of its JSON, who uploaded it and when.</summary>
public sealed record StoredModel(RiskModel Model, string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>One run of the model for a month: which version, the digests of the model and of every input, how many of each class, how many classes changed.</summary>
public sealed record RiskRun(
    string Month, int Run, string ModelId, int ModelVersion, string ModelSha256, string InputsSha256, int Enterprises, IReadOnlyDictionary<string, int> Counts,
    int Changed, string RunBy, DateTimeOffset RunAt);
