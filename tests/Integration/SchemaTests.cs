using Npgsql;
using Samples.Domain.Tests.Support;
using Samples.Silo.Database;
using Samples.Silo.Hosting;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

[Collection(PostgresCollection.Name)]
public sealed class SchemaTests
{
    [Fact]
    public async Task Applying_the_schema_twice_changes_nothing()
    {
        var scratch = await TestDatabase.CreateScratchAsync("schema_twice");
        try
        {
            (await MigrateAsync(scratch)).Should().Be(0);
            var once = await FingerprintAsync(scratch);

            (await MigrateAsync(scratch)).Should().Be(0, "re-running the migration script is harmless");
            foreach (var file in Directory.GetFiles(RepoPaths.Migrations, "*.sql").Order())
            {
                // Each file is idempotent on its own too, so a half-recorded run can be repeated by hand (by the owner).
                await ExecuteAsync(scratch.Owner, await File.ReadAllTextAsync(file));
            }

            var twice = await FingerprintAsync(scratch);
            twice.Should().Be(once);
            once.Should().Contain("orleansquery").And.Contain("CleanupDefunctSiloEntriesKey").And.Contain("UpsertReminderRowKey");
        }
        finally
        {
            await TestDatabase.DropAsync(scratch);
        }
    }

    [Fact]
    public async Task The_silo_refuses_a_missing_or_old_schema_and_names_the_command_that_fixes_it()
    {
        var scratch = await TestDatabase.CreateScratchAsync("schema_guard");
        try
        {
            var missing = () => SchemaGuard.EnsureCurrentAsync(scratch.App);
            (await missing.Should().ThrowAsync<SettingsException>())
                .Which.Message.Should().Contain("has no Samples schema").And.Contain("bash ops/db/migrate.sh");

            (await MigrateAsync(scratch)).Should().Be(0);
            await SchemaGuard.EnsureCurrentAsync(scratch.App);

            await ExecuteAsync(scratch.Owner, $"DELETE FROM samples_schema_migrations WHERE version = {SchemaVersion.Required}");
            var old = () => SchemaGuard.EnsureCurrentAsync(scratch.App);
            (await old.Should().ThrowAsync<SettingsException>())
                .Which.Message.Should().Contain($"schema version {SchemaVersion.Required - 1}, this build needs {SchemaVersion.Required}")
                .And.Contain("bash ops/db/migrate.sh");
        }
        finally
        {
            await TestDatabase.DropAsync(scratch);
        }
    }

    [Fact]
    public async Task An_unreachable_database_is_named_in_the_start_up_error()
    {
        var nowhere = "Host=127.0.0.1;Port=1;Database=samples;Username=samples;Password=x;Timeout=2";

        var act = () => SchemaGuard.EnsureCurrentAsync(nowhere);

        (await act.Should().ThrowAsync<SettingsException>()).Which.Message.Should().StartWith("PostgreSQL at 127.0.0.1:1/samples cannot be reached");
    }

    /// <summary>Runs ops/db/migrate.sh against the scratch database, as a user would; it reports nothing on stderr.</summary>
    private static async Task<int> MigrateAsync(ScratchDatabase scratch)
    {
        var run = await TestDatabase.MigrateAsync(scratch);
        run.Error.Should().BeEmpty("migrate.sh reported: {0}", run.Output);
        return run.ExitCode;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every table, column, index, function and table grant of the schema, plus the stored queries and migration records.</summary>
    private static async Task<string> FingerprintAsync(ScratchDatabase scratch)
    {
        const string sql = """
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
              SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable AS line
                FROM information_schema.columns WHERE table_schema = 'public'
              UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
              UNION ALL SELECT 'function ' || p.proname || ' ' || md5(pg_get_functiondef(p.oid))
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
              UNION ALL SELECT 'query ' || querykey || ' ' || md5(querytext) FROM orleansquery
              UNION ALL SELECT 'migration ' || version || ' ' || name || ' ' || sha256 FROM samples_schema_migrations
              UNION ALL SELECT 'grants ' || c.relname || ' ' || coalesce(c.relacl::text, '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'
              UNION ALL SELECT 'rows ' || count(*) FROM orleansquery
            ) AS schema
            """;
        await using var connection = new NpgsqlConnection(scratch.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
