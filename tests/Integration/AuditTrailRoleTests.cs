using Npgsql;
using Samples.Tests.Support;

namespace Samples.Tests.Integration;

/// <summary>
/// The silo's database role may read and append to the audit trail and nothing more: no UPDATE, DELETE or TRUNCATE, no
/// trigger, owner or definition change; the owner role owns the schema and runs the migrations. Checked on scratch
/// databases migrated as the scripts migrate them, with the silo's role's own connection, new and upgraded.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditTrailRoleTests
{
    [Fact]
    public async Task The_silo_role_reads_and_appends_to_the_trail_but_cannot_change_truncate_or_redefine_it()
    {
        var scratch = await TestDatabase.CreateScratchAsync("audit_roles");
        try
        {
            var run = await TestDatabase.MigrateAsync(scratch);
            run.ExitCode.Should().Be(0, run.Error);
            run.Error.Should().BeEmpty();

            await TheTrailIsAppendOnlyForTheSiloAsync(scratch);

            (await TestDatabase.MigrateAsync(scratch)).ExitCode.Should().Be(0);
            await TheTrailIsAppendOnlyForTheSiloAsync(scratch, "after migrate.sh ran again");
        }
        finally
        {
            await TestDatabase.DropAsync(scratch);
        }
    }

    [Fact]
    public async Task A_database_the_silo_role_owned_is_handed_to_the_owner_once_and_then_guards_the_trail_the_same_way()
    {
        var scratch = ScratchDatabase.Named($"audit_upgrade_{Guid.NewGuid():N}"[..40]);
        (await ServerAdmin.RunAsync("pg_ensure_roles; pg_admin_sql \"CREATE DATABASE $1 OWNER $SAMPLES_PG_USER\"", scratch.Name)).ExitCode.Should().Be(0);
        try
        {
            // As before the owner role: the silo's role migrates and owns everything (migrate.sh says what that means).
            var asBefore = await TestDatabase.MigrateAsync(scratch, @as: scratch.App);
            asBefore.ExitCode.Should().Be(0, asBefore.Error);
            asBefore.Error.Should().Contain("could rewrite the audit trail");
            // The old layout really is the old one: the silo's role could switch the append-only trigger off.
            await ExecuteAsync(scratch.App, "ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_append_only");
            await ExecuteAsync(scratch.App, "ALTER TABLE audit_trail ENABLE TRIGGER audit_trail_append_only");

            var refused = await TestDatabase.MigrateAsync(scratch);
            refused.ExitCode.Should().NotBe(0, "the owner cannot migrate tables it does not own");
            refused.Error.Should().Contain("take-ownership.sql");

            var handed = await ServerAdmin.RunAsync("pg_ensure_database \"$1\"", scratch.Name);
            handed.ExitCode.Should().Be(0, handed.Error);
            handed.Output.Should().Contain($"handed from {Username(scratch.App)} to {Username(scratch.Owner)}");
            var migrated = await TestDatabase.MigrateAsync(scratch);
            migrated.ExitCode.Should().Be(0, migrated.Error);
            migrated.Error.Should().BeEmpty();
            (await ServerAdmin.RunAsync("pg_ensure_database \"$1\"", scratch.Name)).Output.Should().NotContain("handed", "it is done once");

            await TheTrailIsAppendOnlyForTheSiloAsync(scratch, "after the hand-over");
        }
        finally
        {
            await ServerAdmin.RunAsync("pg_admin_sql \"DROP DATABASE IF EXISTS $1 WITH (FORCE)\"", scratch.Name);
        }
    }

    private static async Task TheTrailIsAppendOnlyForTheSiloAsync(ScratchDatabase scratch, string when = "after migrating")
    {
        var serviceId = $"roles-{Guid.NewGuid():N}";
        var owner = Username(scratch.Owner);

        (await ScalarAsync(scratch.App, $"SELECT pg_has_role(current_user, '{owner}', 'MEMBER')")).Should().Be(false, $"the silo's role is no member of the owner ({when})");
        (await ScalarAsync(scratch.App, "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'audit_trail'::regclass")).Should().Be(owner);

        await ExecuteAsync(scratch.App, $"""
            INSERT INTO audit_trail (service_id, seq, event_id, stream, version, at, actor, action, detail, task_previous_sha256, task_sha256, previous_sha256, sha256)
            VALUES ('{serviceId}', 1, 'E#1', 'T', 1, now(), '王监督', 'accept', '', 'genesis', 't1', 'genesis', 'h1')
            """);
        (await ScalarAsync(scratch.App, $"SELECT actor FROM audit_trail WHERE service_id = '{serviceId}' AND seq = 1")).Should().Be("王监督", $"and reads ({when})");

        foreach (var statement in new[]
        {
            $"UPDATE audit_trail SET actor = 'someone else' WHERE service_id = '{serviceId}'",
            $"DELETE FROM audit_trail WHERE service_id = '{serviceId}'",
            "TRUNCATE audit_trail",
            "ALTER TABLE audit_trail DISABLE TRIGGER audit_trail_append_only",
            "ALTER TABLE audit_trail DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_trail_append_only ON audit_trail",
            "CREATE OR REPLACE FUNCTION audit_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
            "DROP TABLE audit_trail",
            $"ALTER TABLE audit_trail OWNER TO {Username(scratch.App)}",
            "ALTER TABLE audit_trail RENAME TO audit_trail_old",
            "CREATE TABLE audit_trail_copy (LIKE audit_trail)",
            "DELETE FROM samples_schema_migrations",
            "UPDATE orleansquery SET querytext = querytext",
        })
        {
            var act = () => ExecuteAsync(scratch.App, statement);
            (await act.Should().ThrowAsync<PostgresException>($"{statement} ({when})"))
                .Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, $"{statement} is refused for lack of privilege ({when})");
        }

        (await ScalarAsync(scratch.App, $"SELECT actor FROM audit_trail WHERE service_id = '{serviceId}' AND seq = 1")).Should().Be("王监督", "nothing changed");

        // Every other table keeps full DML, Quartz's job store included: the silo updates and deletes its own rows there.
        await ExecuteAsync(scratch.App, $"INSERT INTO notifications VALUES ('{serviceId}', 'E#1', 'inspector', 'I-1', 'T', now(), '新任务')");
        (await ExecuteAsync(scratch.App, $"UPDATE notifications SET message = '任务已变更' WHERE service_id = '{serviceId}'")).Should().Be(1);
        (await ExecuteAsync(scratch.App, $"DELETE FROM notifications WHERE service_id = '{serviceId}'")).Should().Be(1);
        await ExecuteAsync(scratch.App, $"INSERT INTO qrtz_locks VALUES ('{serviceId}', 'TRIGGER_ACCESS')");
        (await ExecuteAsync(scratch.App, $"UPDATE qrtz_locks SET lock_name = lock_name WHERE sched_name = '{serviceId}'")).Should().Be(1);
        (await ExecuteAsync(scratch.App, $"DELETE FROM qrtz_locks WHERE sched_name = '{serviceId}'")).Should().Be(1);

        // The owner may do more, but not empty the trail by a slip: TRUNCATE meets a trigger (migration 0011).
        var truncate = () => ExecuteAsync(scratch.Owner, "TRUNCATE audit_trail");
        (await truncate.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only (TRUNCATE refused)");
    }

    private static string Username(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username!;

    private static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
