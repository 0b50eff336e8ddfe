using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Samples.Domain.Directory;
using Samples.Domain.Reference;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>What workflow tests share: credentials for the drawn people, and waiting for the read models.</summary>
public static class TaskScenario
{
    public static async Task<string> CredentialAsync(RunningSilo silo, string name, string role, string subject)
    {
        using var admin = silo.Http(silo.AdminToken());
        return await CredentialAsync(admin, name, role, subject);
    }

    /// <summary>Issues a credential through <paramref name="admin"/> (an admin's client) and returns its token.</summary>
    public static async Task<string> CredentialAsync(HttpClient admin, string name, string role, string? subject)
    {
        var response = await admin.PostAsJsonAsync("/api/credentials", new { name, role, subject });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Read models follow the events: poll until the condition holds (at most 30 s).</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await probe();
            if (value is not null)
            {
                return value;
            }

            DateTimeOffset.UtcNow.Should().BeBefore(until, "the read model should follow the events within 30 s");
            await Task.Delay(100);
        }
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            DateTimeOffset.UtcNow.Should().BeBefore(until, "the read model should follow the events within 30 s");
            await Task.Delay(100);
        }
    }

    public static readonly string[] LithiumItems = ["li2co3", "na", "mg", "ca", "b", "so4", "k", "fe"];

    /// <summary>
    /// The cast of one drawn task, ready to work: a task of the plan with a team of two (the <paramref name="which"/>-th on the board), a credential for each member,
    /// two labs that may test and re-test lithium carbonate with a credential each, and the batch to sample.
    /// </summary>
    public static async Task<TaskCast> CastAsync(RunningSilo silo, HttpClient boss, string planId, int which = 0)
    {
        // Only tasks nobody has started: the board fills as the draw's events arrive, so the which-th row of a later call
        // may otherwise be a task an earlier call already took through the workflow.
        static IEnumerable<JsonElement> Fresh(JsonElement board) =>
            board.EnumerateArray().Where(r => r.GetProperty("team").GetArrayLength() == 2 && r.GetProperty("stage").GetString() == nameof(Samples.Contracts.Tasks.TaskStage.Assigned));
        var board = await WaitForAsync(async () => await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks") is var b
            && Fresh(b).Count() > which ? b : (JsonElement?)null);
        var row = Fresh(board).ElementAt(which);
        var taskId = row.GetProperty("taskId").GetString()!;
        var uscc = row.GetProperty("uscc").GetString()!;
        var team = row.GetProperty("team").EnumerateArray().Select(x => x.GetString()!).ToArray();
        foreach (var lab in new[] { "LAB1", "LAB2" })
        {
            (await boss.PutAsJsonAsync($"/api/labs/{planId}-{lab}", new { name = lab, accreditedCategories = new[] { DrawScenario.Category }, accreditedItems = LithiumItems, mayRetest = true })).EnsureSuccessStatusCode();
        }

        var cast = new TaskCast(
            taskId, uscc, $"{planId}-B{which + 1}", $"{planId}-LAB1", $"{planId}-LAB2",
            await CredentialAsync(silo, "检查员甲", Samples.Contracts.Access.Role.Inspector, team[0]),
            await CredentialAsync(silo, "检查员乙", Samples.Contracts.Access.Role.Inspector, team[1]),
            await CredentialAsync(silo, "实验室一", Samples.Contracts.Access.Role.Lab, $"{planId}-LAB1"),
            await CredentialAsync(silo, "实验室二", Samples.Contracts.Access.Role.Lab, $"{planId}-LAB2"));
        (await boss.PutAsJsonAsync($"/api/batches/{cast.BatchId}", new { enterpriseUscc = uscc, producerUscc = uscc, category = DrawScenario.Category, productName = "电池级碳酸锂", standard = "YS/T 582-2013", batchNumber = "20260301" })).EnsureSuccessStatusCode();
        return cast;
    }

    /// <summary>
    /// Takes one drawn task of the plan through sampling, a failed test, an objection and a passing re-test to
    /// publication, over HTTP as the drawn people would. Returns the task and its enterprise.
    /// </summary>
    public static async Task<(string TaskId, string Uscc)> PublishOneAsync(RunningSilo silo, HttpClient boss, string planId, int which = 0)
    {
        var cast = await CastAsync(silo, boss, planId, which);
        var (taskId, uscc, batchId) = (cast.TaskId, cast.Uscc, cast.BatchId);
        string[] items = LithiumItems;
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        using var lab1 = silo.Http(cast.LabToken);
        using var lab2 = silo.Http(cast.RetestLabToken);
        var today = Samples.Domain.Reference.ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var path = $"/api/tasks/{Uri.EscapeDataString(taskId)}";
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1", "QH-2" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = cast.Lab });
        await Step(lab1, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1", "QH-2" } });
        await Step(lab1, "post-results", new { items = items.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 99.40m : 0.0001m }).ToArray() });
        await Step(lab1, "issue-report", new { reportNumber = $"{planId}-R1" });
        await Step(boss, "notify-enterprise", new { receivedOn = today });
        await Step(boss, "file-objection", new { filedOn = today, items = new[] { "li2co3" }, reason = "检验方法有误" });
        await Step(boss, "assign-retest", new { labId = cast.RetestLab });
        await Step(lab2, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-2" } });
        await Step(lab2, "post-results", new { items = new[] { new { item = "li2co3", kind = "value", value = 99.60m } } });
        await Step(boss, "publish", new { });
        return (taskId, uscc);
    }
    /// <summary>
    /// Takes a cast task through sampling, a failing test (li2co3 98.0 %), the report and the notice, then past the
    /// objection window (the silo's clock 20 days on) to a failed conclusion with its disposal case open. Returns the
    /// day it was concluded (China).
    /// </summary>
    public static async Task<DateOnly> FailAndConcludeAsync(RunningSilo silo, HttpClient boss, TaskCast cast)
    {
        await FailAndReportAsync(silo, cast, $"{cast.TaskId[..12]}-R1");
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        (await boss.PostAsJsonAsync($"{path}/notify-enterprise", new { receivedOn = Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow()) })).StatusCode.Should().Be(HttpStatusCode.OK);
        silo.Clock.Advance(TimeSpan.FromDays(20));
        (await boss.PostAsJsonAsync($"{path}/conclude", new { })).StatusCode.Should().Be(HttpStatusCode.OK);

        // Lists, the risk run and bulletins read the task board, which the task's event updates a moment later.
        var planId = (await boss.GetFromJsonAsync<JsonElement>(path)).GetProperty("planId").GetString();
        await WaitForAsync(async () => (await boss.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}/tasks")).EnumerateArray()
            .FirstOrDefault(r => r.GetProperty("taskId").GetString() == cast.TaskId && r.GetProperty("concludedOn").ValueKind == JsonValueKind.String) is { ValueKind: JsonValueKind.Object } r ? r : (JsonElement?)null);
        return Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow());
    }

    /// <summary>Takes a cast task through sampling (today, China) and a failing test (li2co3 98.0 %) to its report.</summary>
    public static async Task FailAndReportAsync(RunningSilo silo, TaskCast cast, string reportNumber)
    {
        using var first = silo.Http(cast.FirstInspector);
        using var second = silo.Http(cast.SecondInspector);
        using var lab = silo.Http(cast.LabToken);
        var path = $"/api/tasks/{Uri.EscapeDataString(cast.TaskId)}";
        var today = Samples.Domain.Reference.ChinaTime.DateOf(silo.Clock.GetUtcNow());
        async Task Step(HttpClient who, string action, object body)
        {
            var response = await who.PostAsJsonAsync($"{path}/{action}", body);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        }

        await Step(first, "accept", new { });
        await Step(second, "accept", new { });
        await Step(first, "record-sampling", new { batchId = cast.BatchId, testQuantity = 0.5m, reserveQuantity = 0.5m, unit = "kg", seals = new[] { "QH-1" }, signedByEnterprise = true, sampledOn = today, variants = new Dictionary<string, string> { ["grade"] = "battery" } });
        await Step(second, "hand-over", new { labId = cast.Lab });
        await Step(lab, "receive", new { sealsIntact = true, sealsSeen = new[] { "QH-1" } });
        await Step(lab, "post-results", new { items = LithiumItems.Select(i => new { item = i, kind = "value", value = i == "li2co3" ? 98.0m : 0.0001m }).ToArray() });
        await Step(lab, "issue-report", new { reportNumber });
    }
}

/// <summary>Who works on one drawn task in a test: the task, its enterprise and batch, the two labs, and each one's token.</summary>
public sealed record TaskCast(
    string TaskId, string Uscc, string BatchId, string Lab, string RetestLab, string FirstInspector, string SecondInspector, string LabToken, string RetestLabToken);
