using Npgsql;

namespace Samples.Tests.Support;

/// <summary>
/// The throwaway PostgreSQL database that ops/test.sh creates and migrates. Tests that need it fail,
/// not skip, when it is missing: a persistence claim nobody checked is not a passing test.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "SAMPLES_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable)
        ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with 'bash ops/test.sh', which starts PostgreSQL and sets it.");

    /// <summary>Creates an empty scratch database and returns its connection string; drop it with <see cref="DropAsync"/>.</summary>
    public static async Task<string> CreateScratchAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
