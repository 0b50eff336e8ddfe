using Npgsql;
using Samples.Silo.Hosting;

namespace Samples.Silo.Database;

/// <summary>
/// Refuses to start a silo on a database whose schema is missing or older than this build needs,
/// naming the command that fixes it, instead of letting the Orleans providers fail later and vaguely.
/// </summary>
public static class SchemaGuard
{
    public static async Task EnsureCurrentAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var target = Describe(connectionString);
        int? version;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            version = await ReadVersionAsync(connection, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw new SettingsException(
                $"PostgreSQL at {target} cannot be reached ({ex.Message}). Start it with: bash ops/run.sh (which also starts the silo), or check Samples:Postgres:ConnectionString.");
        }

        if (version is null)
        {
            throw new SettingsException(
                $"The database at {target} has no Samples schema. Apply it with: {SchemaVersion.MigrateCommand}");
        }

        if (version < SchemaVersion.Required)
        {
            throw new SettingsException(
                $"The database at {target} has schema version {version}, this build needs {SchemaVersion.Required}. Upgrade it with: {SchemaVersion.MigrateCommand}");
        }
    }

    /// <summary>The highest applied migration, or null when the migrations table does not exist.</summary>
    public static async Task<int?> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var exists = new NpgsqlCommand("SELECT to_regclass('public.samples_schema_migrations') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return null;
        }

        await using var max = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM samples_schema_migrations", connection);
        return Convert.ToInt32(await max.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }
}
