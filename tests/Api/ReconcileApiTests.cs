using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// The reconciliation check on a real silo: a board row deleted and another rolled back behind the owner's back (as a
/// lost event would leave them) are reported by POST /api/ops/reconcile?repair=false and by <c>samples ops reconcile</c>,
/// then mended by the repair, which publishes the tasks' events again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReconcileApiTests(ApiFixture api)
{
    [Fact]
    public async Task A_lagging_board_is_reported_then_repaired()
    {
        var planId = $"RECON-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        using var boss = api.Silo.Http(api.SupervisorToken);
        using var admin = api.Silo.Http(api.AdminToken);
        await DrawScenario.SeedAsync(boss, planId);
        await DrawScenario.CommitAndDrawAsync(boss, planId, clock: api.Silo.Clock);
        var tasks = await TaskScenario.WaitAsync<JsonElement[]>(async () =>
        {
            var board = await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks");
            return board.GetArrayLength() >= 2 ? board.EnumerateArray().OrderBy(r => r.GetProperty("taskId").GetString(), StringComparer.Ordinal).ToArray() : null;
        });
        var (deleted, rolledBack) = (tasks[0].GetProperty("taskId").GetString()!, tasks[1].GetProperty("taskId").GetString()!);
        var stages = tasks.Take(2).Select(r => r.GetProperty("stage").GetString()).ToArray();

        await using (var owner = new NpgsqlConnection(TestDatabase.OwnerConnectionString))
        {
            await owner.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM task_board WHERE task_id = $1", owner) { Parameters = { new() { Value = deleted } } };
            (await delete.ExecuteNonQueryAsync()).Should().Be(1, "the board had the task's row");
            await using var rollBack = new NpgsqlCommand("UPDATE task_board SET version = 0, stage = 'Published' WHERE task_id = $1", owner) { Parameters = { new() { Value = rolledBack } } };
            (await rollBack.ExecuteNonQueryAsync()).Should().Be(1, "the board had the task's row");
        }

        (await boss.PostAsync("/api/ops/reconcile?repair=false", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only admins run the check");

        var report = await ReconcileAsync(admin, repair: false);
        var behind = Streams(report).Where(s => s.GetProperty("id").GetString() == deleted || s.GetProperty("id").GetString() == rolledBack).ToList();
        behind.Should().HaveCount(2, "both tasks' board rows lag behind their grains");
        behind.Should().OnlyContain(s => s.GetProperty("boardBehind").GetBoolean() && !s.GetProperty("repaired").GetBoolean() && s.GetProperty("grainVersion").GetInt32() == 1,
            "reported, not repaired, with repair=false");
        report.GetProperty("repaired").GetInt32().Should().Be(0, "repair=false changes nothing");
        report.GetProperty("behind").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray().Select(r => r.GetProperty("taskId").GetString())
            .Should().NotContain(deleted, "a report-only run publishes nothing");

        var (code, output, _) = await CliRunner.RunAsync(api.Silo, api.AdminToken, "ops", "reconcile", "--lang", "en");
        output.Should().Contain(deleted).And.Contain(rolledBack).And.Contain("behind");
        code.Should().Be(1, "something still lags after a report-only run");

        var repaired = await ReconcileAsync(admin, repair: true);
        Streams(repaired).Where(s => s.GetProperty("id").GetString() == deleted || s.GetProperty("id").GetString() == rolledBack)
            .Should().HaveCount(2).And.OnlyContain(s => s.GetProperty("repaired").GetBoolean(), "their events were published again");

        // The consumers apply the events again within moments: both rows are back in the stage they had.
        var rows = await TaskScenario.WaitAsync<List<JsonElement>>(async () =>
        {
            var board = (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray()
                .Where(r => r.GetProperty("taskId").GetString() is var id && (id == deleted || id == rolledBack)).ToList();
            return board.Count == 2 && board.OrderBy(r => r.GetProperty("taskId").GetString(), StringComparer.Ordinal).Select(r => r.GetProperty("stage").GetString()).SequenceEqual(stages) ? board : null;
        });
        rows.Should().HaveCount(2);
        var after = await ReconcileAsync(admin, repair: false);
        Streams(after).Select(s => s.GetProperty("id").GetString()).Should().NotContain(deleted, "the board is level with the grains again").And.NotContain(rolledBack);
    }

    private static async Task<JsonElement> ReconcileAsync(HttpClient admin, bool repair)
    {
        var response = await admin.PostAsync($"/api/ops/reconcile?repair={(repair ? "true" : "false")}", null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement.ArrayEnumerator Streams(JsonElement report) => report.GetProperty("streams").EnumerateArray();
}
