using Npgsql;
using Samples.Domain.Tests.Support;

namespace Samples.Tests.Support;

/// <summary>
/// Runs the ops scripts' own PostgreSQL functions (ops/lib/common.sh: pg_admin_sql, pg_ensure_database …) against the
/// test server, as the postgres superuser through its socket, the way ops/run.sh and ops/test.sh do (so, as root).
/// </summary>
public static class ServerAdmin
{
    /// <summary>Runs <paramref name="commands"/> (bash, after sourcing common.sh); <c>$1</c>… are <paramref name="arguments"/>.</summary>
    public static Task<ScriptRun> RunAsync(string commands, params string[] arguments)
    {
        var app = new NpgsqlConnectionStringBuilder(TestDatabase.ConnectionString);
        var owner = new NpgsqlConnectionStringBuilder(TestDatabase.OwnerConnectionString);
        var environment = new Dictionary<string, string?>
        {
            ["SAMPLES_PG_PORT"] = app.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SAMPLES_PG_USER"] = app.Username,
            ["SAMPLES_PG_PASSWORD"] = app.Password,
            ["SAMPLES_PG_OWNER"] = owner.Username,
            ["SAMPLES_PG_OWNER_PASSWORD"] = owner.Password,
            [TestDatabase.SocketVariable] = TestDatabase.SocketDirectory,
        };
        var script = $"set -euo pipefail; source \"$0\"; PG_SOCKET_DIR=\"${TestDatabase.SocketVariable}\"; {commands}";
        return ScriptRun.RunAsync(["-c", script, Path.Combine(RepoPaths.Root, "ops", "lib", "common.sh"), .. arguments], environment);
    }
}
