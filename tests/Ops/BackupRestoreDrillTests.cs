using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Samples.Domain.Tests.Support;
using Samples.Tests.Api;
using Samples.Tests.Support;
using Xunit.Abstractions;

namespace Samples.Tests.Ops;

/// <summary>Drills that start PostgreSQL servers of their own run alone (two cores, fixed ports).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpsDrillCollection
{
    public const string Name = "ops-drill";
}

/// <summary>
/// The backup and point-in-time recovery drill, with the scripts an operator runs (ops/backup.sh, ops/restore.sh) on a
/// PostgreSQL of its own (a data folder under the temp folder, port 25452): real work through a silo, a backup, more
/// work, the time T noted, more work again, the data folder destroyed, then restores to the latest state and to T.
/// Counts per table prove which writes came back; <c>samples audit verify</c> on a silo on the restored database proves
/// the trail is whole.
/// </summary>
[Collection(OpsDrillCollection.Name)]
public sealed class BackupRestoreDrillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Port = 25452;

    // One fixed folder (as the port is fixed): a run that crashed left its server there, and the next run stops it first.
    private readonly string data = Path.Combine(Path.GetTempPath(), "samples-backup-drill");
    private readonly string serviceId = RunningSilo.NewServiceId("drill");

    private static string ConnectionString => $"Host=127.0.0.1;Port={Port};Database=samples;Username=samples;Password=samples;No Reset On Close=true";

    private static string OwnerConnectionString => $"Host=127.0.0.1;Port={Port};Database=samples;Username=samples_owner;Password=samples_owner;Pooling=false";

    public async Task InitializeAsync()
    {
        await StopServerAsync();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        // As ops/run.sh does: the server, the two roles and the database, the schema.
        await OpsAsync("source ops/lib/common.sh && pg_up && pg_ensure_database samples && bash ops/db/migrate.sh samples");
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopServerAsync();
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Restores_exactly_the_writes_before_the_chosen_time_and_all_of_them_to_the_latest()
    {
        // The first backup turns WAL archiving on (a restart) before any silo runs; the second, after real work, is the one
        // restored (SAMPLES_BACKUP_KEEP=1 removes the first).
        (await OpsAsync("bash ops/backup.sh")).Should().Contain("Turning on WAL archiving", "the first run turns archiving on and says so");

        var planId = $"DRILL-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        string admin;
        TaskCast cast;
        await using (var silo = await StartSiloAsync())
        {
            admin = silo.AdminToken();
            using var boss = silo.Http(admin);
            await DrawScenario.SeedAsync(boss, planId);
            await DrawScenario.CommitAndDrawAsync(boss, planId, clock: silo.Clock);
            cast = await TaskScenario.CastAsync(silo, boss, planId);
            await SettledAsync();
        }

        var backup = await OpsAsync("bash ops/backup.sh", ("SAMPLES_BACKUP_KEEP", "1"));
        backup.Should().Contain("Removed 1 older base backup(s)", "only the newest backup is kept with SAMPLES_BACKUP_KEEP=1");

        // After the backup: the first inspector accepts and two enterprises are registered. Then T.
        await using (var silo = await StartSiloAsync())
        {
            await StepAsync(silo, cast.FirstInspector, cast.TaskId, "accept");
            await RegisterAsync(silo, admin, 2);
            await SettledAsync();
        }

        var atT = await CountsAsync();
        var t = await NowAsync();
        await Task.Delay(TimeSpan.FromSeconds(1)); // every later commit is clearly after T, whatever the clocks' rounding

        // After T: the second inspector accepts and three more enterprises are registered.
        await using (var silo = await StartSiloAsync())
        {
            await StepAsync(silo, cast.SecondInspector, cast.TaskId, "accept");
            await RegisterAsync(silo, admin, 3);
            await SettledAsync();
        }

        var latest = await CountsAsync();
        latest["directory_enterprises"].Should().Be(atT["directory_enterprises"] + 3, "three enterprises were registered after T");
        latest["audit_trail"].Should().BeGreaterThan(atT["audit_trail"], "the second acceptance was audited after T");
        latest["task_board (sum of versions)"].Should().Be(atT["task_board (sum of versions)"] + 1, "one task changed once after T");

        // A lost disk takes at most archive_timeout (a minute) of writes with it; the drill closes the segment rather than wait.
        await OpsAsync("bash ops/backup.sh --wal");
        await DestroyAsync();
        var toLatest = await OpsAsync("bash ops/restore.sh --to latest");
        toLatest.Should().Contain("Restored: PostgreSQL accepts writes");
        (await CountsAsync()).Should().Equal(latest, "restored to the latest state, every write is back");
        await VerifyAuditAsync(admin);

        await DestroyAsync();
        var target = t.ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        var toT = await OpsAsync($"bash ops/restore.sh --to \"{target}\"");
        toT.Should().Contain("Restored: PostgreSQL accepts writes").And.Contain("timeline");
        var restored = await CountsAsync();
        restored.Should().Equal(atT, "restored to T, exactly the writes before T are there");
        var afterT = await VerifyAuditAsync(admin);
        afterT.Log.Entries.Should().Contain(e => e.Message.Contains("The audit trail went back", StringComparison.Ordinal),
            "the heads recorded outside the database show that the trail was restored to an earlier state");

        // Refused before anything changes: a time to come, a time before every backup, an archive with a hole.
        var beforeRefusals = await CountsAsync();
        var future = DateTimeOffset.UtcNow.AddDays(1).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
        (await OpsAsync($"bash ops/restore.sh --to \"{future}\"", check: false)).Should().Contain("is in the future");
        (await OpsAsync("bash ops/restore.sh --to \"2020-01-01 00:00:00+08\"", check: false)).Should().Contain("no base backup finished before 2020-01-01 00:00:00+08");
        var info = Directory.EnumerateFiles(Path.Combine(data, "backups", "base"), "backup.info", SearchOption.AllDirectories).Single();
        var startWal = File.ReadLines(info).Single(l => l.StartsWith("start_wal=", StringComparison.Ordinal))["start_wal=".Length..];
        var wal = Path.Combine(data, "backups", "wal");
        var hole = Directory.EnumerateFiles(wal).Where(f => Path.GetFileName(f) is { Length: 24 } n && n[8..] == startWal[8..]).ToList();
        hole.Should().NotBeEmpty("the archive holds the segment the backup starts in");
        hole.ForEach(f => File.Move(f, f + ".aside"));
        (await OpsAsync("bash ops/restore.sh --to latest", check: false)).Should().Contain($"misses segment {startWal[8..]}");
        hole.ForEach(f => File.Move(f + ".aside", f));
        (await CountsAsync()).Should().Equal(beforeRefusals, "a refused restore changes nothing");

        // Backups go on after a restore, on the new timeline (the restored server does not hold the scripts' lock).
        (await OpsAsync("bash ops/backup.sh")).Should().Contain("verified");
        var afterRestore = await CountsAsync();
        await DestroyAsync();
        (await OpsAsync("bash ops/restore.sh --to latest")).Should().Contain("Restored: PostgreSQL accepts writes");
        (await CountsAsync()).Should().Equal(afterRestore, "a backup taken after a restore restores to its own latest state, not to the old target");

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Backup/PITR drill, T = {target}; rows per table (at T / latest / restored to T):");
        foreach (var (table, count) in latest.Where(c => c.Value > 0 || atT[c.Key] > 0))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {table,-36} {atT[table],6} {count,6} {restored[table],6}");
        }

        report.AppendLine(toT.Split('\n').LastOrDefault(l => l.StartsWith("restored-backup=", StringComparison.Ordinal)));
        output.WriteLine(report.ToString());
        var results = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "backup-drill.txt"), report.ToString());
    }

    private Task<RunningSilo> StartSiloAsync() => RunningSilo.StartAsync(serviceId, ConnectionString);

    private static async Task StepAsync(RunningSilo silo, string token, string taskId, string action)
    {
        using var http = silo.Http(token);
        var response = await http.PostAsJsonAsync($"/api/tasks/{Uri.EscapeDataString(taskId)}/{action}", new { });
        response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task RegisterAsync(RunningSilo silo, string token, int count)
    {
        using var http = silo.Http(token);
        for (var i = 0; i < count; i++)
        {
            var created = await http.PostAsJsonAsync("/api/enterprises", new { uscc = Codes.NewUscc(), name = $"演练企业{i}", regionCode = "632803", categories = new[] { DrawScenario.Category }, riskClass = "B" });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Waits until the consumers caught up: every board row's version is in the audit trail and nothing more arrives.</summary>
    private static async Task SettledAsync()
    {
        var previous = -1L;
        for (var i = 0; i < 120; i++)
        {
            await using var connection = new NpgsqlConnection(OwnerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM audit_trail),
                       (SELECT count(*) FROM task_board b WHERE b.version <> (SELECT count(*) FROM audit_trail a WHERE a.stream = b.task_id))
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (audited, lagging) = (reader.GetInt64(0), reader.GetInt64(1));
            if (lagging == 0 && audited == previous)
            {
                return;
            }

            previous = audited;
            await Task.Delay(500);
        }

        throw new TimeoutException("the read models did not settle within a minute");
    }

    /// <summary>Rows in every table of the schema, as the owner sees them (nothing runs against the database meanwhile).</summary>
    private static async Task<SortedDictionary<string, long>> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        // Row counts miss an update: the board's versions summed show each task's last change too.
        await using (var versions = new NpgsqlCommand("SELECT coalesce(sum(version), 0) FROM task_board", connection))
        {
            counts["task_board (sum of versions)"] = (long)(await versions.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static async Task<DateTimeOffset> NowAsync()
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!).ToOffset(TimeSpan.FromHours(8));
    }

    /// <summary>A silo on the restored database, and the check <c>samples audit verify</c> makes; answers the stopped silo (its log).</summary>
    private async Task<RunningSilo> VerifyAuditAsync(string admin)
    {
        await using var silo = await StartSiloAsync();
        var (code, stdout, stderr) = await CliRunner.RunAsync(silo, admin, "audit", "verify");
        output.WriteLine(stdout);
        code.Should().Be(0, $"the restored audit trail verifies:\n{stdout}\n{stderr}");
        return silo;
    }

    /// <summary>The disk is lost: PostgreSQL stops and its data folder goes.</summary>
    private async Task DestroyAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopServerAsync();
        var folder = Path.Combine(data, "pg");
        Directory.Delete(new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder, recursive: true);
        Directory.Exists(folder).Should().BeFalse("the data folder is gone before the restore");
    }

    private Task<string> StopServerAsync() => OpsAsync("source ops/lib/common.sh && pg_down", check: false);

    private Task<string> OpsAsync(string commands, params (string Name, string Value)[] extra) => OpsAsync(commands, check: true, extra);

    /// <summary>Runs <paramref name="commands"/> from the repository root with this drill's folder and port.</summary>
    private async Task<string> OpsAsync(string commands, bool check, params (string Name, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SAMPLES_DATA"] = data,
            ["SAMPLES_PG_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        var run = await ScriptRun.RunAsync(["-c", $"set -euo pipefail; cd \"{RepoPaths.Root}\"; {commands}"], environment);
        var text = run.Output + run.Error;
        output.WriteLine($"$ {commands}\n{text}");
        if (check)
        {
            run.ExitCode.Should().Be(0, $"{commands} should succeed:\n{text}");
        }

        return text;
    }
}
