using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans.Configuration;
using Orleans.Storage;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Silo.Directory;

/// <summary>
/// Grain storage for enterprise grains on the directory table: the state as JSON plus the columns draws
/// filter on, the row's version as the ETag. A write with a stale version (another writer, or a bulk
/// import, changed the row) raises Orleans' InconsistentStateException and changes nothing.
/// </summary>
public sealed class EnterpriseDirectoryStorage(NpgsqlDataSource database, IOptions<ClusterOptions> cluster) : IGrainStorage
{
    private readonly string serviceId = cluster.Value.ServiceId;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require<T>();
        await using var command = database.CreateCommand(
            $"SELECT d.version, {EnterpriseDirectoryRow.ReadColumns} FROM {EnterpriseDirectoryRow.ReadFrom} WHERE d.service_id = $1 AND d.uscc = $2");
        command.Parameters.Add(new() { Value = serviceId });
        command.Parameters.Add(new() { Value = grainId.Key.ToString() });
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = (T)(object)EnterpriseDirectoryRow.Read(reader, 1);
            grainState.ETag = reader.GetInt32(0).ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = (T)(object)new EnterpriseState();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require<T>();
        var state = (EnterpriseState)(object)grainState.State!;
        var sql = grainState.ETag is null
            ? $"""
              INSERT INTO directory_enterprises ({EnterpriseDirectoryRow.Columns}, service_id, version)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1)
              ON CONFLICT (service_id, uscc) DO NOTHING
              RETURNING version
              """
            : """
              UPDATE directory_enterprises
                 SET name = $2, region_code = $3, kind = $4, categories = $5, status = $6, key_supervision = $7,
                     risk_class = $8, content_hash = $9, state = $10, updated_at = $11, version = version + 1
               WHERE uscc = $1 AND service_id = $12 AND version = $13
              RETURNING version
              """;
        await using var command = database.CreateCommand(sql);
        EnterpriseDirectoryRow.AddParameters(command.Parameters, grainId.Key.ToString()!, state);
        command.Parameters.Add(new() { Value = serviceId });
        if (grainState.ETag is not null)
        {
            command.Parameters.Add(new() { Value = int.Parse(grainState.ETag, CultureInfo.InvariantCulture) });
        }

        var version = await command.ExecuteScalarAsync();
        if (version is not int newVersion)
        {
            throw new InconsistentStateException(
                $"Enterprise {grainId.Key} changed since it was read (version {grainState.ETag ?? "none"}); nothing was written.",
                "unknown",
                grainState.ETag ?? "none");
        }

        grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Require<T>();
        if (grainState.ETag is not null)
        {
            await using var command = database.CreateCommand(
                "DELETE FROM directory_enterprises WHERE service_id = $1 AND uscc = $2 AND version = $3");
            command.Parameters.Add(new() { Value = serviceId });
            command.Parameters.Add(new() { Value = grainId.Key.ToString() });
            command.Parameters.Add(new() { Value = int.Parse(grainState.ETag, CultureInfo.InvariantCulture) });
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw new InconsistentStateException($"Enterprise {grainId.Key} changed since it was read; nothing was deleted.", "unknown", grainState.ETag);
            }
        }

        grainState.State = (T)(object)new EnterpriseState();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static void Require<T>()
    {
        if (typeof(T) != typeof(EnterpriseState))
        {
            throw new NotSupportedException($"The directory storage keeps {nameof(EnterpriseState)} only, not {typeof(T).Name}.");
        }
    }
}

/// <summary>How an enterprise's state maps to a directory row; shared by the grain storage and the bulk import.</summary>
public static class EnterpriseDirectoryRow
{
    /// <summary>Parameters $1…$11 in this order.</summary>
    public const string Columns = "uscc, name, region_code, kind, categories, status, key_supervision, risk_class, content_hash, state, updated_at";

    /// <summary>
    /// What <see cref="Read"/> reads, from <see cref="ReadFrom"/>: the whole state, or, for a lean row (0023: state NULL), its
    /// fields, its line and its import.
    /// </summary>
    public const string ReadColumns =
        "d.state, d.uscc, d.name, d.address, d.region_code, d.kind, d.categories, d.licences, d.status, d.key_supervision, d.risk_class, " +
        "d.uscc_override_reason, d.uscc_override_problem, d.import_row, i.at, i.by, i.source";

    public const string ReadFrom = "directory_enterprises d LEFT JOIN directory_imports i ON d.state IS NULL AND i.id = d.import_id";

    /// <summary>Enums as names, so the stored JSON reads on its own.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };

    public static EnterpriseState Deserialize(string json) =>
        JsonSerializer.Deserialize<EnterpriseState>(json, Json) ?? new EnterpriseState();

    /// <summary>The state of the row at the reader, its <see cref="ReadColumns"/> from <paramref name="first"/> on.</summary>
    public static EnterpriseState Read(NpgsqlDataReader reader, int first)
    {
        if (!reader.IsDBNull(first))
        {
            return Deserialize(reader.GetString(first));
        }

        // A lean row: the state its import built, rebuilt the same way.
        string? Text(int i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i);
        var row = new EnterpriseRow(
            reader.GetInt32(first + 13),
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            Text(3),
            Text(4) ?? string.Empty,
            Enum.Parse<EnterpriseKind>(reader.GetString(first + 5)),
            reader.GetFieldValue<string[]>(first + 6),
            reader.GetFieldValue<string[]>(first + 7),
            Enum.Parse<EnterpriseStatus>(reader.GetString(first + 8)),
            reader.GetBoolean(first + 9),
            Enum.Parse<RiskClass>(reader.GetString(first + 10)),
            Text(11),
            Text(12));
        var import = new EnterpriseImportStamp(reader.GetFieldValue<DateTimeOffset>(first + 14), reader.GetString(first + 15), reader.GetString(first + 16));
        return import.ToState(row);
    }

    /// <summary>An enum's name as stored (what ToString gives), without formatting it again for every row.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => EnumNames<TEnum>.Of(value);

    private static class EnumNames<TEnum> where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToDictionary(v => v, v => v.ToString());

        public static string Of(TEnum value) => Names.TryGetValue(value, out var name) ? name : value.ToString();
    }

    public static void AddParameters(NpgsqlParameterCollection parameters, string uscc, EnterpriseState state)
    {
        parameters.Add(new() { Value = uscc });
        parameters.Add(new() { Value = state.Name });
        parameters.Add(new() { Value = (object?)state.RegionCode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new() { Value = state.Kind.ToString() });
        parameters.Add(new() { Value = state.Categories.ToArray() });
        parameters.Add(new() { Value = state.Status.ToString() });
        parameters.Add(new() { Value = state.KeySupervision });
        parameters.Add(new() { Value = state.RiskClass.ToString() });
        parameters.Add(new() { Value = EnterpriseContent.Hash(state) });
        parameters.Add(new() { Value = JsonSerializer.Serialize(state, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        parameters.Add(new() { Value = DateTimeOffset.UtcNow });
    }
}
