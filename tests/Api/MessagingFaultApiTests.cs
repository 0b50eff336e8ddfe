using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Samples.Contracts.Draws;
using Samples.Contracts.Tasks;
using Samples.Domain.Audit;
using Samples.Silo.Operations;
using Samples.Tests.Support;

namespace Samples.Tests.Api;

/// <summary>
/// Faulted messages on a real silo (in-memory transport, a retry budget of 0.3 s): a message its consumer gives up on is
/// kept and listed for admins only; redelivery sends it once, marked and audited; the service redelivers by itself what
/// failed from a transient cause before the store was seen healthy, and nothing else.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MessagingFaultApiTests
{
    private static readonly Dictionary<string, string?> ShortBudget = new() { [FaultComposition.RetryBudgetKey] = "00:00:00.3" };

    [Fact]
    public async Task A_message_its_consumer_gives_up_on_is_kept_with_its_cause_and_listed_for_admins_only()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("faults-kept", ShortBudget);
        await using var _ = silo;
        using var admin = silo.Http(silo.AdminToken());
        using var supervisor = silo.Http(supervisorToken);
        var drawId = $"FAULT-{Guid.NewGuid():N}"[..14];

        // A step without its entry: the audit consumer throws on it every time (a permanent cause).
        await silo.Services.GetRequiredService<IBus>().Publish(new DrawStepRecorded($"{drawId}#1", drawId, null!));
        var list = await WaitAsync(admin, l => l.GetProperty("waiting").GetInt32() == 1);

        var count = list.GetProperty("counts").EnumerateArray().Should().ContainSingle().Subject;
        count.GetProperty("messageType").GetString().Should().Be("urn:message:Samples.Contracts.Draws:DrawStepRecorded");
        count.GetProperty("endpoint").GetString().Should().Be("draw-audit", "the endpoint is named by its queue");
        var fault = list.GetProperty("faults").EnumerateArray().Should().ContainSingle().Subject;
        fault.GetProperty("exceptionType").GetString().Should().Be("System.NullReferenceException");
        fault.GetProperty("transient").GetBoolean().Should().BeFalse("a bug does not heal when the store comes back");
        fault.GetProperty("attempts").GetInt32().Should().Be(1 + Samples.Domain.Operations.RetryBudget.Intervals(TimeSpan.FromSeconds(0.3)).Count);
        fault.GetProperty("redeliveredAt").ValueKind.Should().Be(JsonValueKind.Null);
        (await (await admin.GetAsync("/health")).Content.ReadAsStringAsync()).Should().Contain("faulted messages wait for redelivery", "the health warning");
        Gauges().Should().Contain(1, "the gauge of this silo's meter counts the waiting message");

        (await supervisor.GetAsync("/api/ops/errors")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "operations are for admins");
        (await supervisor.PostAsync($"/api/ops/errors/{fault.GetProperty("id").GetInt64()}/redeliver", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var badLimit = await admin.GetAsync("/api/ops/errors?limit=0");
        badLimit.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badLimit.Content.ReadAsStringAsync()).Should().Contain("limit");
        var badId = await admin.PostAsync("/api/ops/errors/abc/redeliver", null);
        badId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badId.Content.ReadAsStringAsync()).Should().Contain("\"id\"");
        (await admin.PostAsync("/api/ops/errors/999999999/redeliver", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await WaitAsync(admin, l => true)).GetProperty("waiting").GetInt32().Should().Be(1, "refused requests change nothing");
    }

    [Fact]
    public async Task A_kept_message_is_redelivered_once_marked_with_who_and_when_and_audited_and_again_only_if_it_faults_again()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("faults-redeliver", ShortBudget);
        await using var __ = silo;
        using var admin = silo.Http(silo.AdminToken());
        var store = silo.Services.GetRequiredService<FaultStore>();
        var step = Step("REDELIVER");
        await store.RecordAsync(Fault(step, transient: false, DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
        var id = (await WaitAsync(admin, l => l.GetProperty("waiting").GetInt32() == 1)).GetProperty("faults")[0].GetProperty("id").GetInt64();

        var first = await admin.PostAsync($"/api/ops/errors/{id}/redeliver", null);
        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var sent = await first.Content.ReadFromJsonAsync<JsonElement>();
        sent.GetProperty("redelivered").GetInt32().Should().Be(1);
        sent.GetProperty("faults")[0].GetProperty("redeliveredBy").GetString().Should().StartWith("bootstrap-admin", "the caller who asked");
        var again = await (await admin.PostAsync($"/api/ops/errors/{id}/redeliver", null)).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("redelivered").GetInt32().Should().Be(0, "redelivery is idempotent: it went out and has not faulted since");
        again.GetProperty("alreadyRedelivered").GetInt32().Should().Be(1);
        (await (await admin.PostAsync("/api/ops/errors/redeliver", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redelivered").GetInt32()
            .Should().Be(0, "nothing waits");

        var trail = await AuditAsync(admin, rows => rows.Any(r => r.EventId == step.EventId));
        trail.Should().ContainSingle(r => r.EventId == step.EventId, "the redelivered step reached the audit trail once");
        var audited = trail.Where(r => r.Stream == FaultRedelivery.AuditStream(id)).Should().ContainSingle("the redelivery itself is audited").Subject;
        audited.Action.Should().Be("redeliver");
        audited.Actor.Should().StartWith("bootstrap-admin", "the caller who asked");
        (await WaitAsync(admin, l => true, all: true)).GetProperty("faults").GetArrayLength().Should().Be(1, "a redelivered fault is marked, never deleted");

        // The same message faulting again (its redelivery failed too) waits again, with its attempts added up.
        await store.RecordAsync(Fault(step, transient: false, DateTimeOffset.UtcNow.AddSeconds(1)), CancellationToken.None);
        var waitingAgain = (await WaitAsync(admin, l => l.GetProperty("waiting").GetInt32() == 1)).GetProperty("faults")[0];
        waitingAgain.GetProperty("faults").GetInt32().Should().Be(2);
        waitingAgain.GetProperty("attempts").GetInt32().Should().Be(6);
        waitingAgain.GetProperty("redeliveries").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task After_a_recovery_the_service_redelivers_by_itself_only_what_failed_from_a_transient_cause_before_it()
    {
        var (silo, _) = await ApiFixture.StartIsolatedAsync("faults-auto", ShortBudget);
        await using var __ = silo;
        using var admin = silo.Http(silo.AdminToken());
        var store = silo.Services.GetRequiredService<FaultStore>();
        var outage = Step("OUTAGE");
        var bug = Step("BUG");
        var later = Step("LATER");
        await store.RecordAsync(Fault(outage, transient: true, DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        await store.RecordAsync(Fault(bug, transient: false, DateTimeOffset.UtcNow.AddHours(-1)), CancellationToken.None);
        await store.RecordAsync(Fault(later, transient: true, DateTimeOffset.UtcNow.AddHours(1)), CancellationToken.None);

        var list = await WaitAsync(admin, l => l.GetProperty("waiting").GetInt32() == 2, all: true);
        var byEvent = list.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("messageId").GetGuid());
        byEvent[Id(outage)].GetProperty("redeliveredBy").GetString().Should().Be(FaultRedeliveryService.Actor);
        byEvent[Id(outage)].GetProperty("autoRedeliveredAt").ValueKind.Should().Be(JsonValueKind.String);
        byEvent[Id(bug)].GetProperty("redeliveredAt").ValueKind.Should().Be(JsonValueKind.Null, "a permanent cause waits for an operator");
        byEvent[Id(later)].GetProperty("redeliveredAt").ValueKind.Should().Be(JsonValueKind.Null, "it failed after the store was seen healthy: not an outage's");
        (await AuditAsync(admin, rows => rows.Any(r => r.EventId == outage.EventId))).Should().NotContain(r => r.EventId == bug.EventId);
    }

    [Fact]
    public async Task Samples_ops_errors_lists_them_by_name_Chinese_first_and_redeliver_sends_one_or_all()
    {
        var (silo, supervisorToken) = await ApiFixture.StartIsolatedAsync("faults-cli", ShortBudget);
        await using var __ = silo;
        var adminToken = silo.AdminToken();
        var store = silo.Services.GetRequiredService<FaultStore>();
        var empty = await CliRunner.RunAsync(silo, adminToken, "ops", "errors");
        empty.Output.Should().Contain("没有等待重新投递的消息");
        var first = Step("CLI-A");
        await store.RecordAsync(Fault(first, transient: false, DateTimeOffset.UtcNow.AddMinutes(-5)), CancellationToken.None);
        await store.RecordAsync(Fault(Step("CLI-B"), transient: false, DateTimeOffset.UtcNow.AddMinutes(-4)), CancellationToken.None);

        var listed = await CliRunner.RunAsync(silo, adminToken, "ops", "errors");
        listed.Code.Should().Be(Samples.Client.Http.ExitCodes.Ok, listed.Error);
        listed.Output.Should().Contain("2 条消息等待重新投递").And.Contain("抽取步骤 Draw steps").And.Contain("抽取审计 Draw audit")
            .And.Contain("需人工处理").And.Contain("(UTC+8)").And.NotContain("urn:message", "names, not codes");
        (await CliRunner.RunAsync(silo, supervisorToken, "ops", "errors")).Code.Should().Be(Samples.Client.Http.ExitCodes.NotAllowed);
        (await CliRunner.RunAsync(silo, adminToken, "ops", "errors", "redeliver")).Code.Should().Be(Samples.Client.Http.ExitCodes.Usage, "an ID or --all");

        var id = (await store.ListAsync(false, 10, CancellationToken.None)).Single(f => f.MessageId == Id(first)).Id;
        var one = await CliRunner.RunAsync(silo, adminToken, "ops", "errors", "redeliver", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--lang", "en");
        one.Output.Should().MatchRegex(@"Redelivered\s+1");
        var rest = await CliRunner.RunAsync(silo, adminToken, "ops", "errors", "redeliver", "--all");
        rest.Output.Should().MatchRegex(@"已重新投递 Redelivered\s+1", "the other one; the first is not sent twice");
        (await CliRunner.RunAsync(silo, adminToken, "ops", "errors")).Output.Should().Contain("没有等待重新投递的消息");
    }

    /// <summary>What every silo of this process reports on the waiting-faults gauge now.</summary>
    private static List<long> Gauges()
    {
        var seen = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FaultWatch.MeterName && instrument.Name == "samples.messaging.faulted.waiting")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => seen.Add(value));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    private static DrawStepRecorded Step(string what)
    {
        var drawId = $"{what}-{Guid.NewGuid():N}"[..20];
        return new($"{drawId}#1", drawId, TaskHistory.Entry(TaskHistoryEntry.Genesis, 1, DateTimeOffset.UtcNow, "sup", "commit", "test"));
    }

    /// <summary>A message id per step, stable, so the list can be matched to the steps.</summary>
    private static Guid Id(DrawStepRecorded step) => new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(step.EventId)).AsSpan(0, 16));

    /// <summary>The step as the error pipe would have kept it: MassTransit's JSON envelope around the message.</summary>
    private static FaultRecord Fault(DrawStepRecorded step, bool transient, DateTimeOffset failedAt)
    {
        var type = MessageUrn.ForTypeString<DrawStepRecorded>();
        var body = JsonSerializer.Serialize(new { messageId = Id(step), messageType = new[] { type }, message = step }, SystemTextJsonMessageSerializer.Options);
        return new(Id(step), type, "draw-audit", body, transient ? "Npgsql.NpgsqlException" : "System.InvalidOperationException", "test", transient,
            failedAt.AddSeconds(-1), failedAt, 3);
    }

    private static async Task<JsonElement> WaitAsync(HttpClient admin, Func<JsonElement, bool> done, bool all = false)
    {
        JsonElement list = default;
        for (var i = 0; i < 150; i++)
        {
            var response = await admin.GetAsync($"/api/ops/errors?all={all}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            list = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (done(list))
            {
                return list;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return list;
    }

    private static async Task<List<AuditRow>> AuditAsync(HttpClient admin, Func<List<AuditRow>, bool> done)
    {
        List<AuditRow> rows = [];
        for (var i = 0; i < 150; i++)
        {
            rows = (await admin.GetFromJsonAsync<List<AuditRow>>("/api/audit?limit=10000"))!;
            if (done(rows))
            {
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return rows;
    }
}
