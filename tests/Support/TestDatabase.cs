using Npgsql;
using Samples.Domain.Tests.Support;

namespace Samples.Tests.Support;

/// <summary>
/// The throwaway PostgreSQL database that ops/test.sh creates and migrates. Tests that need it fail,
/// not skip, when it is missing: a persistence claim nobody checked is not a passing test.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "SAMPLES_TEST_POSTGRES";

    /// <summary>The owner role's connection to the same database (ops/test.sh sets it): the owner creates and migrates.</summary>
    public const string OwnerVariable = "SAMPLES_TEST_POSTGRES_OWNER";

    /// <summary>The server's socket folder, for what only the postgres superuser does (ops/test.sh sets it).</summary>
    public const string SocketVariable = "SAMPLES_TEST_PG_SOCKET_DIR";

    /// <summary>The silo's role's connection: what the silo and most tests use.</summary>
    public static string ConnectionString => Required(Variable, "the silo's role's connection to samples_test");

    public static string OwnerConnectionString => Required(OwnerVariable, "the owner role's connection to samples_test");

    public static string SocketDirectory => Required(SocketVariable, "the PostgreSQL server's socket folder");

    /// <summary>
    /// Creates an empty scratch database as the scripts do (owned by the owner role); drop it with <see cref="DropAsync"/>.
    /// </summary>
    public static async Task<ScratchDatabase> CreateScratchAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ScratchDatabase.Named(name);
    }

    public static async Task DropAsync(ScratchDatabase scratch)
    {
        // Idle pooled connections of the silo's role to the scratch database would block the drop: the owner may not
        // terminate another role's sessions (FORCE needs pg_signal_backend), so this process closes its own first.
        foreach (var connectionString in new[] { scratch.App, scratch.Owner })
        {
            await using var pooled = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {scratch.Name} WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                // A session of the silo's role was still closing (a stopped silo's last query returning its connection):
                // FORCE may not end another role's session, so wait for it to end and clear the pools again.
                await Task.Delay(250);
                foreach (var connectionString in new[] { scratch.App, scratch.Owner })
                {
                    await using var pooled = new NpgsqlConnection(connectionString);
                    NpgsqlConnection.ClearPool(pooled);
                }
            }
        }
    }

    /// <summary>
    /// Runs ops/db/migrate.sh against <paramref name="scratch"/> as a user would: connected as <paramref name="as"/> (the
    /// owner, as the scripts do, unless a test says otherwise), granting to the silo's role of <see cref="ConnectionString"/>.
    /// </summary>
    public static Task<ScriptRun> MigrateAsync(ScratchDatabase scratch, string? @as = null)
    {
        var b = new NpgsqlConnectionStringBuilder(@as ?? scratch.Owner);
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = b.Host,
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = b.Username,
            ["PGPASSWORD"] = b.Password,
            ["SAMPLES_PG_USER"] = new NpgsqlConnectionStringBuilder(scratch.App).Username,
        };
        return ScriptRun.RunAsync([Path.Combine(RepoPaths.Root, "ops", "db", "migrate.sh"), scratch.Name], environment);
    }

    private static string Required(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException($"{variable} ({what}) is not set: run the tests with 'bash ops/test.sh', which starts PostgreSQL and sets it.");
}
